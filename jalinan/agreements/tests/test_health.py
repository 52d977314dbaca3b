"""Health at its boundaries: the day before and the day of each threshold."""

import datetime

import pytest

from jalinan.agreements.choices import Status
from jalinan.agreements.models import Memorandum, add_months
from jalinan.agreements.selectors import health_for, health_of, health_summary, with_health
from jalinan.agreements.services import deliverable_create, deliverable_update
from jalinan.agreements.tests.factories import set_dates

TODAY = datetime.date(2025, 8, 31)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def in_force(memo_factory):
    def make(last_activity=None, start=datetime.date(2020, 1, 1), status=Status.ACTIVE):
        memo = memo_factory(status=status)
        return set_dates(
            memo, start=start, end=datetime.date(2030, 1, 1), last_activity=last_activity
        )

    return make


def test_add_months_keeps_the_calendar():
    assert add_months(datetime.date(2025, 8, 31), -6) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 8, 31), -6) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 1, 15), 13) == datetime.date(2026, 2, 15)


@pytest.mark.parametrize(
    "last_activity,health",
    [
        (TODAY, "engaged"),
        (datetime.date(2025, 6, 1), "engaged"),  # the day before the 3-month mark
        (datetime.date(2025, 5, 31), "at_risk"),  # 3 months to the day
        (datetime.date(2025, 3, 1), "at_risk"),  # the day before the 6-month mark
        (datetime.date(2025, 2, 28), "dormant"),  # 6 months to the day (31 Aug - 6 months)
        (datetime.date(2023, 1, 1), "dormant"),
    ],
)
def test_boundaries(in_force, last_activity, health):
    memo = in_force(last_activity=last_activity)
    assert health_of(memo, today=TODAY) == health


def test_without_activity_the_start_date_counts(in_force):
    assert health_of(in_force(start=datetime.date(2025, 3, 1)), today=TODAY) == "at_risk"
    assert health_of(in_force(start=datetime.date(2025, 2, 28)), today=TODAY) == "dormant"
    # an old activity before a recent start (a renewal) does not make it dormant
    fresh = in_force(start=TODAY - 10 * DAY, last_activity=datetime.date(2020, 1, 1))
    assert health_of(fresh, today=TODAY) == "engaged"


def test_an_overdue_deliverable_puts_it_at_risk(in_force):
    memo = in_force(last_activity=TODAY)
    d = deliverable_create(memorandum=memo, by=None, title="Internships", due_date=TODAY)
    assert health_of(memo, today=TODAY) == "engaged"  # due today is not overdue
    assert health_of(memo, today=TODAY + DAY) == "at_risk"
    deliverable_update(deliverable=d, by=None, status="done")
    assert health_of(memo, today=TODAY + DAY) == "engaged"


def test_thresholds_come_from_settings(in_force, settings):
    settings.JALINAN_MEMORANDUM_DORMANT_MONTHS = 12
    settings.JALINAN_MEMORANDUM_AT_RISK_MONTHS = 9
    memo = in_force(last_activity=datetime.date(2024, 9, 1))
    assert health_of(memo, today=TODAY) == "at_risk"
    assert health_of(memo, today=datetime.date(2025, 9, 1)) == "dormant"


def test_only_memoranda_in_force_have_a_health(in_force):
    assert health_of(in_force(status=Status.EXPIRING, last_activity=TODAY), today=TODAY) == (
        "engaged"
    )
    for status in (Status.DRAFT, Status.SIGNED, Status.EXPIRED, Status.TERMINATED):
        assert health_of(in_force(status=status), today=TODAY) == ""


def test_health_is_computed_in_bulk_with_a_fixed_number_of_queries(
    in_force, django_assert_num_queries
):
    for i in range(30):
        in_force(last_activity=TODAY - i * 10 * DAY)
    with django_assert_num_queries(1):
        rows = list(with_health(Memorandum.objects.all(), today=TODAY).values("pk", "health"))
    assert {r["health"] for r in rows} == {"engaged", "at_risk", "dormant"}
    with django_assert_num_queries(1):
        summary = health_summary(Memorandum.objects.all(), today=TODAY)
    assert sum(summary.values()) == 30


def test_the_dormancy_list_keeps_coordinators_to_their_unit(
    in_force, memo_factory, coordinator, officer, unit_ict, academic, org_acme
):
    mine = in_force(last_activity=datetime.date(2024, 1, 1))
    theirs = memo_factory(unit=unit_ict)
    set_dates(theirs, start=datetime.date(2020, 1, 1), last_activity=datetime.date(2024, 1, 1))
    Memorandum.objects.filter(pk=theirs.pk).update(status=Status.ACTIVE)
    in_force(last_activity=TODAY)  # engaged: not listed
    assert [m.pk for m in health_for(coordinator, today=TODAY)] == [mine.pk]
    assert {m.pk for m in health_for(officer, today=TODAY)} == {mine.pk, theirs.pk}
