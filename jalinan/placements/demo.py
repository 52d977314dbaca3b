"""Demo data for placements: programmes, ~400 students with profiles, partner users who post
~150 openings (some waiting for approval, a few refused), applications in every state, ~200
placements across three terms (finished, in progress, coming) with logbooks, supervisors'
evaluations and students' ratings, and graduates' outcomes. The published openings and the
profiles are indexed for the recommendations once each, in batches, at the end.

Deterministic (everything is planned from ``ctx.rng("placements")`` before the database is
read) and idempotent (students by e-mail, openings by organisation and title, applications by
opening and student, the rest through them). Dates are relative to the day it runs. Writes go
through the services; the demo's notifications are marked e-mailed so that seeding sends no
mail.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.choices import IN_FORCE
from jalinan.core.demo import data
from jalinan.core.models import Notification

from . import ranking, selectors, services
from .choices import ApplicationStatus as S
from .choices import EvaluationStage, LogbookStatus, OpeningStatus, PlacementStatus
from .models import (
    Application,
    Evaluation,
    GraduateOutcome,
    Opening,
    Programme,
    StudentProfile,
)

DOMAIN = "demo.iium.example"
DEMO_PASSWORD = "jalinan-demo"  # noqa: S105 - the documented demo password

# (code, name, name in Malay, level, kulliyyah code, field, skills)
PROGRAMMES = [
    ("beng-mech", "BEng (Hons) Mechanical Engineering", "Sarjana Muda Kejuruteraan Mekanikal",
     "bachelor", "koe", "eng", ["SolidWorks", "MATLAB", "AutoCAD", "CNC machining", "FEA"]),
    ("beng-mct", "BEng (Hons) Mechatronics Engineering", "Sarjana Muda Kejuruteraan Mekatronik",
     "bachelor", "koe", "eng", ["PLC", "ROS", "Embedded C", "Arduino", "Python"]),
    ("beng-ece", "BEng (Hons) Electrical and Electronic Engineering",
     "Sarjana Muda Kejuruteraan Elektrik dan Elektronik", "bachelor", "koe", "eng",
     ["Circuit design", "PCB layout", "MATLAB", "Power systems", "Verilog"]),
    ("beng-civil", "BEng (Hons) Civil Engineering", "Sarjana Muda Kejuruteraan Awam",
     "bachelor", "koe", "eng", ["AutoCAD", "Revit", "Structural analysis", "Surveying"]),
    ("beng-chem", "BEng (Hons) Chemical Engineering", "Sarjana Muda Kejuruteraan Kimia",
     "bachelor", "koe", "eng", ["Aspen HYSYS", "Process safety", "MATLAB", "Lab analysis"]),
    ("bcs", "BSc (Hons) Computer Science", "Sarjana Muda Sains Komputer", "bachelor", "kict",
     "ict", ["Python", "Java", "SQL", "Machine learning", "Git"]),
    ("bit", "Bachelor of Information Technology (Hons)", "Sarjana Muda Teknologi Maklumat",
     "bachelor", "kict", "ict", ["JavaScript", "SQL", "Networking", "Linux", "UI design"]),
    ("bacc", "Bachelor of Accounting (Hons)", "Sarjana Muda Perakaunan", "bachelor", "kenms",
     "biz", ["Excel", "Auditing", "Islamic finance", "SQL Accounting", "Taxation"]),
    ("bba", "Bachelor of Business Administration (Hons)", "Sarjana Muda Pentadbiran Perniagaan",
     "bachelor", "kenms", "biz", ["Marketing", "Excel", "Project management", "Canva"]),
    ("barch", "BSc (Hons) Architectural Studies", "Sarjana Muda Sains Seni Bina", "bachelor",
     "kaed", "arch", ["Revit", "SketchUp", "Rhino", "Green building"]),
    ("bsc-biotech", "BSc (Hons) Biotechnology", "Sarjana Muda Sains Bioteknologi", "bachelor",
     "kos", "sci", ["PCR", "Cell culture", "Lab safety", "Halal analysis"]),
    ("bsc-chem", "BSc (Hons) Industrial Chemistry", "Sarjana Muda Sains Kimia Industri",
     "bachelor", "kos", "sci", ["HPLC", "GC-MS", "Quality control", "Lab safety"]),
    ("bpharm", "Bachelor of Pharmacy (Hons)", "Sarjana Muda Farmasi", "bachelor", "kop", "sci",
     ["GMP", "Pharmacology", "Formulation", "Quality control"]),
    ("llb", "Bachelor of Laws (Hons)", "Sarjana Muda Undang-undang", "bachelor", "aikol", "law",
     ["Legal research", "Drafting", "Contract law", "Arabic"]),
    ("msc-eng", "Master of Science (Engineering)", "Sarjana Sains (Kejuruteraan)", "master",
     "koe", "research", ["Research methods", "MATLAB", "Technical writing"]),
    ("phd-cs", "Doctor of Philosophy (Computer Science)", "Doktor Falsafah (Sains Komputer)",
     "doctorate", "kict", "research", ["Machine learning", "Python", "Technical writing"]),
]  # fmt: skip
PROGRAMME_WEIGHTS = [12, 10, 9, 7, 6, 12, 9, 6, 6, 4, 4, 3, 3, 3, 3, 2]

TITLES = {
    "eng": ["Engineering intern", "Maintenance engineering intern", "Design engineering intern",
            "Process improvement intern", "Quality engineering intern", "Automation intern"],
    "ict": ["Software engineering intern", "Data analytics intern", "IT support intern",
            "Cybersecurity intern", "Web developer intern", "Cloud operations intern"],
    "biz": ["Finance intern", "Audit assistant intern", "Marketing intern",
            "Business development intern", "Islamic finance intern"],
    "arch": ["Architectural assistant intern", "Sustainable design intern"],
    "sci": ["Laboratory intern", "Quality control intern", "Halal assurance intern",
            "Regulatory affairs intern"],
    "law": ["Legal intern", "Compliance intern"],
}  # fmt: skip
PROJECT_TITLES = ["Industry final-year project: %s", "Capstone project: %s"]
PROJECT_TOPICS = ["predictive maintenance", "energy audit", "process dashboard",
                  "waste reduction", "halal traceability", "customer analytics"]  # fmt: skip
RESEARCH_TITLES = ["Research with industry: %s", "Sponsored MSc/PhD research: %s"]
JOB_TITLES = {
    "eng": "Graduate engineer",
    "ict": "Graduate software developer",
    "biz": "Graduate executive",
    "arch": "Graduate architectural assistant",
    "sci": "Graduate chemist",
    "law": "Legal executive (graduate)",
}
CHINESE_SURNAMES = ["Tan", "Lim", "Wong", "Lee", "Ng", "Chong", "Ong", "Goh", "Teoh", "Chan"]
CHINESE_GIVEN = ["Wei Jie", "Xin Yi", "Jia Hui", "Zhi Hao", "Kai Xuan", "Mei Qi", "Jun Hao"]
INDIAN_GIVEN = [("Arun", "a/l"), ("Kavitha", "a/p"), ("Deepak", "a/l"), ("Shalini", "a/p"),
                ("Ganesh", "a/l"), ("Nisha", "a/p"), ("Vikram", "a/l")]  # fmt: skip
INDIAN_FATHER = ["Raman", "Muthu", "Selvam", "Krishnan", "Gopal"]
LOG_ACTIVITIES = [
    "Shadowed the team and learned the safety procedures.",
    "Prepared drawings and reviewed them with my supervisor.",
    "Collected and cleaned data for the weekly report.",
    "Assisted with testing and wrote up the results.",
    "Joined site visits and took minutes at the progress meeting.",
    "Built a small tool to automate a manual task.",
    "Presented my progress to the department.",
]
LEARNED = [
    "How the company plans its work week by week.",
    "Reading real specifications is harder than coursework.",
    "Asking early saves time.",
    "Documenting as I go.",
    "",
]

# The three terms, in days from today: (deadline, start, weeks, training period needed).
TERMS = {
    "past": (-340, -300, 12, (-305, -200)),
    "now": (-75, -42, 12, (-50, 50)),
    "next": (30, 60, 12, (55, 170)),
}


@dataclass
class StudentPlan:
    email: str
    name: str
    programme: str
    term: str
    year: int
    cgpa: Decimal
    skills: list[str]
    languages: list[str]
    consent: bool
    shared: list[str]


@dataclass
class OpeningPlan:
    org_index: int
    title: str
    kind: str
    term: str
    programmes: list[str]
    years: tuple[int | None, int | None]
    work_mode: str
    deadline: int
    start: int
    weeks: int
    places: int
    allowance: int | None
    skills: list[str]
    description: str
    fate: str = "publish"  # unvetted partners: approve, pending, reject


@dataclass
class ApplicationPlan:
    student: int
    opening: int
    path: list[str]  # the moves after submitting
    consent: bool
    note: str


@dataclass
class Plan:
    students: list[StudentPlan] = field(default_factory=list)
    openings: list[OpeningPlan] = field(default_factory=list)
    applications: list[ApplicationPlan] = field(default_factory=list)


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        pick = rng.random()
        if pick < 0.65:
            female = rng.random() < 0.55
            given = rng.choice(data.MALAY_GIVEN_F if female else data.MALAY_GIVEN_M)
            name = f"{given} {'Binti' if female else 'Bin'} {rng.choice(data.MALAY_FATHER)}"
        elif pick < 0.85:
            name = f"{rng.choice(CHINESE_SURNAMES)} {rng.choice(CHINESE_GIVEN)}"
        elif pick < 0.95:
            given, link = rng.choice(INDIAN_GIVEN)
            name = f"{given} {link} {rng.choice(INDIAN_FATHER)}"
        else:
            name = rng.choice(data.INTERNATIONAL)
        if name in seen:
            if len(seen) > 600:  # the pools are spent: tell twins apart by a middle initial
                name = f"{name.split(' ')[0]} {chr(65 + len(out) % 26)}. {name.split(' ', 1)[1]}"
            else:
                continue
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def plan(seed: int, scale: float, organisations: int, partner_org: int) -> Plan:
    """Everything to create, from the seed alone (no database)."""
    rng = random.Random(f"{seed}:placements")
    p = Plan()
    n_students = max(12, round(400 * scale))
    n_openings = max(9, round(150 * scale))
    codes = [row[0] for row in PROGRAMMES]
    fields = {row[0]: row[5] for row in PROGRAMMES}
    skills_of = {row[0]: row[6] for row in PROGRAMMES}
    for i, name in enumerate(_names(rng, n_students)):
        programme = rng.choices(codes, PROGRAMME_WEIGHTS)[0]
        term = rng.choices(["past", "now", "next"], [25, 25, 50])[0]
        research = fields[programme] == "research"
        year = (
            rng.choice([1, 2])
            if research
            else {"past": 4, "now": rng.choice([3, 4])}.get(term, rng.choice([2, 3, 3]))
        )
        languages = ["Malay", "English"] + (["Arabic"] if rng.random() < 0.4 else [])
        if name.split(" ")[0] in CHINESE_SURNAMES:
            languages.append("Mandarin")
        p.students.append(
            StudentPlan(
                email=f"student{i + 1:03d}@{DOMAIN}",
                name=name,
                programme=programme,
                term=term,
                year=year,
                cgpa=Decimal(f"{rng.uniform(2.4, 3.95):.2f}"),
                skills=rng.sample(skills_of[programme], k=min(3, len(skills_of[programme]))),
                languages=languages,
                consent=rng.random() < 0.75,
                shared=sorted(rng.sample(["programme", "year", "skills", "cgpa", "cv"], k=2)),
            )
        )
    by_field: dict[str, list[str]] = {}
    for code, f in fields.items():
        by_field.setdefault(f, []).append(code)
    taken: set[tuple[int, str]] = set()
    for j in range(n_openings):
        term = rng.choices(["past", "now", "next"], [30, 30, 40])[0]
        # The demo partner's organisation posts one in every fifteen.
        org_index = partner_org if j % 15 == 0 else rng.randrange(organisations)
        kind = rng.choices(["internship", "industry_project", "research", "job"], [64, 14, 7, 15])[
            0
        ]
        if kind == "job" and term != "next":
            kind = "internship"
        f = rng.choice(["eng", "eng", "ict", "ict", "biz", "sci", "arch", "law"])
        if kind == "research":
            f = "research"
            title = rng.choice(RESEARCH_TITLES) % rng.choice(PROJECT_TOPICS)
        elif kind == "industry_project":
            title = rng.choice(PROJECT_TITLES) % rng.choice(PROJECT_TOPICS)
        elif kind == "job":
            title = JOB_TITLES[f]
        else:
            title = rng.choice(TITLES[f])
        while (org_index, title) in taken:
            title = f"{title} ({len(taken) % 7 + 2})"
        taken.add((org_index, title))
        pool = by_field[f]
        programmes = (
            []
            if rng.random() < 0.2 and f != "research"
            else rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        )
        years = (
            (None, None)
            if f == "research" or rng.random() < 0.25
            else ((3, 4) if term != "next" else rng.choice([(2, 4), (3, 4), (2, 3)]))
        )
        if kind == "job":
            years = (4, None)
        deadline, start, weeks, _period = TERMS[term]
        shift = rng.randint(-6, 6)
        skills = rng.sample(
            sorted({s for c in (programmes or pool) for s in skills_of[c]}),
            k=min(3, len({s for c in (programmes or pool) for s in skills_of[c]})),
        )
        p.openings.append(
            OpeningPlan(
                org_index=org_index,
                title=title,
                kind=kind,
                term=term,
                programmes=programmes,
                years=years,
                work_mode=rng.choices(["on_site", "hybrid", "remote"], [70, 20, 10])[0],
                deadline=deadline + shift,
                start=start + shift + (30 if kind == "job" else 0),
                weeks=weeks + rng.choice([-2, 0, 0, 2]) + (40 if kind == "job" else 0),
                places=rng.choice([2, 3, 4, 4, 5, 6]),
                allowance=rng.choice([None, 500, 600, 800, 1000, 1200])
                if kind != "job"
                else rng.choice([3200, 3500, 4000]),
                skills=skills,
                description=(
                    f"{title} with our team. You will work on real projects, "
                    f"with a supervisor, using {', '.join(skills) or 'your skills'}."
                ),
                fate=rng.choices(["approve", "pending", "reject"], [62, 25, 13])[0]
                if term == "next"
                else "approve",
            )
        )
    # Applications: each student applies to a few openings of their term they qualify for.
    fits: dict[tuple[str, str, int], list[int]] = {}

    def fitting(s: StudentPlan) -> list[int]:
        key = (s.term, s.programme, s.year)
        if key not in fits:
            fits[key] = [
                j
                for j, o in enumerate(p.openings)
                if o.term == s.term
                and o.kind != "job"
                and o.fate in ("approve", "publish")
                and (not o.programmes or s.programme in o.programmes)
                and (o.years[0] is None or s.year >= o.years[0])
                and (o.years[1] is None or s.year <= o.years[1])
            ]
        return fits[key]

    held = [0] * len(p.openings)  # offered or accepted
    for i, s in enumerate(p.students):
        options = fitting(s)
        if not options:
            continue
        chosen = rng.sample(options, k=min(len(options), rng.randint(1, 3)))
        place = {"past": 0.92, "now": 0.88, "next": 0.15}[s.term] > rng.random()
        winner = None
        if place:
            # The first of the chosen with a place left, else any fitting one with a place.
            winner = next((j for j in chosen if held[j] < p.openings[j].places), None)
            if winner is None:
                spare = [j for j in options if held[j] < p.openings[j].places]
                if spare:
                    winner = rng.choice(spare)
                    chosen.append(winner)
            if winner is not None:
                held[winner] += 1
        plans = []
        for j in chosen:
            if j == winner:
                path = [S.SHORTLISTED] + ([S.INTERVIEW] if rng.random() < 0.5 else [])
                path += [S.OFFERED, S.ACCEPTED]
            elif s.term == "next":
                path = rng.choice(
                    [[], [], [S.SHORTLISTED], [S.SHORTLISTED, S.INTERVIEW], [S.REJECTED],
                     [S.WITHDRAWN], [S.SHORTLISTED, S.OFFERED]]
                )  # fmt: skip
                if S.OFFERED in path:
                    if held[j] >= p.openings[j].places or winner is not None:
                        path = [S.SHORTLISTED]
                    else:
                        held[j] += 1
            else:
                path = rng.choice(
                    [[S.REJECTED], [S.SHORTLISTED, S.REJECTED], [S.WITHDRAWN],
                     [S.SHORTLISTED, S.INTERVIEW, S.REJECTED]]
                )  # fmt: skip
                if rng.random() < 0.15 and held[j] < p.openings[j].places:
                    path = [S.SHORTLISTED, S.OFFERED, S.DECLINED]
            plans.append(
                ApplicationPlan(
                    student=i,
                    opening=j,
                    path=path,
                    consent=s.consent if rng.random() < 0.9 else not s.consent,
                    note=rng.choice(
                        [
                            "I am keen to apply what I learned in my programme.",
                            "Your company's work matches my final-year interests.",
                            "I would value the chance to learn from your engineers.",
                            "I am available for the whole period and eager to contribute.",
                        ]
                    ),
                )
            )
        # The accepted one last: once it is accepted, overlapping applications are refused.
        plans.sort(key=lambda a: S.ACCEPTED in a.path)
        p.applications.extend(plans)
    return p


# -- writing ----------------------------------------------------------------------------------


def seed(ctx) -> None:
    started = timezone.now()
    today = timezone.localdate()
    rng = ctx.rng("placements-detail")
    officer = ctx.logins.get("officer")
    orgs = ctx.organisations
    partner_login = ctx.logins.get("partner")
    partner_org = next(
        (k for k, o in enumerate(orgs) if partner_login and o.pk == partner_login.organisation_id),
        0,
    )
    the_plan = plan(ctx.seed, ctx.scale, len(orgs), partner_org)
    # Only the demo logins are told about what happens here (see services.common.quietly). Each
    # opening and profile is indexed for the recommendations once, at the end (the services
    # ask at every save), with whatever an earlier seed left out of the index.
    with (
        services.common.quietly(except_for=list(ctx.logins.values())),
        ranking.indexing_deferred() as to_index,
    ):
        _seed(ctx, the_plan, rng, orgs, partner_org, partner_login, officer, today)
        ranking.reindex_all()
        indexing = time.monotonic()
    if ctx.stdout is not None and to_index:
        ctx.stdout.write(
            f"placements: {len(to_index)} openings and profiles indexed for the "
            f"recommendations in {time.monotonic() - indexing:.1f} s"
        )
    # Their notifications stay in the app: mark them e-mailed so that seeding sends no mail.
    Notification.objects.filter(
        kind__startswith="placements.", created_at__gte=started, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())


def _seed(ctx, the_plan, rng, orgs, partner_org, partner_login, officer, today) -> None:
    programmes = _programmes(ctx)
    students = _students(ctx, the_plan, programmes, today)
    partners = _partner_users(ctx, the_plan, orgs, partner_org, partner_login)
    openings = _openings(ctx, the_plan, orgs, programmes, partners, officer, today)
    _applications(ctx, the_plan, students, openings, partners, officer, today)
    _placements(ctx, rng, students, today)
    _demo_logins(ctx, programmes, orgs, partner_org, partners, officer, today)
    _link_memoranda(ctx, officer)
    _outcomes(ctx, ctx.rng("placements-outcomes"), the_plan, students, today)


def _programmes(ctx) -> dict[str, Programme]:
    existing = {p.code: p for p in Programme.objects.all()}
    for code, name, name_ms, level, unit, _field, _skills in PROGRAMMES:
        if code in existing:
            ctx.count("programmes", False)
            continue
        existing[code] = services.programmes.programme_create(
            by=None, code=code, name=name, name_ms=name_ms, level=level, unit=ctx.units[unit]
        )
        ctx.count("programmes", True)
    return existing


def _students(ctx, the_plan: Plan, programmes, today) -> list[User]:
    existing = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAIN}")}
    profiles = set(StudentProfile.objects.values_list("user__email", flat=True))
    hashed = make_password(DEMO_PASSWORD)
    out = []
    for s in the_plan.students:
        user = existing.get(s.email)
        programme = programmes[s.programme]
        if user is None:
            user = user_create(
                email=s.email,
                full_name=s.name,
                password=None,
                roles=[Role.STUDENT],
                unit=programme.unit,
                staff_id=f"2{int(s.email[7:10]):06d}",
            )
            User.objects.filter(pk=user.pk).update(password=hashed)
            ctx.count("students", True)
        else:
            ctx.count("students", False)
        if s.email not in profiles:
            lo, hi = TERMS[s.term][3]
            services.profiles.student_profile_save(
                user=user,
                by=user,
                programme=programme,
                year_of_study=s.year,
                cgpa=s.cgpa,
                skills=s.skills,
                languages=s.languages,
                training_from=today + timedelta(days=lo),
                training_to=today + timedelta(days=hi),
                training_weeks=12,
                expected_graduation=today + timedelta(days=(5 - s.year) * 365 - 200),
                consent_to_share=s.consent,
                shared_fields=s.shared,
            )
        out.append(user)
    return out


def _partner_users(ctx, the_plan, orgs, partner_org, partner_login) -> dict[int, User]:
    """One person per posting organisation (the demo partner login for its own)."""
    wanted = sorted({o.org_index for o in the_plan.openings})
    by_org = {
        u.organisation_id: u
        for u in User.objects.filter(groups__name=Role.PARTNER, organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")
    }
    out: dict[int, User] = {}
    for k in wanted:
        org = orgs[k]
        if k == partner_org and partner_login is not None:
            out[k] = partner_login
            continue
        user = by_org.get(org.pk)
        ctx.count("partner users", user is None)
        if user is None:
            domain = (org.website.split("www.")[-1] or "partner.example").strip("/")
            user = user_create(
                email=f"talent{k:03d}@{domain}",
                full_name=f"Talent team, {org.legal_name}"[:200],
                password=None,
                roles=[Role.PARTNER],
                organisation=org,
                job_title="Talent acquisition",
            )
        out[k] = user
    return out


def _openings(ctx, the_plan, orgs, programmes, partners, officer, today) -> list[Opening | None]:
    existing = {(o.organisation_id, o.title): o for o in Opening.objects.all()}
    out: list[Opening | None] = []
    for o in the_plan.openings:
        org = orgs[o.org_index]
        found = existing.get((org.pk, o.title))
        if found is not None:
            ctx.count("openings", False)
            out.append(found)
            continue
        poster = partners.get(o.org_index)
        if poster is None or org.status == "merged":
            out.append(None)
            continue
        try:
            opening = services.openings.opening_create(
                by=poster,
                organisation=org,
                programmes=[programmes[c] for c in o.programmes],
                kind=o.kind,
                title=o.title,
                description=o.description,
                skills=o.skills,
                min_year=o.years[0],
                max_year=o.years[1],
                work_mode=o.work_mode,
                state=org.state if o.work_mode != "remote" else "",
                city=org.city if o.work_mode != "remote" else "",
                starts_on=today + timedelta(days=o.start),
                ends_on=today + timedelta(days=o.start + o.weeks * 7 - 1),
                allowance_rm=Decimal(o.allowance) if o.allowance else None,
                places=o.places,
                deadline=today + timedelta(days=o.deadline),
            )
        except ValidationError:
            out.append(None)
            continue
        if opening.status == "pending" and officer is not None:
            if o.fate == "approve":
                services.openings.opening_approve(opening=opening, by=officer)
            elif o.fate == "reject":
                services.openings.opening_reject(
                    opening=opening,
                    by=officer,
                    note="Please state the monthly allowance and the supervisor's role.",
                )
        opening.refresh_from_db()
        ctx.count("openings", True)
        out.append(opening)
    return out


def _link_memoranda(ctx, officer) -> None:
    """Open openings fall under their organisation's Internship Agreement in force, where the
    agreements demo made one (the newest, if several). Re-runs find them linked."""
    if officer is None:
        return
    agreement_of: dict[int, object] = {}
    in_force = selectors.openings.internship_agreements(officer).filter(status__in=IN_FORCE)
    for memo in in_force.prefetch_related("parties"):
        for party in memo.parties.all():
            agreement_of.setdefault(party.organisation_id, memo)
    openings = Opening.objects.filter(
        organisation_id__in=agreement_of,
        status__in=[OpeningStatus.PUBLISHED, OpeningStatus.PENDING],
    ).order_by("pk")
    for opening in openings:
        linked = opening.memorandum_id is not None
        ctx.count("memorandum links", not linked)
        if not linked:
            services.openings.opening_update(
                opening=opening, by=officer, memorandum=agreement_of[opening.organisation_id]
            )


def _applications(ctx, the_plan, students, openings, partners, officer, today) -> None:
    """Every application is sent first, then moved along (as in life: the partner decides
    after the deadline), the accepted offers last."""
    done = set(Application.objects.values_list("opening_id", "student_id"))
    sent = []
    for a in the_plan.applications:
        opening = openings[a.opening]
        student = students[a.student]
        if opening is not None and (opening.pk, student.pk) in done:
            ctx.count("applications", False)
            continue
        if opening is None or opening.status != "published":
            continue
        term = the_plan.openings[a.opening].term
        try:
            application = services.applications.application_submit(
                opening=opening,
                student=student,
                cover_note=a.note,
                consent_to_share=a.consent,
                as_of=opening.deadline - timedelta(days=10) if term != "next" else None,
            )
        except ValidationError:
            continue
        ctx.count("applications", True)
        sent.append((a, application))
    sent.sort(key=lambda pair: S.ACCEPTED in pair[0].path)
    for a, application in sent:
        partner = partners.get(the_plan.openings[a.opening].org_index) or officer
        student = students[a.student]
        try:
            for target in a.path:
                actor = student if target in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN) else partner
                services.applications.application_move(
                    application=application,
                    to=target,
                    by=actor,
                    note="Interview at our office." if target == S.INTERVIEW else "",
                    interview_at=timezone.now() + timedelta(days=3)
                    if target == S.INTERVIEW
                    else None,
                )
        except ValidationError:
            continue
    # The past term is closed to applications now.
    for o, opening in zip(the_plan.openings, openings, strict=True):
        if opening is not None and o.term == "past" and opening.status == "published":
            services.openings.opening_close(opening=opening, by=officer)


def _supervisors(ctx) -> dict[int, list[User]]:
    """Academics by the kulliyyah above their department."""
    out: dict[int, list[User]] = {}
    for a in ctx.academics:
        unit = a.unit
        while unit is not None and unit.kind != "kulliyyah":
            unit = unit.parent
        if unit is not None:
            out.setdefault(unit.pk, []).append(a)
    return out


def _placements(ctx, rng, students, today) -> None:
    from .models import Placement

    by_unit = _supervisors(ctx)
    fallback = ctx.academics or [ctx.logins.get("academic")]
    academic_login = ctx.logins.get("academic")
    officer = ctx.logins.get("officer")
    student_ids = {s.pk for s in students}
    quality: dict[int, int] = {}
    placements = (
        Placement.objects.filter(student_id__in=student_ids)
        .select_related("student__student_profile", "organisation")
        .order_by("pk")
    )
    given_academic = 0
    for p in placements:
        if p.academic_supervisor_id and p.industry_supervisor_email:
            ctx.count("placements", False)
            continue
        profile = p.student.student_profile
        pool = by_unit.get(profile.kulliyyah_id) or fallback
        supervisor = pool[rng.randrange(len(pool))]
        if (
            academic_login is not None
            and profile.kulliyyah_id == academic_login.unit.parent_id
            and p.ends_on >= today
            and given_academic < 8
        ):
            supervisor = academic_login
            given_academic += 1
        first = rng.choice(["Aminah", "Kumar", "Chen", "Farid", "Siew Lan", "Hafiz", "Rosli"])
        domain = (p.organisation.website.split("www.")[-1] or "partner.example").strip("/")
        placement = services.placements.placement_update(
            placement=p,
            by=officer,
            academic_supervisor=supervisor,
            industry_supervisor_name=f"{first} {rng.choice(['Ismail', 'Tan', 'Nair', 'Yusof'])}",
            industry_supervisor_email=f"{first.lower().replace(' ', '')}@{domain}",
            industry_supervisor_phone=f"+60 3-{rng.randint(2000, 9999)} {rng.randint(1000, 9999)}",
        )
        ctx.count("placements", True)
        _logbook(rng, placement, today)
        _evaluations(rng, placement, today, quality)
        if placement.ends_on < today and rng.random() < 0.85:
            q = quality.setdefault(placement.organisation_id, rng.choice([3, 4, 4, 5]))
            services.feedback.feedback_submit(
                placement=placement,
                by=placement.student,
                rating=max(1, min(5, q + rng.choice([-1, 0, 0, 1]))),
                supervision_rating=max(1, min(5, q + rng.choice([-1, 0, 1]))),
                learning_rating=max(1, min(5, q + rng.choice([0, 0, 1]))),
                would_recommend=q >= 4 or rng.random() < 0.3,
                comments=rng.choice(
                    [
                        "",
                        "Supportive supervisor.",
                        "Real responsibility from week one.",
                        "Too much admin work.",
                        "Learned a lot about quality systems.",
                    ]
                ),  # fmt: skip
            )


def _logbook(rng, placement, today) -> None:
    """Weeks written up to now (a few missing in running placements); the supervisor signs
    off all but the last weeks of a running placement, returning one now and then."""
    due = placement.weeks_due(today, 0)
    running = placement.ends_on >= today
    supervisor = placement.academic_supervisor
    returned = None
    for week in range(1, due + 1):
        if running and week == due - 1 and supervisor is not None:
            services.logbooks.logbook_review_all(placement=placement, by=supervisor)
        if running and week > due - 2 and rng.random() < 0.4:
            continue  # not written yet: overdue
        entry = services.logbooks.logbook_entry_save(
            placement=placement,
            by=placement.student,
            week=week,
            activities=rng.choice(LOG_ACTIVITIES),
            learning=rng.choice(LEARNED),
            hours=rng.choice([35, 40, 40, 42, 45]),
        )
        if running and supervisor and week < due - 1 and not returned and rng.random() < 0.15:
            returned = services.logbooks.logbook_entry_review(
                entry=entry, by=supervisor, approve=False, comment="Add what you learned."
            )
    if supervisor is not None and not running:
        services.logbooks.logbook_review_all(placement=placement, by=supervisor)


def _evaluations(rng, placement, today, quality) -> None:
    stages = []
    if placement.evaluation_due_on(EvaluationStage.MIDTERM) <= today:
        stages.append(EvaluationStage.MIDTERM)
    if placement.ends_on < today:
        stages.append(EvaluationStage.FINAL)
    for stage in stages:
        if Evaluation.objects.filter(placement=placement, stage=stage).exists():
            continue
        if stage == EvaluationStage.MIDTERM and placement.ends_on >= today and rng.random() < 0.25:
            continue  # the mid-term of a running placement not back yet
        link, _raw = services.evaluations.evaluation_link_issue(
            placement=placement, stage=stage, by=None
        )
        base = quality.setdefault(placement.organisation_id, rng.choice([3, 4, 4, 5]))
        services.evaluations.evaluation_submit(
            link=link,
            scores={
                c.pk: max(1, min(c.max_score, base + rng.choice([-1, 0, 0, 1])))
                for c in services.evaluations.rubric_for(stage)
            },
            evaluator_name=placement.industry_supervisor_name,
            strengths=rng.choice(["Reliable and curious.", "Strong technical basics.", ""]),
            improvements=rng.choice(["Speak up in meetings.", "Document the work.", ""]),
        )


def _demo_logins(ctx, programmes, orgs, partner_org, partners, officer, today) -> None:
    """The demo student: a placement in progress with the demo partner, supervised by the demo
    academic, a logbook behind by a week, and an offer for next year to answer."""
    student = ctx.logins.get("student")
    partner = ctx.logins.get("partner")
    academic = ctx.logins.get("academic")
    if student is None or partner is None or officer is None:
        return
    profile = StudentProfile.objects.filter(user=student).first()
    if profile is None:
        profile = services.profiles.student_profile_save(
            user=student,
            by=student,
            programme=programmes["beng-mct"],
            year_of_study=3,
            cgpa=Decimal("3.48"),
            skills=["PLC", "ROS", "Python", "SolidWorks"],
            languages=["Malay", "English", "Arabic"],
            training_from=today - timedelta(days=40),
            training_to=today + timedelta(days=60),
            training_weeks=12,
            expected_graduation=today + timedelta(days=500),
            consent_to_share=True,
            shared_fields=["programme", "year", "skills"],
        )
        pdf = b"%PDF-1.4\n% Ahmad Danial - CV (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        services.profiles.student_cv_upload(
            profile=profile,
            upload=SimpleUploadedFile("cv.pdf", pdf, content_type="application/pdf"),
            by=student,
        )
    org = orgs[partner_org]
    current = Opening.objects.filter(organisation=org, title="Test automation intern").first()
    if current is None:
        current = services.openings.opening_create(
            by=officer,
            organisation=org,
            programmes=[programmes["beng-mct"], programmes["beng-ece"]],
            kind="internship",
            title="Test automation intern",
            description=(
                "Automate semiconductor test cells with our test engineering team: PLC "
                "programming, vision inspection and data logging."
            ),
            skills=["PLC", "Python", "Machine vision"],
            min_year=3,
            max_year=4,
            work_mode="on_site",
            state=org.state,
            city=org.city,
            starts_on=today - timedelta(days=35),
            ends_on=today + timedelta(days=48),
            allowance_rm=Decimal("900"),
            places=2,
            deadline=today - timedelta(days=60),
        )
    application = Application.objects.filter(opening=current, student=student).first()
    ctx.count("demo student", application is None)
    if application is None:
        application = services.applications.application_submit(
            opening=current,
            student=student,
            cover_note=(
                "I built a PLC-controlled sorter in my second year and want to do it for real."
            ),
            consent_to_share=True,
            as_of=current.deadline,
        )
        for target in (S.SHORTLISTED, S.INTERVIEW, S.OFFERED):
            services.applications.application_move(application=application, to=target, by=partner)
        services.applications.application_move(application=application, to=S.ACCEPTED, by=student)
        application.refresh_from_db()
        placement = services.placements.placement_update(
            placement=application.placement,
            by=officer,
            academic_supervisor=academic,
            industry_supervisor_name="Chen Siew Lan",
            industry_supervisor_email="siewlan.chen@pinang-semiconductor.example",
            industry_supervisor_phone="+60 4-643 2210",
        )
        for week, status in ((1, "reviewed"), (2, "returned"), (3, "submitted")):
            entry = services.logbooks.logbook_entry_save(
                placement=placement,
                by=student,
                week=week,
                activities=LOG_ACTIVITIES[week],
                learning=LEARNED[week],
                hours=40,
            )
            if status != LogbookStatus.SUBMITTED and academic is not None:
                services.logbooks.logbook_entry_review(
                    entry=entry,
                    by=academic,
                    approve=status == "reviewed",
                    comment="" if status == "reviewed" else "Say which cell you automated.",
                )
    job = Opening.objects.filter(organisation=org, title="Graduate test engineer").first()
    if job is None:
        job = services.openings.opening_create(
            by=officer,
            organisation=org,
            programmes=[programmes["beng-mct"], programmes["beng-ece"]],
            kind="job",
            title="Graduate test engineer",
            description="Join the test engineering team after you graduate.",
            skills=["Python", "PLC"],
            work_mode="on_site",
            state=org.state,
            city=org.city,
            starts_on=today + timedelta(days=400),
            ends_on=today + timedelta(days=1100),
            allowance_rm=None,
            places=2,
            deadline=today + timedelta(days=90),
        )
    if not Application.objects.filter(opening=job, student=student).exists():
        offer = services.applications.application_submit(
            opening=job,
            student=student,
            cover_note="I would like to stay on after my industrial training.",
            consent_to_share=True,
        )
        for target in (S.SHORTLISTED, S.OFFERED):
            services.applications.application_move(
                application=offer,
                to=target,
                by=partner,
                note="We enjoyed working with you." if target == S.OFFERED else "",
            )


def _outcomes(ctx, rng, the_plan, students, today) -> None:
    from .models import Placement

    have = set(GraduateOutcome.objects.values_list("student_id", flat=True))
    officer = ctx.logins.get("officer")
    placed = {
        p.student_id: p.organisation
        for p in Placement.objects.filter(
            student__in=students, status=PlacementStatus.COMPLETED
        ).select_related("organisation")
    }
    for s, student in zip(the_plan.students, students, strict=True):
        # Every draw is made whatever the database holds, so that a second run draws alike.
        recorded = s.term == "past" and rng.random() <= 0.7
        status = rng.choices(
            ["employed", "self_employed", "further_study", "upskilling", "not_working"],
            [65, 5, 10, 5, 15],
        )[0]
        at_partner = status == "employed" and rng.random() < 0.45
        other_employer = rng.choice(
            ["Syarikat Maju Jaya Sdn. Bhd.", "Global Tech Services", "Own business"]
        )
        delay = rng.choice([20, 45, 90, 120, 160, 240])
        if not recorded:
            continue
        if student.pk in have:
            ctx.count("outcomes", False)
            continue
        employer = placed.get(student.pk) if at_partner else None
        graduated = today - timedelta(days=150)
        services.outcomes.outcome_record(
            student=student,
            by=officer,
            graduated_on=graduated,
            status=status,
            employer_organisation=employer,
            employer_name=""
            if employer or status in ("not_working", "further_study", "upskilling")
            else other_employer,
            job_title={
                "further_study": "Master's degree",
                "upskilling": "Professional certificate",
            }.get(status, "Executive" if status != "not_working" else ""),
            started_on=None if status == "not_working" else graduated + timedelta(days=delay),
        )
        ctx.count("outcomes", True)
