"""Demo activities: for the memoranda in force, a history that makes about half of them
engaged, a quarter at risk and the rest dormant (the coordinator's Kulliyyah has its share of
dormant ones); plus general activities with partners, some of them this month and next, for
the calendar and the demo logins' "My work".

Deterministic (``ctx.rng``) and idempotent: (title, date) is an activity's natural key.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.demo import demo_pdf
from jalinan.agreements.selectors import memoranda_for

from . import services
from .choices import ActivityType
from .models import Activity

KINDS = [
    (ActivityType.MEETING, "Progress meeting with {org}", "Reviewed progress and next steps."),
    (ActivityType.VISIT, "Site visit to {org}", "Students toured the plant; two projects found."),
    (ActivityType.TALK, "Industry talk by {org}", "Eighty students attended."),
    (ActivityType.CEO_FACULTY, "CEO@Faculty: leaders of {org}", "Guest lecture and dialogue."),
    (
        ActivityType.ADVISORY_PANEL,
        "Industry advisory panel with {org}",
        "Curriculum review comments received.",
    ),
    (ActivityType.TRAINING, "Training for {org} staff", "Twelve staff trained."),
    (ActivityType.EVENT, "Innovation showcase with {org}", "Three prototypes exhibited."),
]


def _short(org) -> str:
    return org.legal_name.split(" Sdn")[0].split(" Berhad")[0]


def seed(ctx) -> None:
    today = timezone.localdate()
    officer = ctx.logins["officer"]
    existing = set(Activity.objects.values_list("title", "date"))
    staff = [p for p in ctx.academics if p.unit_id]
    students = []
    if ctx.logins.get("student"):
        students = [ctx.logins["student"]]

    def log(rng, *, kind, org, day, memo=None, people=(), pupils=(), unit=None):
        activity_type, title, outcome = kind
        title = title.format(org=_short(org))
        fulfils = rng.random() < 0.4  # drawn first: the same draws whether made or found
        if (title, day) in existing:
            ctx.count("activities", False)
            return None
        existing.add((title, day))
        deliverables = []
        if memo is not None and fulfils:
            deliverables = list(memo.deliverables.all()[:1])
        activity = services.activity_create(
            by=people[0] if people else officer,
            title=title,
            activity_type=activity_type,
            date=day,
            location=org.city or "IIUM Gombak campus",
            description=f"With {org.legal_name}.",
            outcome=outcome if day <= today else "",
            unit=unit,
            organisations=[org],
            memoranda=[memo] if memo else [],
            deliverables=deliverables,
            staff=list(people),
            students=list(pupils),
        )
        ctx.count("activities", True)
        return activity

    memos = (
        memoranda_for(officer)
        .filter(status__in=IN_FORCE, reference__contains="/D")
        .select_related("initiating_unit", "person_in_charge")
        .prefetch_related("parties__organisation")
        .order_by("reference")
    )
    for memo in memos:
        rng = ctx.rng(f"engagements:{memo.reference}")
        koe = memo.initiating_unit.code.startswith("koe")
        roll = rng.random()
        if roll < (0.35 if koe else 0.5):
            latest = rng.randint(0, 80)  # engaged
        elif roll < (0.55 if koe else 0.75):
            latest = rng.randint(95, 175)  # at risk
        else:
            latest = None if rng.random() < 0.5 else rng.randint(200, 500)  # dormant
        if latest is None:
            continue
        org = memo.parties.all()[0].organisation
        for k in range(rng.randint(1, 3)):
            day = today - datetime.timedelta(days=latest + 45 * k)
            if memo.start_date and day < memo.start_date - datetime.timedelta(days=30):
                break
            log(
                rng,
                kind=rng.choice(KINDS),
                org=org,
                day=day,
                memo=memo,
                people=[memo.person_in_charge],
                pupils=students if rng.random() < 0.2 else [],
                unit=memo.initiating_unit,
            )

    rng = ctx.rng("engagements:general")
    orgs = [o for o in ctx.organisations if o.status == "active"]
    academic = ctx.logins.get("academic")
    for i in range(ctx.n(80)):
        org = rng.choice(orgs)
        day = today + datetime.timedelta(days=rng.randint(-330, 45))
        people = [rng.choice(staff)] if staff else []
        if academic and i % 9 == 0:
            people = [academic]
            day = today + datetime.timedelta(days=rng.randint(-5, 30))
        activity = log(
            rng,
            kind=rng.choice(KINDS),
            org=org,
            day=day,
            people=people,
            unit=people[0].unit if people else None,
        )
        if activity is not None and i % 7 == 0 and day <= today:
            from django.core.files.uploadedfile import SimpleUploadedFile

            services.attachment_add(
                activity=activity,
                by=officer,
                upload=SimpleUploadedFile(
                    "notes.pdf",
                    demo_pdf(activity.title, ["Notes of the activity.", str(day)]),
                    content_type="application/pdf",
                ),
                is_internal=i % 2 == 0,
            )
