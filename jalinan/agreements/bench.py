"""Page benchmark: the memoranda list at 10,000 memoranda (``manage.py benchmark_pages``).

Runs in the scratch database ``benchmark_pages`` prepares; bulk-creates the data (no services:
it is a measurement, not a history) and measures the list page, a health-filtered list and the
dormancy page through the test client.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

TOPICS = ["robotics", "halal food", "AI", "water"]


def bench_list(size: float = 1.0) -> dict:
    from jalinan.accounts.models import Unit
    from jalinan.accounts.roles import Role
    from jalinan.accounts.services import user_create
    from jalinan.partners.models import Organisation

    from .choices import DeliverableStatus, Status
    from .models import Deliverable, Memorandum, MemorandumType, Party
    from .services import memoranda_refresh_health

    rng = random.Random(10_000)
    n = max(100, round(10_000 * size))
    today = timezone.localdate()
    units = [
        Unit.objects.create(code=f"bench-{i}", name=f"Bench Kulliyyah {i:02d}", kind="kulliyyah")
        for i in range(12)
    ]
    officer = user_create(
        email="bench-officer@bench.example", full_name="Bench Officer", roles=[Role.OIL_OFFICER]
    )
    people = [
        user_create(
            email=f"bench-staff{i:03d}@bench.example",
            full_name=f"Bench Staff {i:03d}",
            roles=[Role.ACADEMIC],
            unit=units[i % len(units)],
        )
        for i in range(60)
    ]
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                legal_name=f"Bench Partner {i:04d} Sdn. Bhd.",
                org_type="sme",
                search_name=f"bench partner {i:04d}",
                country=rng.choice(["MY", "MY", "MY", "SG", "ID", "JP"]),
                msic_section=rng.choice("CGJMQ"),
            )
            for i in range(max(50, n // 30))
        ]
    )
    types = list(MemorandumType.objects.all())
    statuses = [s for s in Status.values]
    weights = [4 if s in (Status.ACTIVE, Status.EXPIRING) else 1 for s in statuses]
    memos = []
    now = timezone.now()
    for i in range(n):
        start = today - datetime.timedelta(days=rng.randint(0, 2000))
        memo_type = rng.choice(types)
        memos.append(
            Memorandum(
                reference=f"{memo_type.abbreviation}/B/{i:06d}",
                title=f"Collaboration {i} on {rng.choice(TOPICS)}",
                memo_type=memo_type,
                initiating_unit=rng.choice(units),
                person_in_charge=rng.choice(people),
                scope="Joint research, internships and talks.",
                status=rng.choices(statuses, weights)[0],
                status_changed_at=now - datetime.timedelta(days=rng.randint(0, 400)),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.choice([365, 730, 1095, 1825])),
                last_activity_on=(
                    today - datetime.timedelta(days=rng.randint(0, 500))
                    if rng.random() < 0.7
                    else None
                ),
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
    Deliverable.objects.bulk_create(
        [
            Deliverable(
                memorandum=m,
                title="Two internships a year",
                due_date=today + datetime.timedelta(days=rng.randint(-200, 300)),
                status=rng.choice(DeliverableStatus.values),
            )
            for m in memos
            if rng.random() < 0.5
        ],
        batch_size=2000,
    )
    memoranda_refresh_health(Memorandum.objects.values_list("pk", flat=True))
    # Timings as production runs them, without DEBUG's query log.
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        return {
            "memoranda": n,
            **{
                key: _measure(officer, url)
                for key, url in [
                    ("list", "/memoranda/"),
                    ("list_dormant_filter", "/memoranda/?health=dormant"),
                    ("list_search", "/memoranda/?q=robotics&status=in_force"),
                    ("dormancy_page", "/memoranda/health/"),
                ]
            },
        }
    finally:
        settings.DEBUG = debug


def _measure(user, url: str) -> dict:
    """measure_page's timings, with the query count of one request taken here: measure_page
    reads its capture only after its timed requests, whose start empties the query log, so it
    reports 0."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jalinan.core.bench import measure_page

    figures = measure_page(user, url)
    client = Client()
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    figures["queries"] = len(ctx.captured_queries)
    return figures


def bench_import(size: float = 1.0) -> dict:
    """Import a register of 5,000 memoranda (CSV) through the import framework, as the
    command line does, then the same file again (every row unchanged)."""
    import csv
    import io
    import time

    from jalinan.accounts.models import Unit
    from jalinan.accounts.roles import Role
    from jalinan.accounts.services import user_create
    from jalinan.core.imports.registry import get_register
    from jalinan.core.imports.services import import_file
    from jalinan.partners.dedupe import normalise_name
    from jalinan.partners.models import Organisation
    from jalinan.sdgs.services import deferred_classification

    from .choices import Status

    rng = random.Random(5_000)
    n = max(100, round(5_000 * size))
    units = [
        Unit.objects.create(code=f"imp-{i}", name=f"Import Kulliyyah {i:02d}", kind="kulliyyah")
        for i in range(12)
    ]
    officer = user_create(
        email="import-officer@bench.example", full_name="Import Officer", roles=[Role.OIL_OFFICER]
    )
    people = [
        user_create(
            email=f"import-staff{i:03d}@bench.example",
            full_name=f"Import Staff {i:03d}",
            roles=[Role.ACADEMIC],
            unit=units[i % len(units)],
        )
        for i in range(60)
    ]
    names = [f"Registry Partner {i:04d} Sdn. Bhd." for i in range(300)]
    Organisation.objects.bulk_create(
        [
            Organisation(legal_name=name, org_type="sme", search_name=normalise_name(name))
            for name in names
        ]
    )
    new_names = [f"Newcomer Industries {i:03d} Berhad" for i in range(50)]
    today = timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["reference", "type", "title", "parties", "kcdio", "person_in_charge", "status"]
    writer.writerow([*columns, "start_date", "end_date", "value_cash"])
    for i in range(n):
        start = today - datetime.timedelta(days=rng.randint(0, 2000))
        parties = rng.sample(names, rng.choice([1, 1, 2]))
        if rng.random() < 0.05:
            parties.append(rng.choice(new_names))
        writer.writerow(
            [
                f"MOU/{2010 + i % 15}/{i:05d}",
                rng.choice(["MOU", "MOA", "NDA", "RCA"]),
                f"Collaboration {i} on {rng.choice(TOPICS)}",
                "; ".join(parties),
                units[i % len(units)].code,
                people[i % len(people)].email,
                rng.choice([Status.ACTIVE, Status.ACTIVE, Status.EXPIRED, Status.TERMINATED]),
                start.isoformat(),
                (start + datetime.timedelta(days=rng.choice([365, 730, 1825]))).isoformat(),
                rng.choice(["0", "15000", "250000.50"]),
            ]
        )
    content = out.getvalue().encode()
    register = get_register("memoranda")
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        # The SDG suggestions the new memoranda ask for are background work (a worker with
        # a broker; in-process after the import in the embedded mode): timed apart.
        with deferred_classification(background=False):
            started = time.perf_counter()
            report, _run = import_file(
                register, filename="memoranda.csv", content=content, by=officer
            )
            first = time.perf_counter() - started
        classified = time.perf_counter() - started - first
        started = time.perf_counter()
        again, _run = import_file(register, filename="memoranda.csv", content=content, by=officer)
        second = time.perf_counter() - started
    finally:
        settings.DEBUG = debug
    return {
        "rows": n,
        "import_seconds": round(first, 1),
        "sdg_classification_seconds": round(classified, 1),
        "rows_per_second": round(n / first),
        "counts": report.counts,
        "reimport_seconds": round(second, 1),
        "reimport_counts": again.counts,
    }
