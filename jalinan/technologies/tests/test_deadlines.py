"""The deadlines an IP asset gets from its dates, kept in step as the dates and status change.

Every expected date below is written out by hand from the rule it tests:
12 months from priority (foreign / PCT filing), 30 months from priority (PCT national phase),
48 months from filing (MyIPO examination request), annual fees on filing anniversaries after
the grant within 20 years, USPTO maintenance fees at 3½, 7½ and 11½ years from grant,
trademarks every 10 years, industrial designs every 5 years up to 25.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalinan.core.audit import history_for
from jalinan.technologies.choices import AssetKind, AssetStatus, DeadlineKind, IPOffice
from jalinan.technologies.models import Deadline
from jalinan.technologies.services.assets import (
    asset_create,
    asset_set_status,
    asset_update,
    deadline_add,
    deadline_done,
    deadline_reopen,
    deadlines_sync,
)

D = datetime.date
PRIORITY = DeadlineKind.PRIORITY_YEAR
PCT_NATIONAL = DeadlineKind.PCT_NATIONAL
EXAMINATION = DeadlineKind.EXAMINATION
ANNUITY = DeadlineKind.ANNUITY
RENEWAL = DeadlineKind.RENEWAL


def _asset(by, **fields):
    fields.setdefault("kind", AssetKind.PATENT)
    fields.setdefault("title", "Immunoassay strip")
    fields.setdefault("status", AssetStatus.FILED)
    return asset_create(by=by, **fields)


def _open(asset):
    return [
        (d.kind, d.due_date)
        for d in asset.deadlines.filter(done_on__isnull=True).order_by("due_date", "kind")
    ]


def test_first_filing_at_myipo_priority_year_and_examination(officer):
    asset = _asset(officer, office=IPOffice.MYIPO, filing_date=D(2025, 3, 15))
    assert _open(asset) == [(PRIORITY, D(2026, 3, 15)), (EXAMINATION, D(2029, 3, 15))]
    priority = asset.deadlines.get(kind=PRIORITY)
    assert priority.is_computed and "12 months from the priority date" in priority.description
    entry = history_for(asset).get()
    assert entry.action == "create"
    assert entry.changes["deadlines"] == [
        None,
        ["priority_year 2026-03-15", "examination 2029-03-15"],
    ]


def test_utility_innovation_gets_the_same_dates(officer):
    asset = _asset(
        officer, kind=AssetKind.UTILITY, office=IPOffice.MYIPO, filing_date=D(2024, 7, 1)
    )
    assert _open(asset) == [(PRIORITY, D(2025, 7, 1)), (EXAMINATION, D(2028, 7, 1))]


def test_examination_at_48_months_is_from_filing_not_priority(officer):
    asset = _asset(
        officer,
        office=IPOffice.MYIPO,
        filing_date=D(2025, 2, 10),
        priority_date=D(2024, 9, 30),
    )
    assert _open(asset) == [(PRIORITY, D(2025, 9, 30)), (EXAMINATION, D(2029, 2, 10))]


def test_other_offices_have_no_myipo_examination_request(officer):
    asset = _asset(officer, office=IPOffice.EPO, filing_date=D(2025, 3, 15))
    assert _open(asset) == [(PRIORITY, D(2026, 3, 15))]


def test_pct_national_phase_30_months_from_priority_ends_the_priority_year(officer):
    first = _asset(officer, office=IPOffice.MYIPO, filing_date=D(2025, 3, 15))
    pct = _asset(
        officer,
        office=IPOffice.PCT,
        filing_date=D(2026, 3, 13),
        priority_date=D(2025, 3, 15),
        family=first,
    )
    assert _open(pct) == [(PCT_NATIONAL, D(2027, 9, 15))]
    # Filed abroad in time: the first filing's priority year is no longer a deadline.
    assert _open(first) == [(EXAMINATION, D(2029, 3, 15))]


def test_pct_without_a_claimed_priority_counts_from_its_filing_date(officer):
    pct = _asset(officer, office=IPOffice.PCT, filing_date=D(2025, 1, 20))
    assert _open(pct) == [(PCT_NATIONAL, D(2027, 7, 20))]


@pytest.mark.parametrize(
    ("priority", "national"),
    [
        (D(2024, 8, 31), D(2027, 2, 28)),  # no 31 February: the end of the month
        (D(2021, 8, 31), D(2024, 2, 29)),  # ... which in a leap year is the 29th
        (D(2023, 1, 31), D(2025, 7, 31)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(officer, priority, national):
    pct = _asset(officer, office=IPOffice.PCT, filing_date=priority, priority_date=priority)
    assert _open(pct) == [(PCT_NATIONAL, national)]


def test_a_granted_patent_pays_annual_fees_from_the_anniversary_after_grant(patent_asset):
    # Filed 1 March 2021, granted 15 June 2024: the next three anniversaries after the grant.
    assert _open(patent_asset) == [
        (ANNUITY, D(2025, 3, 1)),
        (ANNUITY, D(2026, 3, 1)),
        (ANNUITY, D(2027, 3, 1)),
    ]


def test_paying_a_fee_brings_the_next_one_and_keeps_the_paid_one(patent_asset, officer):
    first = patent_asset.deadlines.get(due_date=D(2025, 3, 1))
    deadline_done(deadline=first, by=officer, done_on=D(2025, 2, 20))
    assert _open(patent_asset) == [
        (ANNUITY, D(2026, 3, 1)),
        (ANNUITY, D(2027, 3, 1)),
        (ANNUITY, D(2028, 3, 1)),
    ]
    first.refresh_from_db()
    assert (first.done_on, first.done_by) == (D(2025, 2, 20), officer)
    assert history_for(patent_asset).filter(message="deadline done").count() == 1
    # Undone by mistake: the fourth year goes again.
    deadline_reopen(deadline=first, by=officer)
    assert _open(patent_asset)[-1] == (ANNUITY, D(2027, 3, 1))
    assert len(_open(patent_asset)) == 3


def test_annual_fees_of_a_29_february_filing_fall_on_28_february(officer):
    asset = _asset(
        officer,
        office=IPOffice.MYIPO,
        filing_date=D(2016, 2, 29),
        status=AssetStatus.GRANTED,
        granted_on=D(2019, 5, 1),
    )
    assert _open(asset) == [
        (ANNUITY, D(2020, 2, 29)),
        (ANNUITY, D(2021, 2, 28)),
        (ANNUITY, D(2022, 2, 28)),
    ]


def test_no_annual_fee_once_the_20_year_term_ends(officer):
    # Filed 1 March 2006, it expires on 1 March 2026: the last fee is the 19th anniversary.
    asset = _asset(
        officer,
        office=IPOffice.MYIPO,
        filing_date=D(2006, 3, 1),
        status=AssetStatus.GRANTED,
        granted_on=D(2023, 1, 10),
    )
    assert _open(asset) == [
        (ANNUITY, D(2023, 3, 1)),
        (ANNUITY, D(2024, 3, 1)),
        (ANNUITY, D(2025, 3, 1)),
    ]
    for deadline in list(asset.deadlines.all()):
        deadline_done(deadline=deadline, by=officer)
    assert _open(asset) == []


def test_uspto_maintenance_fees_from_the_grant(officer):
    asset = _asset(
        officer,
        office=IPOffice.USPTO,
        filing_date=D(2019, 5, 2),
        status=AssetStatus.GRANTED,
        granted_on=D(2022, 1, 10),
    )
    assert _open(asset) == [
        (ANNUITY, D(2025, 7, 10)),
        (ANNUITY, D(2029, 7, 10)),
        (ANNUITY, D(2033, 7, 10)),
    ]


def test_trademark_renews_every_ten_years(officer):
    mark = _asset(
        officer,
        kind=AssetKind.TRADEMARK,
        title="HalalStrip",
        office=IPOffice.MYIPO,
        filing_date=D(2020, 5, 31),
        status=AssetStatus.GRANTED,
        granted_on=D(2021, 2, 1),
    )
    assert _open(mark) == [(RENEWAL, D(2030, 5, 31))]
    deadline_done(deadline=mark.deadlines.get(), by=officer)
    assert _open(mark) == [(RENEWAL, D(2040, 5, 31))]


def test_industrial_design_renews_every_five_years_up_to_25(officer):
    design = _asset(
        officer,
        kind=AssetKind.DESIGN,
        title="Test strip casing",
        office=IPOffice.MYIPO,
        filing_date=D(2000, 8, 1),
        status=AssetStatus.GRANTED,
        granted_on=D(2001, 3, 1),
    )
    seen = []
    while open_ := _open(design):
        assert len(open_) == 1
        seen.append(open_[0][1])
        deadline_done(deadline=design.deadlines.get(done_on__isnull=True), by=officer)
    # Four renewals of five years each after the first term: 25 years, then nothing to renew.
    assert seen == [D(2005, 8, 1), D(2010, 8, 1), D(2015, 8, 1), D(2020, 8, 1)]


@pytest.mark.parametrize("kind", [AssetKind.COPYRIGHT, AssetKind.KNOW_HOW])
def test_copyright_and_know_how_have_no_deadlines(officer, kind):
    assert _open(_asset(officer, kind=kind, filing_date=D(2025, 3, 15))) == []


def test_a_patent_still_being_prepared_without_dates_has_none(officer):
    asset = _asset(officer, office=IPOffice.MYIPO, status=AssetStatus.PREPARING)
    assert _open(asset) == []


def test_changing_the_filing_date_moves_computed_deadlines_not_those_by_hand(officer):
    asset = _asset(officer, office=IPOffice.MYIPO, filing_date=D(2025, 3, 15))
    action = deadline_add(
        asset=asset,
        by=officer,
        kind=DeadlineKind.RESPONSE,
        due_date=D(2025, 11, 3),
        description="Answer the formality examination report",
    )
    asset_update(asset=asset, by=officer, filing_date=D(2025, 4, 1))
    assert _open(asset) == [
        (DeadlineKind.RESPONSE, D(2025, 11, 3)),
        (PRIORITY, D(2026, 4, 1)),
        (EXAMINATION, D(2029, 4, 1)),
    ]
    assert not Deadline.objects.get(pk=action.pk).is_computed
    change = history_for(asset).filter(action="update").first()
    assert change.changes["filing_date"] == ["2025-03-15", "2025-04-01"]


def test_a_lapsed_asset_loses_its_open_computed_deadlines_only(patent_asset, officer):
    paid = patent_asset.deadlines.get(due_date=D(2025, 3, 1))
    deadline_done(deadline=paid, by=officer, done_on=D(2025, 2, 1))
    by_hand = deadline_add(asset=patent_asset, by=officer, kind="other", due_date=D(2026, 1, 5))
    asset_set_status(asset=patent_asset, by=officer, status=AssetStatus.LAPSED)
    assert set(patent_asset.deadlines.values_list("pk", flat=True)) == {paid.pk, by_hand.pk}


def test_recomputing_is_idempotent(patent_asset, pct_asset):
    assert deadlines_sync(patent_asset) == (0, 0)
    assert deadlines_sync(pct_asset) == (0, 0)
    assert _open(pct_asset) == [(PCT_NATIONAL, D(2023, 9, 1))]


def test_bad_dates_are_refused(officer):
    with pytest.raises(ValidationError) as exc:
        _asset(
            officer, office=IPOffice.MYIPO, filing_date=D(2025, 3, 1), priority_date=D(2025, 4, 1)
        )
    assert "priority_date" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _asset(officer, office=IPOffice.MYIPO, status=AssetStatus.GRANTED)
    assert exc.value.message_dict["granted_on"] == ["Give the date of the grant or registration."]
    assert not Deadline.objects.exists()
