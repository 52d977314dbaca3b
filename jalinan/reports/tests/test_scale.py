"""The dashboard's query count does not grow with the data: the same at 10 memoranda as at
10,000 (bulk-created), and within a fixed budget. Timings are in the benchmark
(``manage.py benchmark_pages --only reports.dashboard``), never here."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalinan.agreements.models import Memorandum
from jalinan.reports.bench import add_records, make_cast

# Sessions, roles and the unit tree, then about one query per figure group and chart (the
# memoranda, partners, engagements, placements, projects, pipeline, challenges, technologies
# and SDG providers: 68-73 queries when measured with all of them registered, the experts'
# profiles and publications, the pipeline and the technology offers among the SDG sources).
BUDGET = 75


def queries(client, url, *, warm=True) -> int:
    if warm:
        client.get(url)  # fill the per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.slow
def test_dashboard_queries_do_not_grow_with_10000_memoranda(db):
    cast = make_cast()
    officer, coordinator = Client(), Client()
    officer.force_login(cast["officer"])
    coordinator.force_login(cast["coordinator"])
    urls = [
        (officer, "/reports/"),
        (officer, f"/reports/?unit={cast['kulliyyah'].pk}"),
        (coordinator, "/reports/"),
        (officer, "/api/v1/reports/dashboard"),
    ]
    add_records(cast, 10)
    small = [queries(client, url) for client, url in urls]
    add_records(cast, 9_990)
    assert Memorandum.objects.count() == 10_000
    large = [queries(client, url, warm=False) for client, url in urls]
    assert large == small
    print("queries (officer, officer by unit, coordinator, API):", large)
    assert max(large) <= BUDGET, large
