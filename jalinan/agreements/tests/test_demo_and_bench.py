"""The demo data (small scale: idempotent, every status, each demo login has something to see)
and the page benchmark's data (no timings here: those belong to `benchmark_pages`)."""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from jalinan.accounts.models import User
from jalinan.agreements.choices import Status
from jalinan.agreements.models import Document, Memorandum, StatusChange
from jalinan.agreements.selectors import health_summary, mcom_agenda, memoranda_for
from jalinan.engagements.models import Activity


def counts():
    return (
        Memorandum.objects.count(),
        StatusChange.objects.count(),
        Document.objects.count(),
        Activity.objects.count(),
    )


@pytest.mark.slow
def test_the_demo_is_idempotent_and_fills_every_list(db):
    call_command("seed_demo", academics=20, scale=0.1, verbosity=0)
    first = counts()
    call_command("seed_demo", academics=20, scale=0.1, verbosity=0)
    assert counts() == first
    statuses = set(Memorandum.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    doc = Document.objects.filter(kind="signed").first()
    assert PdfReader(io.BytesIO(doc.file.read())).pages[0].extract_text()
    logins = {u.email.split("@")[0]: u for u in User.objects.filter(email__contains="@demo.")}
    assert memoranda_for(logins["partner"]).exists()
    assert mcom_agenda(logins["committee"]).exists()
    summary = health_summary(Memorandum.objects.all())
    assert summary["engaged"] and summary["at_risk"] + summary["dormant"]
    # every memorandum's history follows the workflow, in order
    memo = Memorandum.objects.filter(status=Status.ACTIVE).first()
    steps = list(memo.status_changes.values_list("from_status", "to_status"))
    assert steps[0][0] == "draft" and steps[-1][1] == "active"
    assert all(a[1] == b[0] for a, b in zip(steps, steps[1:], strict=False))


def test_the_benchmark_builds_its_data_and_counts_queries(db):
    from jalinan.agreements import bench

    with mock.patch("jalinan.core.bench.measure_page", return_value={"ms_p50": 0}):
        figures = bench.bench_list(size=0.01)
    assert figures["memoranda"] == 100 and Memorandum.objects.count() == 100
    assert 5 < figures["list"]["queries"] <= 16
