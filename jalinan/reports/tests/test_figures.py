"""The dashboard's figures and charts on the constructed world (see conftest.py)."""

import datetime
from decimal import Decimal

import pytest

from jalinan.reports import dashboard
from jalinan.reports.permissions import scope_for

from .conftest import YEAR

TODAY = datetime.date(2026, 11, 25)


def figures(scope):
    return {f.figure.key: f.value for s in dashboard.build(scope) for f in s.figures}


def chart(scope, key):
    for s in dashboard.build(scope):
        for c in s.charts:
            if c.chart.key == key:
                return {row[0]: row[1:] for row in c.table.rows}
    raise AssertionError(f"no chart {key}")


@pytest.fixture
def whole(world, officer):
    return scope_for(officer, year=YEAR, today=TODAY)


@pytest.fixture
def engineering(world, officer):
    return scope_for(officer, year=YEAR, unit_id=world.eng.pk, today=TODAY)


def test_whole_university_figures(whole):
    got = figures(whole)
    assert got["agreements.in_force"] == 3
    assert got["agreements.signed"] == 3
    assert got["agreements.expiring"] == 1
    assert got["agreements.value"] == Decimal("120000")
    # Health is today's, so a past year has none.
    assert got["agreements.dormant"] is None
    assert got["engagements.activities"] == 3
    assert got["engagements.partners"] == 3
    assert got["engagements.staff"] == 1
    assert got["engagements.students"] == 1
    assert got["partners.partners"] == 4
    assert got["partners.industry"] == 3
    assert got["partners.new"] == 2
    assert got["placements.placements"] == 2
    assert got["placements.students"] == 2
    assert got["placements.hosts"] == 2
    assert got["placements.openings"] == 3  # s1, s2 and s3 (whose placement was cancelled)
    assert got["placements.employability"] == 66.7
    assert got["reports.sdg_tags"] == 6
    assert got["reports.sdg_goals"] == 2


def test_unit_figures_count_the_unit_and_the_units_below_it(engineering):
    got = figures(engineering)
    assert got["agreements.in_force"] == 2  # m1 (engineering), m2 (its department)
    assert got["agreements.signed"] == 2  # m1, m6
    assert got["engagements.activities"] == 2
    assert got["partners.partners"] == 1  # acme leads from engineering
    assert got["placements.placements"] == 2
    assert got["placements.openings"] is None  # openings belong to no unit
    assert got["reports.sdg_tags"] == 4  # m1 ×2, m4, a1


def test_charts_by_type_unit_sector_and_country(whole, world):
    assert chart(whole, "agreements.by_type") == {
        "Memorandum of Understanding": [2],
        "Memorandum of Agreement": [1],
    }
    # Rolled up to the top-level KCDIO: the department's memorandum counts for engineering.
    assert chart(whole, "agreements.by_unit") == {
        "Kulliyyah of Engineering": [2],
        "Kulliyyah of ICT": [1],
    }
    by_sector = chart(whole, "agreements.by_sector")
    assert by_sector["C — Manufacturing"] == [3]  # acme (m1, m2) and tokyo (m3)
    assert by_sector["A — Agriculture, forestry and fishing"] == [1]  # borneo (m2)
    assert chart(whole, "agreements.by_country") == {"Malaysia": [2], "Japan": [1]}


def test_unit_chart_drills_down_to_the_units_below(engineering):
    assert chart(engineering, "agreements.by_unit") == {
        "Kulliyyah of Engineering": [1],
        "Department of Mechanical Engineering": [1],
    }


def test_activities_by_month_and_type(whole):
    months = chart(whole, "engagements.over_time")
    assert len(months) == 12
    assert months["Feb 2024"] == [1, 0, 0]  # meeting, visit, talk
    assert months["May 2024"] == [0, 1, 1]
    assert sum(sum(v) for v in months.values()) == 3


def test_placements_and_destinations(whole):
    assert chart(whole, "placements.by_kind") == {
        "Internship (industrial training)": [1],
        "Industry final-year project": [1],
    }
    assert chart(whole, "placements.destinations") == {
        "Employed": [1],
        "Further study": [1],
        "Not yet working": [1],
    }


def test_sdg_matrices_count_accepted_tags_only(whole):
    by_unit = chart(whole, "reports.sdg_by_unit")
    sdg17 = by_unit["SDG 17: Partnerships for the goals"]
    sdg9 = by_unit["SDG 9: Industry, innovation and infrastructure"]
    # Columns: engineering (4 tags), then ICT (2).
    assert sdg17 == [2, 1]
    assert sdg9 == [2, 1]
    assert by_unit["SDG 1: No poverty"] == [0, 0]
    by_sector = chart(whole, "reports.sdg_by_sector")
    # Manufacturing: m1 (acme), m3 (tokyo), a1 (acme) for 17; m1, a3 (tokyo) for 9.
    assert by_sector["SDG 17: Partnerships for the goals"][0] == 3
    assert by_sector["SDG 9: Industry, innovation and infrastructure"][0] == 2


def test_trends_over_five_years(whole):
    trends = chart(whole, "reports.trends")
    assert list(trends) == ["2020", "2021", "2022", "2023", "2024"]
    # Memoranda signed, in force at the end of the year, activities, placements; the series
    # the other apps add (projects, challenges, pipeline, IP) are empty in this world.
    assert trends["2024"][:4] == [3, 3, 3, 2]
    assert trends["2023"][:4] == [1, 2, 1, 1]
    assert trends["2021"][:4] == [1, 1, 0, 0]
    assert all(v == 0 for year in trends.values() for v in year[4:])


def test_current_year_counts_status_and_health(world, officer):
    scope = scope_for(officer)
    got = figures(scope)
    # Today the memoranda active or expiring count as in force, as on the memoranda list.
    assert got["agreements.in_force"] == 3
    assert got["agreements.dormant"] is not None
