"""The daily job: moves by date, tiered expiry alerts, stuck stages, overdue deliverables, and
nothing sent twice."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from jalinan.agreements.choices import Status
from jalinan.agreements.models import Deliverable, Memorandum, StatusChange
from jalinan.agreements.reminders import send_reminders
from jalinan.agreements.tests.factories import set_dates
from jalinan.core.models import Notification

TODAY = datetime.date(2025, 6, 1)


def days(n):
    return datetime.timedelta(days=n)


def titles(user, kind=None):
    qs = Notification.objects.filter(recipient=user)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.values_list("title", flat=True))


@pytest.fixture
def active(memo_factory):
    def make(end, **kw):
        memo = memo_factory(status=kw.pop("status", Status.ACTIVE), **kw)
        return set_dates(memo, start=end - days(1000), end=end, last_activity=TODAY)

    return make


def test_running_twice_sends_nothing_twice(active, academic, officer, memo_factory):
    active(TODAY + days(20))
    stuck = memo_factory(status=Status.LEGAL_REVIEW)
    Memorandum.objects.filter(pk=stuck.pk).update(status_changed_at=timezone.now() - days(40))
    m = active(TODAY + days(400))
    Deliverable.objects.create(memorandum=m, title="Two internships", due_date=TODAY - days(1))
    first = send_reminders(today=TODAY)
    assert first["expiry_alerts"] == 2  # the person in charge and the OIL officer
    assert first["stuck_alerts"] == 2
    assert first["overdue_deliverables"] == 2
    count = Notification.objects.count()
    second = send_reminders(today=TODAY)
    assert Notification.objects.count() == count
    assert second["expiry_alerts"] == second["stuck_alerts"] == second["overdue_deliverables"] == 0
    assert second["expired"] == second["marked_expiring"] == 0


@pytest.mark.parametrize(
    "left,tier",
    [(181, None), (180, 180), (91, 180), (90, 90), (31, 90), (30, 30), (0, 30)],
)
def test_expiry_alerts_come_in_tiers(active, academic, officer, left, tier):
    memo = active(TODAY + days(left))
    send_reminders(today=TODAY)
    sent = Notification.objects.filter(recipient=academic, kind="agreements.expiry")
    if tier is None:
        assert not sent.exists()
        return
    assert [n.dedupe_key.split(":")[2] for n in sent] == [str(tier)]
    assert f"expires in {left} days" in sent[0].title
    assert titles(officer, "agreements.expiry")  # OIL is told too
    memo.refresh_from_db()
    assert memo.status == Status.EXPIRING  # within the expiring window (180 days)


def test_each_tier_is_sent_once_as_the_end_draws_near(active, academic):
    active(TODAY + days(200))
    for offset in [*range(0, 201, 5), 201, 202]:
        send_reminders(today=TODAY + days(offset))
    keys = sorted(
        Notification.objects.filter(recipient=academic, kind="agreements.expiry").values_list(
            "dedupe_key", flat=True
        )
    )
    assert [k.split(":")[0] for k in keys] == ["expired", "expiry", "expiry", "expiry"]
    assert sorted(k.split(":")[2] for k in keys if k.startswith("expiry")) == ["180", "30", "90"]


def test_memoranda_move_to_expiring_and_expired_by_date(active):
    soon = active(TODAY + days(180))
    later = active(TODAY + days(181))
    over = active(TODAY - days(1), status=Status.EXPIRING)
    last_day = active(TODAY)
    result = send_reminders(today=TODAY)
    assert result["expired"] == 1 and result["marked_expiring"] == 2
    for memo, status in [
        (soon, Status.EXPIRING),
        (later, Status.ACTIVE),
        (over, Status.EXPIRED),
        (last_day, Status.EXPIRING),  # in force until the end of its last day
    ]:
        memo.refresh_from_db()
        assert memo.status == status
    change = StatusChange.objects.get(memorandum=over)
    assert (change.action, change.actor) == ("expire", None)


def test_on_expiry_the_person_in_charge_and_oil_are_told_once(active, academic, officer):
    memo = active(TODAY - days(1))
    send_reminders(today=TODAY)
    send_reminders(today=TODAY + days(1))
    for person in (academic, officer):
        expired = [t for t in titles(person, "agreements.expiry") if "expired on" in t]
        assert len(expired) == 1
    assert memo.reference in expired[0]


def test_long_expired_memoranda_are_not_dug_up(active, academic):
    active(TODAY - days(400), status=Status.EXPIRED)
    send_reminders(today=TODAY)
    assert not titles(academic)


def test_stuck_alert_after_the_stage_limit_once_per_stay(memo_factory, academic, officer, settings):
    settings.JALINAN_MEMORANDUM_STAGE_LIMITS = {Status.OIL_REVIEW: 10}
    memo = memo_factory(status=Status.OIL_REVIEW)
    entered = timezone.now() - days(9)
    Memorandum.objects.filter(pk=memo.pk).update(status_changed_at=entered)
    send_reminders(today=timezone.localdate())
    assert not titles(academic, "agreements.stuck")
    Memorandum.objects.filter(pk=memo.pk).update(status_changed_at=entered - days(1))
    send_reminders(today=timezone.localdate())
    send_reminders(today=timezone.localdate())
    assert len(titles(academic, "agreements.stuck")) == 1
    assert "OIL review for 10 days" in titles(officer, "agreements.stuck")[0]


def test_overdue_deliverables_go_to_the_person_in_charge_oil_and_the_owner(
    active, coordinator, academic, officer
):
    memo = active(TODAY + days(500))
    Deliverable.objects.create(
        memorandum=memo, title="One joint project", due_date=TODAY, owner=coordinator
    )
    late = Deliverable.objects.create(
        memorandum=memo, title="Two internships", due_date=TODAY - days(1), owner=coordinator
    )
    Deliverable.objects.create(
        memorandum=memo, title="Done already", due_date=TODAY - days(5), status="done"
    )
    result = send_reminders(today=TODAY)
    expected = [
        f"Deliverable “Two internships” of {memo.reference} was due on {late.due_date.isoformat()}"
    ]
    for person in (academic, coordinator, officer):  # in charge, owner, OIL
        assert titles(person, "agreements.deliverable") == expected, person
    assert result["overdue_deliverables"] == 3
    assert send_reminders(today=TODAY)["overdue_deliverables"] == 0
    send_reminders(today=TODAY + days(1))  # "One joint project" is late now; the other not again
    for person in (academic, coordinator, officer):
        sent = titles(person, "agreements.deliverable")
        assert len(sent) == 2 and sum("Two internships" in t for t in sent) == 1, person


def test_an_owner_in_charge_is_told_once(active, academic, officer):
    memo = active(TODAY + days(500))
    Deliverable.objects.create(
        memorandum=memo, title="Two internships", due_date=TODAY - days(1), owner=academic
    )
    assert send_reminders(today=TODAY)["overdue_deliverables"] == 2
    assert len(titles(academic, "agreements.deliverable")) == 1
    assert len(titles(officer, "agreements.deliverable")) == 1


def test_reminders_are_in_the_recipients_language(active, academic):
    academic.language = "ms"
    academic.save()
    active(TODAY + days(30))
    send_reminders(today=TODAY)
    assert "tamat" in titles(academic, "agreements.expiry")[0]


def test_the_command_and_the_daily_job_run_it(active, academic, capsys):
    active(TODAY + days(10))
    call_command("send_memorandum_reminders", date=TODAY.isoformat())
    assert "expiry_alerts" in capsys.readouterr().out
    assert len(titles(academic)) == 1
    call_command("run_daily", only=["agreements.reminders"])
    assert len(titles(academic)) == 1
