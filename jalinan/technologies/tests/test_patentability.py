"""The disclosure-date warnings: a public disclosure before filing ends absolute novelty
(Europe, China, most offices); Malaysia (Patents Act 1983 s. 14(3)) and the United States
leave a 12-month grace period for the inventor's own disclosure; a future date is a typo."""

from __future__ import annotations

import datetime

import pytest
from django.utils.formats import date_format

from jalinan.technologies.deadlines import patentability_warnings

D = datetime.date
TODAY = D(2025, 6, 1)


def _warn(*dates, today=TODAY, filing_date=None):
    return patentability_warnings(
        [{"date": d} for d in dates], today=today, filing_date=filing_date
    )


def _joined(warnings):
    return " ".join(warnings)


def test_nothing_made_public_no_warning():
    assert _warn() == []
    assert patentability_warnings([], today=TODAY, filing_date=D(2025, 1, 1)) == []


def test_within_the_grace_period_file_by_the_anniversary():
    # Disclosed 15 March 2025; the grace period ends 15 March 2026: 287 days after 1 June 2025.
    warnings = _warn(D(2025, 3, 15))
    assert len(warnings) == 2
    assert "absolute novelty" in warnings[0] and date_format(D(2025, 3, 15)) in warnings[0]
    assert "Patents Act 1983 s. 14(3)" in warnings[1]
    assert f"file by {date_format(D(2026, 3, 15))}: 287 days left" in warnings[1]


def test_one_day_left_is_singular():
    warnings = _warn(D(2025, 3, 15), today=D(2026, 3, 14))
    assert warnings[-1].endswith(f"file by {date_format(D(2026, 3, 15))}: 1 day left.")


def test_on_the_last_day_of_the_grace_period_it_is_still_open():
    warnings = _warn(D(2025, 3, 15), today=D(2026, 3, 15))
    assert "0 days left" in warnings[-1]
    assert "no longer patentable anywhere" not in _joined(warnings)


def test_after_the_grace_period_not_patentable_anywhere():
    warnings = _warn(D(2024, 1, 10))
    assert "absolute novelty" in warnings[0]
    assert "no longer patentable anywhere" in warnings[1]
    assert f"ended on {date_format(D(2025, 1, 10))}" in warnings[1]


def test_the_earliest_disclosure_counts():
    warnings = _warn(D(2025, 5, 1), D(2024, 11, 20), D(2025, 2, 2))
    assert date_format(D(2024, 11, 20)) in warnings[0]
    assert f"file by {date_format(D(2025, 11, 20))}" in warnings[1]


def test_grace_period_of_a_disclosure_on_29_february_ends_on_28_february():
    warnings = _warn(D(2024, 2, 29), today=D(2024, 6, 1))
    assert f"file by {date_format(D(2025, 2, 28))}" in warnings[-1]


@pytest.mark.parametrize("filed", [D(2024, 12, 1), D(2025, 1, 5)])
def test_filed_before_or_on_the_day_it_was_made_public_novelty_intact(filed):
    # Prior art is what was public *before* the filing date (EPC art. 54(2); Patents Act
    # 1983 s. 14(2)): a talk given on the day of filing is not.
    assert _warn(D(2025, 1, 5), filing_date=filed) == []


def test_filed_within_the_grace_period():
    warnings = _warn(D(2025, 3, 15), filing_date=D(2025, 12, 1), today=D(2026, 6, 1))
    assert "absolute novelty" in warnings[0]
    assert warnings[1] == (
        f"The filing date {date_format(D(2025, 12, 1))} is within the 12-month grace period "
        f"(Malaysia, United States), which ends on {date_format(D(2026, 3, 15))}."
    )


@pytest.mark.parametrize(("filed", "lost"), [(D(2026, 3, 15), False), (D(2026, 3, 16), True)])
def test_filed_on_the_anniversary_in_time_a_day_later_too_late(filed, lost):
    warnings = _warn(D(2025, 3, 15), filing_date=filed, today=D(2026, 6, 1))
    assert ("no longer patentable anywhere" in _joined(warnings)) is lost


def test_a_future_date_is_flagged_and_says_nothing_about_novelty():
    warnings = _warn(D(2025, 7, 1))
    assert warnings == [
        f"The disclosure date {date_format(D(2025, 7, 1))} is in the future: check the date."
    ]


def test_a_future_date_next_to_a_past_one():
    warnings = _warn(D(2025, 7, 1), D(2025, 3, 15))
    assert "in the future" in warnings[0] and date_format(D(2025, 7, 1)) in warnings[0]
    assert date_format(D(2025, 3, 15)) in warnings[1] and "absolute novelty" in warnings[1]
    assert len(warnings) == 3


def test_objects_and_datetimes_are_read_too(draft_disclosure):
    draft_disclosure.public_disclosures.create(kind="paper", date=D(2025, 3, 15))
    assert len(patentability_warnings(draft_disclosure.public_disclosures.all(), today=TODAY)) == 2
    as_datetime = [{"date": datetime.datetime(2025, 3, 15, 9, 0, tzinfo=datetime.UTC)}]
    assert len(patentability_warnings(as_datetime, today=TODAY)) == 2


def test_novelty_is_judged_at_the_first_patent_filing_not_a_trademark(officer, decided_disclosure):
    from jalinan.technologies.deadlines import first_filing_date
    from jalinan.technologies.services.assets import asset_create

    mark = asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind="trademark",
        title="HalalStrip",
        office="myipo",
        filing_date=D(2024, 1, 2),
        status="filed",
    )
    assert first_filing_date([mark]) is None
    patent = asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind="patent",
        office="myipo",
        filing_date=D(2025, 2, 1),
        priority_date=D(2024, 12, 1),
        status="filed",
    )
    utility = asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind="utility",
        office="myipo",
        filing_date=D(2025, 1, 20),
        status="filed",
    )
    assert first_filing_date([mark, patent, utility]) == D(2024, 12, 1)
