"""The daily IP-deadline reminders: 90, 30, 7 and 0 days before and once overdue, through the
notification service, each tier of each deadline sent once whatever how often the job runs."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jalinan.core.models import Notification
from jalinan.core.registry import daily_jobs
from jalinan.technologies.choices import AssetKind, AssetStatus, IPOffice
from jalinan.technologies.models import DeadlineReminder
from jalinan.technologies.reminders import send_ip_reminders
from jalinan.technologies.services.assets import (
    NOTIFY_DEADLINE,
    asset_create,
    asset_set_status,
    deadline_add,
    deadline_done,
)

D = datetime.date
DUE = D(2026, 3, 15)


@pytest.fixture
def asset(decided_disclosure, officer):
    """A copyright notification (no computed deadlines) of the inventors' disclosure."""
    return asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind=AssetKind.COPYRIGHT,
        title="Strip reader software",
        office=IPOffice.MYIPO,
        application_number="CRLY2025001234",
        filing_date=D(2025, 1, 6),
        status=AssetStatus.FILED,
    )


@pytest.fixture
def deadline(asset, officer):
    return deadline_add(
        asset=asset, by=officer, kind="response", due_date=DUE, description="Answer the report"
    )


def _run(day, capture):
    with capture(execute=True):
        return send_ip_reminders(today=day)


def _titles(user):
    return list(
        Notification.objects.filter(recipient=user, kind=NOTIFY_DEADLINE)
        .order_by("pk")
        .values_list("title", flat=True)
    )


def test_nothing_before_90_days(deadline, django_capture_on_commit_callbacks):
    counts = _run(DUE - datetime.timedelta(days=91), django_capture_on_commit_callbacks)
    assert counts == {"reminders": 0, "skipped": 0, "messages": 0}
    assert mail.outbox == [] and not DeadlineReminder.objects.exists()


def test_each_tier_once_to_oil_the_committee_and_the_inventors(
    officer,
    ip_committee,
    other_academic,
    partner_user,
    outsider,
    deadline,
    academic,
    student,
    django_capture_on_commit_callbacks,
):
    capture = django_capture_on_commit_callbacks
    people = {officer.email, ip_committee.email, academic.email, student.email}

    counts = _run(DUE - datetime.timedelta(days=90), capture)
    assert counts == {"reminders": 1, "skipped": 0, "messages": 4}
    assert {m.to[0] for m in mail.outbox} == people and len(mail.outbox) == 4
    assert _titles(academic) == [
        "CRLY2025001234: Response to an office action is due in 90 days (March 15, 2026)"
    ]
    told = Notification.objects.get(recipient=officer, kind=NOTIFY_DEADLINE)
    assert told.body == "Answer the report"

    # The same day again, and the days after, until the next tier: nothing more.
    for day in (DUE - datetime.timedelta(days=90), DUE - datetime.timedelta(days=31)):
        assert _run(day, capture)["messages"] == 0
    assert len(mail.outbox) == 4

    for days, phrase in [(30, "due in 30 days"), (7, "due in 7 days"), (0, "is due today")]:
        _run(DUE - datetime.timedelta(days=days), capture)
        _run(DUE - datetime.timedelta(days=days), capture)
        assert phrase in _titles(student)[-1]
    _run(DUE + datetime.timedelta(days=1), capture)
    _run(DUE + datetime.timedelta(days=40), capture)
    assert "was due on March 15, 2026 (overdue)" in _titles(student)[-1]

    assert len(_titles(student)) == 5 and len(_titles(officer)) == 5
    assert len(mail.outbox) == 5 * 4
    assert sorted(DeadlineReminder.objects.values_list("days_before", flat=True)) == [
        -1,
        0,
        7,
        30,
        90,
    ]
    for user in (other_academic, partner_user, outsider):
        assert _titles(user) == []


def test_a_late_start_sends_only_the_nearest_tier(
    officer, deadline, academic, django_capture_on_commit_callbacks
):
    counts = _run(DUE - datetime.timedelta(days=5), django_capture_on_commit_callbacks)
    assert counts["reminders"] == 1 and counts["skipped"] == 2
    assert _titles(academic) == [
        "CRLY2025001234: Response to an office action is due in 5 days (March 15, 2026)"
    ]
    # The tiers passed over are recorded, so they are never sent later either.
    assert _run(DUE - datetime.timedelta(days=4), django_capture_on_commit_callbacks) == {
        "reminders": 0,
        "skipped": 0,
        "messages": 0,
    }
    assert len(_titles(officer)) == 1


def test_one_day_is_singular(officer, deadline, django_capture_on_commit_callbacks):
    _run(DUE - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert _titles(officer)[0].endswith("is due in 1 day (March 15, 2026)")


def test_done_deadlines_and_lapsed_assets_are_not_reminded(
    officer, asset, deadline, django_capture_on_commit_callbacks
):
    deadline_done(deadline=deadline, by=officer)
    other = deadline_add(asset=asset, by=officer, kind="other", due_date=DUE)
    asset_set_status(asset=asset, by=officer, status=AssetStatus.ABANDONED)
    assert other.asset.deadlines.filter(done_on__isnull=True).exists()
    counts = _run(DUE - datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert counts["reminders"] == 0 and mail.outbox == []


def test_someone_who_is_both_inventor_and_committee_is_told_once(
    officer, ip_committee, decided_disclosure, django_capture_on_commit_callbacks
):
    from jalinan.technologies.services.disclosures import disclosure_update

    disclosure_update(
        disclosure=decided_disclosure,
        by=officer,
        inventors=[{"user": ip_committee, "share": "100"}],
    )
    asset = asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind=AssetKind.KNOW_HOW,
        title="Antibody recipe",
        status=AssetStatus.FILED,
    )
    deadline_add(asset=asset, by=officer, kind="other", due_date=DUE)
    _run(DUE, django_capture_on_commit_callbacks)
    assert len(_titles(ip_committee)) == 1
    assert [m.to[0] for m in mail.outbox].count(ip_committee.email) == 1


def test_inactive_people_are_not_told(
    officer, deadline, academic, django_capture_on_commit_callbacks
):
    academic.is_active = False
    academic.save()
    _run(DUE, django_capture_on_commit_callbacks)
    assert _titles(academic) == [] and academic.email not in [m.to[0] for m in mail.outbox]


def test_the_tiers_come_from_the_settings(
    settings, officer, deadline, django_capture_on_commit_callbacks
):
    settings.JALINAN_IP_DEADLINE_ALERT_DAYS = [14]
    assert (
        _run(DUE - datetime.timedelta(days=30), django_capture_on_commit_callbacks)["reminders"]
        == 0
    )
    _run(DUE - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert _titles(officer)[0].endswith("is due in 14 days (March 15, 2026)")


def test_the_daily_job_is_registered_and_running_it_twice_sends_once(
    officer, asset, academic, django_capture_on_commit_callbacks
):
    assert "technologies.ip_reminders" in [job.key for job in daily_jobs()]
    due = timezone.localdate() + datetime.timedelta(days=7)
    deadline_add(asset=asset, by=officer, kind="other", due_date=due)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_daily", only=["technologies.ip_reminders"], stdout=None)
    assert len(_titles(academic)) == 1 and "is due in 7 days" in _titles(academic)[0]
    assert [m.to[0] for m in mail.outbox].count(academic.email) == 1


def test_each_person_reads_it_in_their_language(
    officer, deadline, academic, django_capture_on_commit_callbacks
):
    academic.language = "ms"
    academic.save()
    _run(DUE, django_capture_on_commit_callbacks)
    assert _titles(academic)[0].startswith(
        "CRLY2025001234: Jawapan kepada tindakan pejabat perlu diselesaikan hari ini"
    )
    assert _titles(officer)[0].startswith(
        "CRLY2025001234: Response to an office action is due today"
    )


def test_a_computed_deadline_is_explained_in_each_readers_language(
    officer, academic, decided_disclosure, django_capture_on_commit_callbacks
):
    from django.utils import translation

    academic.language = "ms"
    academic.save()
    # Computed while a Malay-speaking officer was at work: the stored text is Malay.
    with translation.override("ms"):
        patent = asset_create(
            by=officer,
            disclosure=decided_disclosure,
            kind=AssetKind.PATENT,
            title="Strip reader",
            office=IPOffice.MYIPO,
            application_number="PI2026000111",
            filing_date=D(2025, 3, 15),
            priority_date=D(2025, 3, 15),
            status=AssetStatus.FILED,
        )
    first = patent.deadlines.order_by("due_date").first()
    assert first.due_date == D(2026, 3, 15)
    assert not first.description.startswith("Last day to file abroad")  # stored in Malay
    _run(D(2026, 3, 15), django_capture_on_commit_callbacks)
    english = Notification.objects.get(recipient=officer, kind=NOTIFY_DEADLINE)
    malay = Notification.objects.get(recipient=academic, kind=NOTIFY_DEADLINE)
    assert english.body.startswith("Last day to file abroad")
    assert not malay.body.startswith("Last day to file abroad") and malay.body
    # The asset's page explains it in the reader's language too.
    with translation.override("en"):
        assert first.explanation == english.body
