"""Demo invention disclosures and the IP portfolio.

About 80 disclosures by the generated academics (with co-inventors, some of them students,
shares totalling 100%) across the kulliyyahs' fields, in every status: drafts, received,
under assessment, and decided with each decision (protect, publish, release, hold) and its
reasons; some were made public before, a few still inside the 12-month grace period so that
the patentability warnings show. The demo academic owns a draft (with the demo student) and a
decided one; the IP committee login has some to assess. The "protect" ones get about 60 IP
assets (MyIPO and PCT patent applications, grants with a US family member, utility
innovations, trademarks, industrial designs, copyright notifications) whose dates are chosen
from today so that their computed deadlines fall in the coming months (a few overdue); older
deadlines are marked done, as the office would have.

Deterministic (``ctx.rng("technologies")``: every draw is made in the plan, before the
database is read) and idempotent: disclosures are found by title, assets by (disclosure, kind,
office). Writes go through the services; the submission and decision dates are then set back
to the plan's, and only events of the last 60 days notify anyone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from .. import services
from ..choices import AssetKind, AssetStatus, Decision, DisclosureStatus, IPOffice
from ..deadlines import add_months
from ..models import Disclosure, IPAsset
from .data import (
    ATTORNEYS,
    EXTERNAL,
    FUNDING,
    PUBLIC_EVENTS,
    REASONS,
    STUDENTS,
    TOPICS,
    UNIT_FIELDS,
)

# The first entries of the plan, so that a small demo still has one of each (and the demo
# academic's own): (status, decision, owner).
FIRST = [
    (DisclosureStatus.DRAFT, "", "academic"),
    (DisclosureStatus.DECIDED, Decision.PROTECT, "academic"),
    (DisclosureStatus.RECEIVED, "", None),
    (DisclosureStatus.ASSESSMENT, "", None),
    (DisclosureStatus.DECIDED, Decision.PUBLISH, None),
    (DisclosureStatus.DECIDED, Decision.RELEASE, None),
    (DisclosureStatus.DECIDED, Decision.HOLD, None),
    (DisclosureStatus.DECIDED, Decision.PROTECT, None),
]


# The rest, drawn with these weights (out of 80).
WEIGHTS = [
    ((DisclosureStatus.DRAFT, ""), 5),
    ((DisclosureStatus.RECEIVED, ""), 7),
    ((DisclosureStatus.ASSESSMENT, ""), 6),
    ((DisclosureStatus.DECIDED, Decision.PROTECT), 46),
    ((DisclosureStatus.DECIDED, Decision.PUBLISH), 7),
    ((DisclosureStatus.DECIDED, Decision.RELEASE), 4),
    ((DisclosureStatus.DECIDED, Decision.HOLD), 5),
]


SHARES = {
    1: [["100"]],
    2: [["60", "40"], ["50", "50"], ["70", "30"]],
    3: [["50", "30", "20"], ["40", "40", "20"], ["33.34", "33.33", "33.33"]],
    4: [["40", "30", "20", "10"], ["25", "25", "25", "25"], ["35", "25", "25", "15"]],
    5: [["30", "25", "20", "15", "10"], ["20", "20", "20", "20", "20"]],
}


# The IP assets of the n-th "protect" disclosure (see _bundle), in turn.
BUNDLES = [
    "pct",
    "first",
    "granted_us",
    "exam",
    "first_tm",
    "design",
    "pct",
    "granted",
    "copyright",
    "exam",
    "pct",
    "abandoned",
]


BUNDLE_FOR_FIELD = {
    ("ict", "design"): "copyright",
    ("finance", "design"): "copyright",
    ("education", "design"): "copyright",
    ("architecture", "copyright"): "design",
}


RECENT = datetime.timedelta(days=60)  # events older than this notify nobody


@dataclass
class AssetPlan:
    kind: str
    office: str
    fields: dict
    status: str  # the final one; granted and abandoned assets are first recorded as filed
    granted_on: datetime.date | None = None
    grant_number: str = ""
    family: int | None = None  # index of the family root in the disclosure's assets


@dataclass
class DisclosurePlan:
    title: str
    fields: dict
    lead: object
    inventors: list
    public: list
    status: str
    decision: str
    reasons: str
    created: datetime.datetime
    submitted: datetime.datetime | None = None
    assessed: datetime.datetime | None = None
    decided: datetime.datetime | None = None
    assessor: object = None
    decider: object = None
    assets: list[AssetPlan] = field(default_factory=list)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _fields_of(user) -> list[str]:
    unit = getattr(user, "unit", None)
    while unit is not None:
        if unit.code in UNIT_FIELDS:
            return UNIT_FIELDS[unit.code]
        unit = unit.parent
    return []


def _offset(rng) -> int:
    """Days from today to the deadline an asset is planned around: a few overdue, most in
    the next 30, 60, 90 days, the rest within eight months."""
    bucket = rng.choices(["overdue", "30", "60", "90", "later"], [1, 3, 3, 2, 4])[0]
    low, high = {
        "overdue": (-25, -1),
        "30": (0, 30),
        "60": (31, 60),
        "90": (61, 90),
        "later": (91, 240),
    }[bucket]
    return rng.randint(low, high)


def _myipo_patent(rng, title, filed, *, status, kind=AssetKind.PATENT, attorney="") -> AssetPlan:
    prefix = "UI" if kind == AssetKind.UTILITY else "PI"
    fields = {
        "kind": kind,
        "title": title,
        "office": IPOffice.MYIPO,
        "application_number": f"{prefix} {filed.year}{rng.randint(1000, 7999):06d}",
        "filing_date": filed,
        "priority_date": filed,
        "status": status if status == AssetStatus.PUBLISHED else AssetStatus.FILED,
        "attorney": attorney,
    }
    if status != AssetStatus.FILED:
        fields["publication_number"] = f"MY {rng.randint(150000, 209999)} A"
    return AssetPlan(kind, IPOffice.MYIPO, fields, status)


def _bundle(name, rng, today, title, brand, field_name) -> list[AssetPlan]:
    """The IP assets of one protected invention, dated so that the deadline each is planned
    around falls ``_offset`` days from today."""
    name = BUNDLE_FOR_FIELD.get((field_name, name), name)
    if name == "first_tm" and not brand:
        name = "pct"
    attorney = rng.choice(ATTORNEYS)
    due = today + datetime.timedelta(days=_offset(rng))
    if name in ("first", "first_tm"):
        # Filed at MyIPO: the priority year (file abroad or PCT?) ends on ``due``.
        filed = add_months(due, -12)
        utility = field_name in ("engineering", "agritech") and rng.random() < 0.35
        kind = AssetKind.UTILITY if utility else AssetKind.PATENT
        out = [_myipo_patent(rng, title, filed, status=AssetStatus.FILED, kind=kind)]
        out[0].fields["attorney"] = attorney
        tm_filed = today - datetime.timedelta(days=rng.randint(60, 700))
        tm_granted = tm_filed + datetime.timedelta(days=rng.randint(300, 400))
        if name == "first_tm":
            registered = tm_granted < today
            out.append(
                AssetPlan(
                    AssetKind.TRADEMARK,
                    IPOffice.MYIPO,
                    {
                        "kind": AssetKind.TRADEMARK,
                        "title": f"{brand} (word mark, classes 9 and 42)",
                        "office": IPOffice.MYIPO,
                        "application_number": f"TM{tm_filed.year}{rng.randint(1000, 9999):06d}",
                        "filing_date": tm_filed,
                        "status": AssetStatus.FILED,
                    },
                    AssetStatus.GRANTED if registered else AssetStatus.FILED,
                    granted_on=tm_granted if registered else None,
                    grant_number=f"TM{tm_filed.year}{rng.randint(1000, 9999):06d}",
                )
            )
        return out
    if name == "pct":
        # MyIPO first filing and a PCT application claiming its priority: the national phase
        # (30 months from priority) is due on ``due``.
        filed = add_months(due, -30)
        root = _myipo_patent(rng, title, filed, status=AssetStatus.PUBLISHED, attorney=attorney)
        pct_filed = add_months(filed, 12) - datetime.timedelta(days=rng.randint(5, 30))
        pct = AssetPlan(
            AssetKind.PATENT,
            IPOffice.PCT,
            {
                "kind": AssetKind.PATENT,
                "title": title,
                "office": IPOffice.PCT,
                "application_number": f"PCT/MY{pct_filed.year}/{rng.randint(50001, 50999):06d}",
                "filing_date": pct_filed,
                "priority_date": filed,
                "publication_number": f"WO {filed.year + 1}/{rng.randint(100000, 299999):06d}",
                "status": AssetStatus.PUBLISHED,
                "attorney": attorney,
            },
            AssetStatus.PUBLISHED,
            family=0,
        )
        return [root, pct]
    if name == "exam":
        # Pending at MyIPO for four years: substantive examination must be requested.
        filed = add_months(due, -48)
        return [_myipo_patent(rng, title, filed, status=AssetStatus.PUBLISHED, attorney=attorney)]
    if name in ("granted", "granted_us"):
        # Granted at MyIPO: the next annual fee falls on an anniversary of filing, ``due``.
        years = rng.randint(7, 9) if name == "granted_us" else rng.randint(5, 9)
        filed = add_months(due, -12 * years)
        root = _myipo_patent(rng, title, filed, status=AssetStatus.GRANTED, attorney=attorney)
        root.granted_on = add_months(filed, rng.randint(30, 44))
        root.grant_number = f"MY-{rng.randint(160000, 199999)}-A"
        out = [root]
        us_filed = add_months(filed, 12) - datetime.timedelta(days=rng.randint(3, 25))
        us_due = today + datetime.timedelta(days=_offset(rng))
        us_number = f"{rng.randint(15, 17)}/{rng.randint(100, 999)},{rng.randint(100, 999)}"
        us_grant = f"US {rng.randint(10, 11)},{rng.randint(100, 999)},{rng.randint(100, 999)} B2"
        if name == "granted_us":
            # Its first maintenance fee (3½ years from the grant) is due on ``us_due``.
            out.append(
                AssetPlan(
                    AssetKind.PATENT,
                    IPOffice.USPTO,
                    {
                        "kind": AssetKind.PATENT,
                        "title": title,
                        "office": IPOffice.USPTO,
                        "application_number": us_number,
                        "filing_date": us_filed,
                        "priority_date": filed,
                        "status": AssetStatus.FILED,
                        "attorney": attorney,
                    },
                    AssetStatus.GRANTED,
                    granted_on=add_months(us_due, -42),
                    grant_number=us_grant,
                    family=0,
                )
            )
        return out
    if name == "design":
        # A registered industrial design: renewal every five years, the next on ``due``.
        filed = add_months(due, -12 * rng.choice([5, 10]))
        number = f"{filed.year % 100:02d}-{rng.randint(100, 2999):05d}-0101"
        return [
            AssetPlan(
                AssetKind.DESIGN,
                IPOffice.MYIPO,
                {
                    "kind": AssetKind.DESIGN,
                    "title": f"{brand or title} (industrial design)",
                    "office": IPOffice.MYIPO,
                    "application_number": number,
                    "filing_date": filed,
                    "status": AssetStatus.FILED,
                    "attorney": attorney,
                },
                AssetStatus.GRANTED,
                granted_on=filed + datetime.timedelta(days=rng.randint(120, 300)),
                grant_number=f"MY {number}",
            )
        ]
    if name == "copyright":
        filed = today - datetime.timedelta(days=rng.randint(100, 1200))
        return [
            AssetPlan(
                AssetKind.COPYRIGHT,
                IPOffice.MYIPO,
                {
                    "kind": AssetKind.COPYRIGHT,
                    "title": f"{title} (software and documentation)",
                    "office": IPOffice.MYIPO,
                    "application_number": f"LY{filed.year}{rng.randint(1000, 7999):06d}",
                    "filing_date": filed,
                    "status": AssetStatus.FILED,
                },
                AssetStatus.GRANTED,
                granted_on=filed + datetime.timedelta(days=rng.randint(7, 40)),
                grant_number=f"CRLY{rng.randint(10000, 99999):08d}",
            )
        ]
    # "abandoned": filed, then given up after an adverse search report.
    filed = today - datetime.timedelta(days=rng.randint(500, 1100))
    asset = _myipo_patent(rng, title, filed, status=AssetStatus.ABANDONED, attorney=attorney)
    asset.fields["notes"] = (
        "Abandoned after an adverse search report: the main claim lacked inventive step."
    )
    return [asset]


def _pools(ctx) -> tuple[dict[str, list], dict[str, list]]:
    """The academics by field: those whose KCDIO's main field it is (who lead), and all who
    work in it (co-inventors)."""
    leads: dict[str, list] = {}
    pools: dict[str, list] = {}
    for user in ctx.academics:
        fields = _fields_of(user)
        if fields:
            leads.setdefault(fields[0], []).append(user)
        for name in fields:
            pools.setdefault(name, []).append(user)
    return leads, pools


def _inventors(ctx, rng, lead, pool, field_name) -> list[dict]:
    people = [lead]
    others = [u for u in pool if u.pk != lead.pk]
    for _ in range(min(len(others), rng.choices([0, 1, 2, 3], [3, 4, 3, 1])[0])):
        pick = others.pop(rng.randrange(len(others)))
        people.append(pick)
    rows: list[dict] = [{"user": u} for u in people]
    student_login = ctx.logins.get("student")
    with_student = rng.random() < 0.35
    use_login = rng.random() < 0.5
    student_name = rng.choice(STUDENTS)
    with_external = rng.random() < 0.08
    external = rng.choice(EXTERNAL)
    if with_student:
        if use_login and student_login is not None and field_name == "engineering":
            rows.append({"user": student_login, "is_student": True})
        else:
            rows.append({"name": student_name, "is_student": True, "unit": lead.unit})
    if with_external and len(rows) < 5:
        rows.append({"name": external, "unit": None})
    rows = rows[:5]
    shares = rng.choice(SHARES[len(rows)])
    for row, share in zip(rows, shares, strict=True):
        row["share"] = Decimal(share)
    return rows


def _plan(ctx, rng, today) -> list[DisclosurePlan]:
    """Every disclosure of the demo, with its people, dates and assets: all the draws."""
    now = timezone.now()
    academic = ctx.logins.get("academic")
    committee = ctx.logins.get("ipcommittee")
    officer = ctx.logins["officer"]
    leads, pools = _pools(ctx)
    total = max(ctx.n(80), len(FIRST))
    entries = list(FIRST)
    keys, weights = zip(*WEIGHTS, strict=True)
    entries += [(*rng.choices(keys, weights)[0], None) for _ in range(total - len(FIRST))]
    order = list(range(len(TOPICS)))
    rng.shuffle(order)
    queue = [(v, t) for v in range((total - 1) // len(TOPICS) + 1) for t in order]
    plans = []
    protected = 0
    for status, decision, owner in entries:
        lead = academic if owner == "academic" and academic is not None else None
        wanted = "engineering" if lead is not None else None
        pick = next((q for q in queue if wanted is None or TOPICS[q[1]][0] == wanted), queue[0])
        queue.remove(pick)
        variant, t = pick
        field_name, titles, brand, description, novelty, prior_art, apps, industries = TOPICS[t]
        title = titles[variant % 2]
        if variant >= 2:
            title = f"{title} (variant {variant // 2 + 1})"
        if variant % 2:
            description = f"Builds on the team's earlier invention. {description}"
        pool = pools.get(field_name) or list(ctx.academics)
        if lead is None:
            candidates = leads.get(field_name) or pool
            lead = candidates[rng.randrange(len(candidates))]
        inventors = _inventors(ctx, rng, lead, pool, field_name)
        if owner == "academic" and status == DisclosureStatus.DRAFT:
            student = ctx.logins.get("student")
            if student is not None and not any(r.get("user") == student for r in inventors):
                inventors = [
                    {"user": lead, "share": Decimal("60")},
                    {"user": student, "is_student": True, "share": Decimal("40")},
                ]
        funding, obligations = rng.choice(FUNDING)
        trl = rng.randint(2, 4) if status != DisclosureStatus.DECIDED else rng.randint(3, 7)
        reasons = rng.choice(REASONS[decision]) if decision else ""
        reasons = reasons.format(industries=industries.lower())
        event_kind, event_details = rng.choice(PUBLIC_EVENTS)
        made_public = rng.random()
        assessor = committee if committee is not None and rng.random() < 0.5 else officer
        decider = committee if committee is not None and rng.random() < 0.35 else officer
        # Days between creation, submission, assessment and decision.
        d1, d2, d3, d4 = (rng.randint(lo, hi) for lo, hi in ((1, 6), (3, 20), (14, 60), (2, 30)))
        assets: list[AssetPlan] = []
        submitted = assessed = decided = None
        public_day = None
        if status == DisclosureStatus.DRAFT:
            created = now - datetime.timedelta(days=rng.randint(1, 45))
            if made_public < 0.3:
                public_day = today - datetime.timedelta(days=rng.randint(30, 150))
        elif status in (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT):
            age = (
                rng.randint(8, 40) if status == DisclosureStatus.RECEIVED else rng.randint(30, 120)
            )
            created = now - datetime.timedelta(days=age)
            submitted = created + datetime.timedelta(days=d1)
            if status == DisclosureStatus.ASSESSMENT:
                assessed = min(submitted + datetime.timedelta(days=d2), now)
            # The first of each (and some others) were made public within the grace period.
            first_of_kind = not any(p.status == status for p in plans)
            if first_of_kind or made_public < 0.45:
                days = rng.randint(400, 600) if made_public < 0.06 else rng.randint(40, 320)
                public_day = today - datetime.timedelta(days=days)
        else:
            if decision == Decision.PROTECT:
                kind = "pct" if owner == "academic" else BUNDLES[protected % len(BUNDLES)]
                protected += 1
                assets = _bundle(kind, rng, today, title, brand, field_name)
                first_filed = min(a.fields["filing_date"] for a in assets)
                decided = _at(first_filed - datetime.timedelta(days=rng.randint(15, 45)))
                if made_public < 0.3:
                    public_day = first_filed - datetime.timedelta(days=rng.randint(30, 200))
            else:
                decided = now - datetime.timedelta(days=rng.randint(20, 1400))
                chance = 0.6 if decision == Decision.PUBLISH else 0.2
                if made_public < chance:
                    back = rng.randint(400, 700) if decision == Decision.PUBLISH else d3 * 5
                    public_day = timezone.localdate(decided) - datetime.timedelta(days=back)
            assessed = decided - datetime.timedelta(days=d3)
            submitted = assessed - datetime.timedelta(days=d2)
            created = submitted - datetime.timedelta(days=d4)
        public = (
            [{"kind": event_kind, "date": public_day, "details": event_details}]
            if public_day is not None
            else []
        )
        plans.append(
            DisclosurePlan(
                title=title,
                fields={
                    "title": title,
                    "description": description,
                    "novelty": novelty,
                    "prior_art": prior_art,
                    "funding_source": funding,
                    "sponsor_obligations": obligations,
                    "trl": trl,
                    "applications": apps,
                    "target_industries": industries,
                },
                lead=lead,
                inventors=inventors,
                public=public,
                status=status,
                decision=decision,
                reasons=reasons,
                created=created,
                submitted=submitted,
                assessed=assessed,
                decided=decided,
                assessor=assessor,
                decider=decider,
                assets=assets,
            )
        )
    return plans


def _make_disclosure(p: DisclosurePlan, now) -> Disclosure:
    """Create the disclosure and walk it through the review to its planned status."""
    d = services.disclosures.disclosure_create(
        by=p.lead, inventors=p.inventors, public_disclosures=p.public, at=p.created, **p.fields
    )
    if p.status == DisclosureStatus.DRAFT:
        return d
    services.disclosures.disclosure_submit(
        disclosure=d, by=p.lead, quiet=now - p.submitted > RECENT
    )
    if p.status != DisclosureStatus.RECEIVED:
        services.disclosures.disclosure_start_assessment(disclosure=d, by=p.assessor)
    if p.status == DisclosureStatus.DECIDED:
        services.disclosures.disclosure_decide(
            disclosure=d,
            by=p.decider,
            decision=p.decision,
            reasons=p.reasons,
            quiet=now - p.decided > RECENT,
        )
    # The services stamp "now"; the demo's history goes back years.
    Disclosure.objects.filter(pk=d.pk).update(submitted_at=p.submitted, decided_at=p.decided)
    d.refresh_from_db()
    return d


def _close_past_deadlines(asset: IPAsset, officer, cutoff: datetime.date) -> None:
    """Mark done, as the office would have, the deadlines due before ``cutoff`` (the next
    annual fee or renewal then appears)."""
    for _ in range(60):
        deadline = (
            asset.deadlines.filter(done_on__isnull=True, due_date__lt=cutoff)
            .order_by("due_date", "pk")
            .first()
        )
        if deadline is None:
            return
        done_on = deadline.due_date - datetime.timedelta(days=7 + deadline.due_date.day % 14)
        services.assets.deadline_done(deadline=deadline, by=officer, done_on=done_on)


def _make_assets(ctx, p: DisclosurePlan, d: Disclosure, officer, today) -> list[IPAsset]:
    existing = {(a.kind, a.office): a for a in d.assets.all()}
    out: list[IPAsset] = []
    made: list[IPAsset] = []
    for a in p.assets:
        asset = existing.get((a.kind, a.office))
        ctx.count("IP assets", asset is None)
        if asset is None:
            fields = dict(a.fields)
            if a.family is not None:
                fields["family"] = out[a.family]
            asset = services.assets.asset_create(
                by=officer, disclosure=d, at=_at(fields["filing_date"], 9), **fields
            )
            if a.status != asset.status:
                asset = services.assets.asset_set_status(
                    asset=asset,
                    by=officer,
                    status=a.status,
                    granted_on=a.granted_on,
                    grant_number=a.grant_number or None,
                )
            made.append(asset)
        out.append(asset)
    # After the whole family is recorded: a foreign filing ends the root's priority year.
    for asset in made:
        _close_past_deadlines(asset, officer, today - datetime.timedelta(days=30))
    return out


def seed(ctx) -> tuple[list[Disclosure], list[IPAsset]] | None:
    """The demo disclosures and their IP assets (made now or found by title); None
    without the officer login or generated academics."""
    officer = ctx.logins.get("officer")
    if officer is None or not ctx.academics:
        return None
    rng = ctx.rng("technologies")
    today = timezone.localdate()
    now = timezone.now()
    plans = _plan(ctx, rng, today)
    existing = {d.title: d for d in Disclosure.objects.filter(title__in=[p.title for p in plans])}
    disclosures: list[Disclosure] = []
    assets: list[IPAsset] = []
    for p in plans:
        d = existing.get(p.title)
        ctx.count("invention disclosures", d is None)
        if d is None:
            d = _make_disclosure(p, now)
        disclosures.append(d)
        if p.assets:
            assets += _make_assets(ctx, p, d, officer, today)
    return disclosures, assets
