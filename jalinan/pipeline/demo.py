"""Demo pipeline: ~150 opportunities from public enquiries and direct contacts over the last
two years, each walked through the stages with a realistic, backdated history (some lost with
a reason). Those that reached an agreement are linked to a memorandum in force with their
partner where one exists, and those at the project or completed stage to a project of the
demo's projects app (when it has seeded some). Challenges and technologies add their own
opportunities later.

Deterministic (one ``ctx.rng`` per opportunity, every draw made whether it exists or not) and
idempotent: an opportunity's title is its natural key.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.models import Memorandum
from jalinan.projects.models import Project

from . import services
from .choices import ORDER, LostReason, Source, Stage
from .models import Opportunity

PROBLEMS = [
    "Corrosion of offshore pipelines",
    "Shelf life of halal ready meals",
    "Automated visual inspection of welds",
    "Cooling load of a data centre",
    "Drone survey of oil palm estates",
    "Malay chatbot for customer service",
    "Recycling of construction waste",
    "Noise from a rooftop chiller plant",
    "Fatigue cracks in bus chassis",
    "Energy audit of a rubber glove factory",
    "Water leakage in a municipal network",
    "Predicting demand for hospital beds",
    "Biodegradable food packaging",
    "Cyber security review of a SCADA system",
    "Ergonomics of an assembly line",
    "Flood risk of a new housing estate",
    "Islamic finance product compliance",
    "Soil stabilisation for rural roads",
    "Traceability of herbal supplements",
    "Battery packs for electric motorcycles",
]
VISITORS = ["Aminah", "Farid", "Mei Ling", "Rajesh", "Nurul", "Hafiz", "Siew Lan", "Daniel"]
NEW_ORGS = [
    "Kedai Roti Bonda",
    "Sarawak Prawn Farms",
    "Teknik Maju Engineering",
    "Green Leaf Organics",
    "Pulau Pinang Precision Tools",
]
# Where opportunities end up (weights): most are still open, a quarter are lost.
FINAL = [
    (Stage.ENQUIRY, 10),
    (Stage.MATCHING, 10),
    (Stage.INTRODUCED, 9),
    (Stage.PROPOSAL, 11),
    (Stage.NEGOTIATION, 8),
    (Stage.AGREEMENT, 10),
    (Stage.PROJECT, 8),
    (Stage.COMPLETED, 6),
    (Stage.LOST, 28),
]
REASONS = [
    (LostReason.NO_EXPERT, 3),
    (LostReason.PARTNER_UNRESPONSIVE, 6),
    (LostReason.BUDGET, 6),
    (LostReason.TIMING, 3),
    (LostReason.WENT_ELSEWHERE, 3),
    (LostReason.NOT_FEASIBLE, 2),
    (LostReason.DUPLICATE_SPAM, 1),
    (LostReason.OTHER, 1),
]


def _pick(rng, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _short(org) -> str:
    return org.legal_name.split(" Sdn")[0].split(" Berhad")[0].split(" Bhd")[0]


def _projects():
    """The projects app's demo projects by status, if it has seeded any."""
    out: dict[str, list] = {}
    for p in Project.objects.order_by("reference"):
        out.setdefault(p.status, []).append(p)
    return out


def seed(ctx) -> None:
    now = timezone.now()
    officer = ctx.logins["officer"]
    coordinator = ctx.logins.get("coordinator")
    orgs = [o for o in ctx.organisations if o.status == "active"]
    units = [u for u in ctx.units.values() if u.kind == "kulliyyah"] or list(ctx.units.values())
    existing = set(Opportunity.objects.values_list("title", flat=True))
    memos_by_org: dict[int, list] = {}
    for m in (
        Memorandum.objects.filter(status__in=IN_FORCE)
        .prefetch_related("parties")
        .order_by("reference")
    ):
        for party in m.parties.all():
            memos_by_org.setdefault(party.organisation_id, []).append(m)
    projects = _projects()
    used_projects: set[int] = set(
        Opportunity.objects.exclude(project=None).values_list("project_id", flat=True)
    )

    for i in range(ctx.n(150, minimum=12)):
        rng = ctx.rng(f"pipeline:{i}")
        enquiry = rng.random() < 0.45
        org = rng.choice(orgs)
        unknown = enquiry and rng.random() < 0.25
        problem = rng.choice(PROBLEMS)
        visitor = rng.choice(VISITORS)
        new_org = rng.choice(NEW_ORGS)
        final = _pick(rng, FINAL)
        lost_after = rng.randint(0, 4)
        reason = _pick(rng, REASONS)
        start = now - datetime.timedelta(days=rng.randint(3, 720), hours=rng.randint(0, 8))
        steps = [rng.randint(2, 45) for _s in ORDER]
        unit = rng.choice(units)
        if coordinator and coordinator.unit_id and i % 6 == 0:
            unit = coordinator.unit
        value = rng.choice([None, 20000, 50000, 120000, 300000])
        name = new_org if unknown else _short(org)
        title = f"{problem}: {name} (#{i + 1})"
        if title in existing:
            ctx.count("opportunities", False)
            continue
        opp = services.opportunity_create(
            by=None if enquiry else officer,
            source=Source.ENQUIRY if enquiry else Source.DIRECT,
            title=title,
            description=f"{name} asks for help with: {problem.lower()}.",
            organisation=None if unknown else org,
            organisation_name=name if enquiry else "",
            contact_name=f"{visitor} {name.split()[0]}",
            contact_email=f"{visitor.split()[0].lower()}{i}@example.test",
            unit=unit if not enquiry or rng.random() < 0.6 else None,
            owner=officer if not enquiry or final != Stage.ENQUIRY else None,
            estimated_value=value,
            at=start,
        )
        ctx.count("opportunities", True)
        at = start
        target = ORDER.index(final) if final != Stage.LOST else lost_after
        for k in range(1, target + 1):
            nxt = at + datetime.timedelta(days=steps[k])
            if nxt >= now:
                break
            at = nxt
            opp = services.opportunity_move(opportunity=opp, to_stage=ORDER[k], by=officer, at=at)
        if final == Stage.LOST:
            nxt = at + datetime.timedelta(days=steps[0])
            if nxt < now:
                opp = services.opportunity_move(
                    opportunity=opp,
                    to_stage=Stage.LOST,
                    by=officer,
                    lost_reason=reason,
                    note="",
                    at=nxt,
                )
        if opp.stage == Stage.AGREEMENT and opp.organisation_id in memos_by_org:
            memo = memos_by_org[opp.organisation_id][0]
            services.opportunity_link(opportunity=opp, by=officer, memorandum=memo, at=at)
        elif opp.stage in (Stage.PROJECT, Stage.COMPLETED):
            status = "active" if opp.stage == Stage.PROJECT else "completed"
            free = [p for p in projects.get(status, []) if p.pk not in used_projects]
            if free:
                project = free[i % len(free)]
                used_projects.add(project.pk)
                services.opportunity_link(opportunity=opp, by=officer, project=project, at=at)
