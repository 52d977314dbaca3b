"""The dashboard at scale: synthetic data (10,000 memoranda by default) and the page benchmark
``reports.dashboard`` (``manage.py benchmark_pages --only reports.dashboard --json``).

:func:`make_dataset` bulk-creates rows straight into the other apps' tables (no services: it is
a measurement, not a history); the query-count test uses it too. Run only in a scratch or test
database.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

TOPICS = ["robotics", "halal food", "Islamic finance", "water", "renewable energy", "AI"]


def make_dataset(n_memoranda: int, *, seed: int = 10_000) -> dict:
    """The cast (:func:`make_cast`) and ``n_memoranda`` memoranda with their activities and
    tags (:func:`add_records`)."""
    cast = make_cast(seed=seed)
    add_records(cast, n_memoranda)
    return cast


def make_cast(*, seed: int = 10_000) -> dict:
    """Units (six kulliyyahs, each with two departments), an officer, management, a
    coordinator of the first kulliyyah, staff, and partner organisations."""
    from jalinan.accounts.models import Unit
    from jalinan.accounts.roles import Role
    from jalinan.accounts.services import user_create
    from jalinan.agreements.services import types_ensure_defaults
    from jalinan.partners.models import Organisation

    rng = random.Random(seed)
    types_ensure_defaults()
    kulliyyahs = [
        Unit.objects.create(code=f"rb-k{i}", name=f"Bench Kulliyyah {i}", kind="kulliyyah")
        for i in range(6)
    ]
    departments = [
        Unit.objects.create(
            code=f"rb-k{i}-d{j}", name=f"Bench Department {i}.{j}", kind="department", parent=k
        )
        for i, k in enumerate(kulliyyahs)
        for j in range(2)
    ]
    units = kulliyyahs + departments
    return {
        "rng": rng,
        "units": units,
        "kulliyyah": kulliyyahs[0],
        "department": departments[0],
        "officer": user_create(
            email="rb-officer@bench.example", full_name="Bench Officer", roles=[Role.OIL_OFFICER]
        ),
        "management": user_create(
            email="rb-management@bench.example",
            full_name="Bench Management",
            roles=[Role.MANAGEMENT],
        ),
        "coordinator": user_create(
            email="rb-coordinator@bench.example",
            full_name="Bench Coordinator",
            roles=[Role.COORDINATOR],
            unit=kulliyyahs[0],
        ),
        "people": [
            user_create(
                email=f"rb-staff{i:03d}@bench.example",
                full_name=f"Bench Staff {i:03d}",
                roles=[Role.ACADEMIC],
                unit=units[i % len(units)],
            )
            for i in range(24)
        ],
        "organisations": Organisation.objects.bulk_create(
            [
                Organisation(
                    legal_name=f"Bench Partner {i:04d} Sdn. Bhd.",
                    org_type=rng.choice(["sme", "sme", "mnc", "glc", "startup", "government"]),
                    search_name=f"bench partner {i:04d}",
                    country=rng.choice(["MY", "MY", "MY", "SG", "ID", "JP", "GB"]),
                    msic_section=rng.choice("CGJKMPQ"),
                    lead_unit=rng.choice(units),
                )
                for i in range(350)
            ]
        ),
        "memoranda": 0,
        "activities": 0,
    }


def add_records(cast: dict, n_memoranda: int) -> None:
    """``n_memoranda`` more memoranda in every status (with one or two parties each), half as
    many activities over five years, and accepted SDG tags on about a third of both."""
    from django.contrib.contenttypes.models import ContentType

    from jalinan.agreements.choices import CONCLUDED, Status
    from jalinan.agreements.models import Memorandum, MemorandumType, Party
    from jalinan.engagements.choices import ActivityType
    from jalinan.engagements.models import Activity
    from jalinan.sdgs.models import SdgTag

    rng, units, people, orgs = cast["rng"], cast["units"], cast["people"], cast["organisations"]
    offset = cast["memoranda"]
    today = timezone.localdate()
    now = timezone.now()
    memo_types = list(MemorandumType.objects.all())
    statuses = list(Status.values)
    weights = [5 if s in (Status.ACTIVE, Status.EXPIRING, Status.EXPIRED) else 1 for s in statuses]
    memos = []
    for i in range(offset, offset + n_memoranda):
        memo_type = rng.choice(memo_types)
        status = rng.choices(statuses, weights)[0]
        start = today - datetime.timedelta(days=rng.randint(-60, 6 * 365))
        end = start + datetime.timedelta(days=rng.choice([365, 730, 1095, 1825]))
        signed = status in CONCLUDED
        last = today - datetime.timedelta(days=rng.randint(0, 500)) if rng.random() < 0.7 else None
        memos.append(
            Memorandum(
                reference=f"RB/{memo_type.abbreviation}/{i:06d}",
                title=f"Collaboration {i} on {rng.choice(TOPICS)}",
                memo_type=memo_type,
                initiating_unit=rng.choice(units),
                person_in_charge=rng.choice(people),
                scope="Joint research, internships and talks.",
                status=status,
                status_changed_at=now - datetime.timedelta(days=rng.randint(0, 400)),
                start_date=start,
                end_date=end,
                signed_on=start - datetime.timedelta(days=rng.randint(0, 30)) if signed else None,
                value_cash=rng.choice([0, 0, 10_000, 50_000, 250_000]),
                value_in_kind=rng.choice([0, 5_000, 20_000]),
                last_activity_on=last,
                engaged_since=max(d for d in (last, start) if d is not None),
                created_at=now - datetime.timedelta(minutes=i),
            )
        )
    memos = Memorandum.objects.bulk_create(memos, batch_size=1000)
    Party.objects.bulk_create(
        [
            Party(memorandum=m, organisation=org, order=k)
            for m in memos
            for k, org in enumerate(rng.sample(orgs, rng.choice([1, 1, 1, 2])))
        ],
        batch_size=2000,
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                title=f"Bench activity {offset + i}",
                activity_type=rng.choice(ActivityType.values),
                date=today - datetime.timedelta(days=rng.randint(0, 5 * 365)),
                unit=rng.choice(units),
            )
            for i in range(n_memoranda // 2)
        ],
        batch_size=2000,
    )
    Activity.organisations.through.objects.bulk_create(
        [
            Activity.organisations.through(activity_id=a.pk, organisation_id=rng.choice(orgs).pk)
            for a in activities
        ],
        batch_size=2000,
    )
    tags = []
    for model, records in ((Memorandum, memos), (Activity, activities)):
        ct = ContentType.objects.get_for_model(model)
        for record in records:
            if rng.random() < 0.35:
                for goal in set(rng.sample([4, 8, 9, 9, 17, 17, 17, 3, 11], rng.choice([1, 2]))):
                    tags.append(
                        SdgTag(
                            content_type=ct,
                            object_id=record.pk,
                            goal=goal,
                            status=SdgTag.Status.ACCEPTED,
                            confidence=0.8,
                            evidence={"targets": [{"code": f"{goal}.1", "text": ""}], "terms": []},
                        )
                    )
    SdgTag.objects.bulk_create(tags, batch_size=2000)
    cast["memoranda"] += len(memos)
    cast["activities"] += len(activities)


def bench_dashboard(size: float = 1.0) -> dict:
    from jalinan.core.bench import measure_page

    n = max(100, round(10_000 * size))
    cast = make_dataset(n)
    debug, settings.DEBUG = settings.DEBUG, False  # timings as production runs them
    try:
        officer, coordinator = cast["officer"], cast["coordinator"]
        return {
            "memoranda": cast["memoranda"],
            "activities": cast["activities"],
            "oil_dashboard": measure_page(officer, "/reports/"),
            "oil_dashboard_unit": measure_page(officer, f"/reports/?unit={cast['kulliyyah'].pk}"),
            "coordinator_dashboard": measure_page(coordinator, "/reports/"),
            "api_dashboard": measure_page(officer, "/api/v1/reports/dashboard"),
        }
    finally:
        settings.DEBUG = debug
