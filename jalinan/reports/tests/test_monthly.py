"""The monthly e-mail to management: sent on the first run of a month, once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from jalinan.core.models import Notification
from jalinan.reports.monthly import KIND, send_monthly_headlines


@pytest.fixture
def readers(world, management, officer, coordinator):
    return management


def test_first_day_of_the_month_sends_the_figures_to_management(
    readers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_monthly_headlines(today=datetime.date(2025, 1, 1))
    assert sent == 1
    note = Notification.objects.get(kind=KIND)
    assert note.recipient == readers
    assert note.dedupe_key == "2025-01"
    assert note.title == "Headline figures for January 2025"
    # January closes the year before: the figures of 2024, as of 31 December.
    assert "figures for 2024, as they stood on 31 December 2024" in note.body
    assert "- Memoranda in force: 3" in note.body
    assert "- Memoranda signed: 3" in note.body
    assert "- Graduate employability: 66.7%" in note.body
    assert [m.to for m in mail.outbox] == [[readers.email]]
    assert "- Engagement activities: 3" in mail.outbox[0].body
    assert note.url == "/reports/?year=2024"


def test_a_second_run_sends_nothing(readers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_monthly_headlines(today=datetime.date(2025, 1, 1)) == 1
        assert send_monthly_headlines(today=datetime.date(2025, 1, 1)) == 0
        assert send_monthly_headlines(today=datetime.date(2025, 1, 17)) == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind=KIND).count() == 1


def test_a_missed_first_day_sends_on_the_next_run_and_next_month_again(readers):
    assert send_monthly_headlines(today=datetime.date(2025, 3, 4)) == 1
    assert send_monthly_headlines(today=datetime.date(2025, 4, 1)) == 1
    keys = set(Notification.objects.filter(kind=KIND).values_list("dedupe_key", flat=True))
    assert keys == {"2025-03", "2025-04"}


def test_only_management_receives_it(readers, officer, coordinator):
    send_monthly_headlines(today=datetime.date(2025, 2, 1))
    assert set(Notification.objects.filter(kind=KIND).values_list("recipient", flat=True)) == {
        readers.pk
    }


def test_in_the_readers_language(readers):
    readers.language = "ms"
    readers.save()
    send_monthly_headlines(today=datetime.date(2025, 2, 1))
    note = Notification.objects.get(kind=KIND)
    assert note.title.startswith("Angka utama")


def test_runs_as_a_daily_job(readers):
    call_command("run_daily", only=["reports.monthly_headlines"])
    call_command("run_daily", only=["reports.monthly_headlines"])
    assert Notification.objects.filter(kind=KIND, recipient=readers).count() == 1
