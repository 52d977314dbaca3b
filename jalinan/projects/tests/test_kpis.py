"""The figures, on a small world built here: two units, three projects, funding and income."""

import datetime
from decimal import Decimal

import pytest

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_staff_member
from jalinan.accounts.tests.factories import UnitFactory
from jalinan.projects import kpis, services
from jalinan.reports.registry import Scope


@pytest.fixture
def world(officer, academic, coordinator, unit_eng, unit_ict, org_acme, org_other):
    mech = UnitFactory(
        code="koe-mech", name="Mechanical Engineering", parent=unit_eng, kind=Unit.Kind.KULLIYYAH
    )
    a = services.project_create(
        by=officer,
        title="A",
        kind="contract",
        lead=academic,
        unit=mech,
        organisations=[org_acme],
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2025, 6, 30),
        status="active",
        funding=[
            {"year": 2024, "organisation": org_acme, "cash": "100000", "in_kind": "5000"},
            {"year": 2025, "organisation": org_acme, "cash": "50000", "in_kind": 0},
        ],
        quiet=True,
    )
    b = services.project_create(
        by=officer,
        title="B",
        kind="collaborative",
        lead=coordinator,
        unit=unit_ict,
        organisations=[org_other],
        start_date=datetime.date(2025, 1, 1),
        status="active",
        funding=[{"year": 2025, "organisation": None, "cash": "20000", "in_kind": "30000"}],
        quiet=True,
    )
    services.project_create(  # ended before 2025: counted in 2023 only
        by=officer,
        title="C",
        kind="consultancy",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 31),
        status="completed",
        quiet=True,
    )
    services.income_record(
        project=a, by=officer, received_on=datetime.date(2024, 12, 1), amount=40000, payer=org_acme
    )
    services.income_record(
        project=a, by=officer, received_on=datetime.date(2025, 5, 1), amount=60000, payer=org_acme
    )
    services.income_record(
        project=b, by=officer, received_on=datetime.date(2025, 2, 1), amount=1000
    )
    return {"mech": mech}


def scope(user, year, **kw):
    return Scope(user=user, year_from=year, year_to=year, today=datetime.date(2026, 6, 1), **kw)


def test_figures_for_the_whole_university(world, officer):
    s = scope(officer, 2025)
    assert kpis.active_projects(s) == 2
    assert kpis.new_by_kind(s) == {"collaborative": 1}
    assert kpis.funding_cash(s) == Decimal("70000") and kpis.funding_in_kind(s) == Decimal("30000")
    assert kpis.income_in_years(s) == Decimal("61000")
    assert kpis.active_projects(scope(officer, 2023)) == 1
    assert kpis.new_by_kind(scope(officer, 2024)) == {"contract": 1}
    chart = kpis.funding_chart(s)
    assert chart.labels == ["2021", "2022", "2023", "2024", "2025"]
    assert chart.datasets[0].values[-2:] == [Decimal("100000"), Decimal("70000")]
    assert kpis.income_chart(s).datasets[0].values[-2:] == [Decimal("40000"), Decimal("61000")]
    trend = kpis.projects_per_year(s)
    assert trend == {2021: 0, 2022: 0, 2023: 1, 2024: 1, 2025: 2}


def test_by_unit_rolls_up_to_the_kulliyyah(world, officer, unit_eng, unit_ict):
    rows = kpis.by_unit(scope(officer, 2025))
    assert rows[unit_eng.pk] == {
        "projects": 1,
        "cash": Decimal("50000"),
        "in_kind": Decimal("0"),
        "income": Decimal("60000"),
    }
    assert rows[unit_ict.pk]["in_kind"] == Decimal("30000")
    one = scope(officer, 2025, unit_ids=frozenset(unit_eng.descendant_ids()), unit_id=unit_eng.pk)
    assert kpis.active_projects(one) == 1 and kpis.income_in_years(one) == Decimal("60000")
    assert set(kpis.by_unit(one)) == {world["mech"].pk}
    section = kpis.report_section(scope(officer, 2025))
    assert [st.value for st in section.stats][:2] == [2, 1]
    assert len(section.lists[0].rows) == 2


def test_a_partner_counts_only_what_it_may_see(world, partner_user):
    s = scope(partner_user, 2025)
    assert kpis.active_projects(s) == 1
    assert kpis.income_in_years(s) == Decimal("60000")


def test_the_dashboard_share_costs_a_few_queries(world, officer, django_assert_max_num_queries):
    s = scope(officer, 2025)
    s.units()  # the KCDIO tree and the viewer's roles are shared by every app's figures
    is_staff_member(officer)
    with django_assert_max_num_queries(5):
        kpis.active_projects(s), kpis.new_by_kind_chart(s), kpis.funding_cash(s)
        kpis.funding_in_kind(s), kpis.income_in_years(s), kpis.funding_chart(s)
        kpis.income_chart(s), kpis.by_unit_chart(s), kpis.money_by_unit_chart(s)
        kpis.projects_per_year(s)
