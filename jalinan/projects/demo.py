"""Demo projects: ~120 collaborative, contract research and consultancy projects across every
status, with partners, teams, funding by year, milestones (some late), outputs and income;
contract and collaborative ones come under the research agreements (CRA, RCA) in force with
their partner where there is one. The demo academic leads two, the demo student works on
some, and the demo partner's organisation is a partner in about one in ten.

Deterministic (one ``ctx.rng`` per project, every draw made whether the project exists or
not) and idempotent: a project's title is its natural key.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.models import Memorandum

from . import services
from .choices import MemberRole, MilestoneStatus, OutputKind, ProjectKind, ProjectStatus
from .models import Milestone, Project

K, S = ProjectKind, ProjectStatus

PLAN = [
    (S.ACTIVE, 55),
    (S.COMPLETED, 35),
    (S.PLANNED, 12),
    (S.SUSPENDED, 8),
    (S.TERMINATED, 10),
]
TOPICS = [
    ("Machine vision for quality inspection", "defect detection on production lines"),
    ("Halal traceability platform", "tracing halal status across the supply chain"),
    ("Solar microgrid controller", "control of small solar and battery systems"),
    ("Palm oil mill effluent treatment", "cleaner treatment of mill effluent"),
    ("Predictive maintenance of rotating machinery", "vibration analysis and failure forecasts"),
    ("Low-cost water quality sensors", "river and tap water monitoring"),
    ("Herbal formulation stability study", "shelf life of herbal products"),
    ("Sukuk structuring advisory", "Islamic capital market instruments"),
    ("Smart greenhouse automation", "IoT control of climate and irrigation"),
    ("Biodegradable packaging from agro-waste", "packaging made from fibres"),
    ("Cybersecurity assessment of plant networks", "operational technology security"),
    ("Telehealth service evaluation", "remote consultations for rural clinics"),
    ("Autonomous warehouse robots", "navigation and picking robots"),
    ("Green building energy audit", "energy use of commercial buildings"),
    ("Aquaculture feed from insect protein", "sustainable fish feed"),
    ("Occupational noise exposure study", "hearing protection at work"),
    ("Arabic and Malay document digitisation", "optical character recognition of manuscripts"),
    ("Electric motorcycle battery management", "battery safety and range"),
    ("Medical device usability testing", "human factors of clinical devices"),
    ("Flood early-warning analytics", "rainfall and river level forecasting"),
    ("Food allergen rapid test kit", "detection of allergens in food"),
    ("Port logistics optimisation", "berth and yard scheduling"),
    ("Zakat distribution analytics", "data for zakat institutions"),
    ("Precision fertiliser dosing", "nutrient management for smallholders"),
]
PUBLICATIONS = [
    "A field study of {t}",
    "Towards {t}: results from an industry collaboration",
    "Design and evaluation of {t}",
    "Lessons learnt in {t}",
]
ASSISTANTS = ["Nur Aisyah Zulkifli", "Muhammad Hafiz Rahman", "Lee Jia Hui", "Priya Nair"]
STUDENTS = [
    "Aiman Hakim",
    "Farah Nadia",
    "Wong Kar Yan",
    "Siti Khadijah",
    "Harith Iskandar",
    "Nurul Izzah",
]
PARTNER_STAFF = ["Ir. Ahmad Fauzi", "Ms Tan Li Ping", "Mr Rajesh Kumar", "Dr Chen Wei"]
PHASES = ["requirements study", "design", "prototype", "field trials", "evaluation"]
KIND_WEIGHTS = [(K.COLLABORATIVE, 0.5), (K.CONTRACT, 0.3), (K.CONSULTANCY, 0.2)]


def _short(org) -> str:
    return org.legal_name.split(" Sdn")[0].split(" Berhad")[0].split(" Bhd")[0]


def _rm(value: float) -> Decimal:
    return Decimal(int(round(value / 500.0)) * 500)


def _kind(rng) -> str:
    x, acc = rng.random(), 0.0
    for kind, weight in KIND_WEIGHTS:
        acc += weight
        if x < acc:
            return kind
    return K.COLLABORATIVE


def _months(day: datetime.date, months: int) -> datetime.date:
    m = day.month - 1 + months
    return datetime.date(day.year + m // 12, m % 12 + 1, min(day.day, 28))


def _dates(rng, status, today):
    """Start and end of a project in ``status`` as of today, and its length in months."""
    months = rng.choice([12, 18, 24, 24, 36]) if rng.random() < 0.8 else rng.choice([6, 9])
    if status == S.PLANNED:
        start = today + datetime.timedelta(days=rng.randint(20, 150))
    elif status == S.ACTIVE:
        start = today - datetime.timedelta(days=rng.randint(30, max(31, months * 30 - 30)))
    elif status == S.COMPLETED:
        start = today - datetime.timedelta(days=months * 30 + rng.randint(30, 1400))
    else:  # suspended, terminated
        start = today - datetime.timedelta(days=rng.randint(200, 900))
    start = start.replace(day=1)
    end = _months(start, months) - datetime.timedelta(days=1)
    if status == S.TERMINATED:
        end = min(end, today - datetime.timedelta(days=rng.randint(10, 150)))
        end = max(end, start + datetime.timedelta(days=60))
    return start, end, months


def _funding(rng, kind, org, start, end):
    years = list(range(start.year, end.year + 1))
    if kind == K.CONSULTANCY:
        total_cash, total_kind, internal = rng.uniform(20_000, 150_000), 0, 0
    elif kind == K.CONTRACT:
        total_cash, total_kind, internal = rng.uniform(100_000, 800_000), rng.uniform(0, 60_000), 0
    else:
        total_cash = rng.uniform(0, 120_000)
        total_kind = rng.uniform(50_000, 300_000)
        internal = rng.uniform(20_000, 100_000)
    rows = []
    for y in years:
        share = 1 / len(years)
        cash, in_kind = _rm(total_cash * share), _rm(total_kind * share)
        if cash or in_kind:
            rows.append({"year": y, "organisation": org, "cash": cash, "in_kind": in_kind})
        if internal:
            rows.append(
                {"year": y, "organisation": None, "cash": _rm(internal * share), "in_kind": 0}
            )
    return rows


def seed(ctx) -> None:
    today = timezone.localdate()
    officer = ctx.logins.get("officer")
    academic_login = ctx.logins.get("academic")
    student_login = ctx.logins.get("student")
    partner = ctx.logins.get("partner")
    partner_org = getattr(partner, "organisation", None)
    orgs = [o for o in ctx.organisations if o.status != "merged"]
    if not orgs:
        return
    leads = [p for p in ctx.academics if p.unit_id] or [academic_login]
    # Research agreements in force with each organisation that no project runs under yet
    # (read only; a project names its memorandum when the projects' service creates it).
    memos_by_org: dict[int, list] = {}
    for memo in (
        Memorandum.objects.filter(
            memo_type__code__in=["rca", "cra"], status__in=IN_FORCE, projects__isnull=True
        )
        .select_related("memo_type")
        .prefetch_related("parties")
        .order_by("pk")
    ):
        for party in memo.parties.all():
            memos_by_org.setdefault(party.organisation_id, []).append(memo)
    taken: set[int] = set()
    existing = set(Project.objects.values_list("title", flat=True))
    titles: set[str] = set()

    serial = 0
    for status, count in PLAN:
        for _i in range(ctx.n(count)):
            serial += 1
            rng = ctx.rng(f"projects:{serial}")
            kind = _kind(rng)
            org = orgs[rng.randrange(len(orgs))]
            if partner_org is not None and serial % 10 == 3:
                org = partner_org
            second = orgs[rng.randrange(len(orgs))] if rng.random() < 0.2 else None
            topic, about = TOPICS[rng.randrange(len(TOPICS))]
            lead = leads[rng.randrange(len(leads))]
            if academic_login is not None and serial in (1, 2):
                lead = academic_login
            start, end, months = _dates(rng, status, today)
            co = rng.sample(leads, k=min(len(leads), rng.randint(0, 3)))
            n_ra, n_students = rng.randint(0, 2), rng.randint(0, 3)
            with_student_login = student_login is not None and serial % 15 == 4
            n_steps = rng.randint(3, 6)
            draws = [rng.random() for _ in range(12)]
            title = f"{topic} with {_short(org)}"
            n = 2
            while title in titles:
                title, n = f"{topic} with {_short(org)} (phase {n})", n + 1
            titles.add(title)
            if title in existing:
                ctx.count("projects", False)
                continue
            team = [{"user": u, "role": MemberRole.CO_RESEARCHER} for u in co if u.pk != lead.pk]
            team += [
                {
                    "name": ASSISTANTS[(serial + k) % len(ASSISTANTS)],
                    "role": MemberRole.RESEARCH_ASSISTANT,
                }
                for k in range(n_ra)
            ]
            team += [
                {"name": STUDENTS[(serial + k) % len(STUDENTS)], "role": MemberRole.STUDENT}
                for k in range(n_students)
            ]
            if with_student_login:
                team.append({"user": student_login, "role": MemberRole.STUDENT})
            if kind != K.CONSULTANCY:
                team.append(
                    {
                        "name": PARTNER_STAFF[serial % len(PARTNER_STAFF)],
                        "role": MemberRole.PARTNER_STAFF,
                        "organisation": org,
                    }
                )
            step_days = max(30, (end - start).days // n_steps)
            milestones = []
            for k in range(n_steps):
                due = start + datetime.timedelta(days=step_days * (k + 1))
                final = k == n_steps - 1
                milestones.append(
                    {
                        "title": "Final report to the partner"
                        if final
                        else f"Work package {k + 1}: {PHASES[k % len(PHASES)]}",
                        "due_date": min(due, end) if final else due,
                        "is_deliverable": final or draws[k % 12] < 0.3,
                    }
                )
            memo = None
            wanted = {"contract": "cra", "collaborative": "rca"}.get(kind)
            for m in memos_by_org.get(org.pk, []):
                if wanted and m.memo_type.code == wanted and m.pk not in taken:
                    memo = m
                    break
            if memo is None and kind != K.CONSULTANCY and draws[0] < 0.5:
                for m in memos_by_org.get(org.pk, []):
                    if m.pk not in taken:
                        memo = m
                        break
            if memo is not None:
                taken.add(memo.pk)
            organisations = [org] + ([second] if second and second.pk != org.pk else [])
            funding = _funding(rng, kind, org, start, end)
            project = services.project_create(
                by=officer or lead,
                title=title,
                kind=kind,
                lead=lead,
                unit=lead.unit,
                organisations=organisations,
                summary=f"{ProjectKind(kind).label} with {org.legal_name} on {about}.",
                start_date=start,
                end_date=end,
                status=status,
                memorandum=memo,
                team=team,
                funding=funding,
                milestones=milestones,
                quiet=True,
                at=timezone.make_aware(
                    datetime.datetime.combine(start - datetime.timedelta(days=30), datetime.time(9))
                ),
            )
            ctx.count("projects", True)
            _progress(
                project,
                rng_draws=draws,
                status=status,
                today=today,
                by=lead,
                org=org,
                kind=kind,
                funding=funding,
                topic=topic,
            )


def _progress(project, *, rng_draws, status, today, by, org, kind, funding, topic) -> None:
    """Milestones done (a few late ones left on running projects), outputs and income."""
    steps = list(Milestone.objects.filter(project=project).order_by("due_date", "pk"))
    for k, m in enumerate(steps):
        if m.due_date >= today:
            if status in (S.TERMINATED,):
                services.milestone_update(milestone=m, by=by, status=MilestoneStatus.CANCELLED)
            continue
        late = status in (S.ACTIVE, S.SUSPENDED) and rng_draws[(k + 3) % 12] < 0.25
        if late:
            continue
        services.milestone_update(
            milestone=m,
            by=by,
            status=MilestoneStatus.DONE,
            completed_on=min(
                today, m.due_date + datetime.timedelta(days=int(rng_draws[k % 12] * 20))
            ),
        )
    if status in (S.ACTIVE, S.COMPLETED, S.TERMINATED):
        done_years = [y for y in range(project.start_date.year, today.year + 1)]
        n_pubs = int(rng_draws[4] * (4 if status == S.COMPLETED else 2))
        for k in range(n_pubs):
            services.output_add(
                project=project,
                by=by,
                kind=OutputKind.PUBLICATION,
                title=PUBLICATIONS[k % len(PUBLICATIONS)].format(t=topic.lower()),
                year=done_years[min(len(done_years) - 1, k + 1)],
            )
        if rng_draws[5] < 0.25:
            services.output_add(
                project=project,
                by=by,
                kind=OutputKind.IP,
                title=f"Patent application: {topic}",
                year=done_years[-1],
                note="Filed with MyIPO.",
            )
        if kind != K.CONSULTANCY and rng_draws[6] < 0.35:
            services.output_add(
                project=project,
                by=by,
                kind=OutputKind.PROTOTYPE,
                title=f"{topic} prototype",
                year=done_years[-1],
            )
        if kind == K.CONSULTANCY or status == S.COMPLETED:
            services.output_add(
                project=project,
                by=by,
                kind=OutputKind.REPORT,
                title=f"Final report: {topic}"
                if status == S.COMPLETED
                else f"Interim report: {topic}",
                year=done_years[-1],
            )
    # Income: the partner pays its cash in tranches as deliverables are met.
    partner_cash = sum((f["cash"] for f in funding if f["organisation"] is not None), Decimal("0"))
    if partner_cash and status != S.PLANNED:
        tranches = [m for m in steps if m.due_date < today] or []
        if status == S.COMPLETED:
            paid_share = Decimal("1")
        elif status == S.TERMINATED:
            paid_share = Decimal("0.5")
        else:
            paid_share = Decimal(str(round(0.3 + rng_draws[7] * 0.5, 2)))
        if tranches:
            each = (partner_cash * paid_share / len(tranches)).quantize(Decimal("1"))
            for k, m in enumerate(tranches):
                if each <= 0:
                    break
                services.income_record(
                    project=project,
                    by=by,
                    received_on=min(today, m.due_date + datetime.timedelta(days=30)),
                    amount=each,
                    payer=org,
                    reference=f"INV-{project.reference}-{k + 1}",
                )
