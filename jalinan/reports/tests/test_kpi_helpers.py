"""The helpers every app's kpis.py counts with (jalinan.reports.kpi_helpers), on the
constructed world (see conftest.py): one name for a sector on every chart, the SDG counts by
sector through each kind of path to the partners, the evidence pack read through the reader's
visibility rule, and the per-year counts."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from jalinan.challenges.choices import Visibility
from jalinan.challenges.models import Challenge
from jalinan.challenges.tests.factories import make_challenge
from jalinan.engagements.models import Activity
from jalinan.pipeline.models import Opportunity
from jalinan.pipeline.tests.factories import OpportunityFactory
from jalinan.projects import services as project_services
from jalinan.projects.models import Project
from jalinan.reports import documents, registry
from jalinan.reports.kpi_helpers import (
    AppKpis,
    count_by_year,
    count_each_year,
    sdg_counts_by_sector,
    sector_label,
)
from jalinan.reports.permissions import scope_for
from jalinan.sdgs.models import SdgTag

from .conftest import YEAR
from .test_documents import rows
from .test_figures import TODAY, chart


def _tag(obj, goal):
    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        goal=goal,
        status="accepted",
    )


def _posted(org, title, **kw):
    challenge = make_challenge(organisation=org, title=title, index=False, **kw)
    at = datetime.datetime(YEAR, 5, 6, 10, tzinfo=datetime.UTC)
    Challenge.objects.filter(pk=challenge.pk).update(submitted_at=at, published_at=at)
    return challenge


@pytest.fixture
def whole(world, officer):
    return scope_for(officer, year=YEAR, today=TODAY)


def test_sector_label():
    assert sector_label("C") == "C — Manufacturing"
    assert sector_label("") == sector_label(None) == "Sector not recorded"


def test_a_sector_has_one_name_on_every_chart(world, whole):
    _posted(world.orgs["acme"], "Gripper wear")  # acme: MSIC section C
    manufacturing = "C — Manufacturing"
    assert chart(whole, "challenges.by_sector") == {manufacturing: [1]}
    assert manufacturing in chart(whole, "partners.by_sector")
    assert manufacturing in chart(whole, "placements.by_sector")
    assert manufacturing in chart(whole, "agreements.by_sector")


def test_sdg_counts_by_sector_through_each_kind_of_path(world, officer, academic):
    acme, borneo = world.orgs["acme"], world.orgs["borneo"]  # sections C and A
    # A many-to-many field: a project with partners in two sectors counts in both; one with
    # no partner in none.
    both, alone = (
        project_services.project_create(
            by=officer,
            title=title,
            kind="contract",
            lead=academic,
            unit=world.eng,
            organisations=[acme, borneo],
            start_date=datetime.date(YEAR, 3, 1),
            status="active",
            quiet=True,
        )
        for title in ("Two partners", "Soon alone")
    )
    alone.organisations.clear()
    _tag(both, 9)
    _tag(alone, 9)
    assert sdg_counts_by_sector(Project.objects.all(), "organisations") == {
        "A": {9: 1},
        "C": {9: 1},
    }
    # A nullable foreign key: an enquiry matched to no partner has no sector.
    matched = OpportunityFactory(title="Matched", organisation=acme)
    typed = OpportunityFactory(title="Typed", source="enquiry", organisation_name="Someone Sdn Bhd")
    _tag(matched, 17)
    _tag(typed, 17)
    assert sdg_counts_by_sector(Opportunity.objects.all(), "organisation") == {"C": {17: 1}}
    # A reverse foreign key and on (memoranda through their parties), the organisations
    # themselves, and a record type without partners.
    memoranda = world.memoranda["m1"].__class__.objects.filter(
        pk__in=[world.memoranda["m1"].pk, world.memoranda["m2"].pk]
    )
    assert sdg_counts_by_sector(memoranda, "parties__organisation") == {"C": {17: 1, 9: 1}}
    _tag(borneo, 15)
    orgs = borneo.__class__.objects.filter(pk=borneo.pk)
    assert sdg_counts_by_sector(orgs, "") == {"A": {15: 1}}
    assert sdg_counts_by_sector(orgs, None) == {}


def test_the_evidence_pack_names_only_the_challenges_its_reader_may_open(world, whole, management):
    shown = _posted(world.orgs["acme"], "Open gripper question")
    hidden = _posted(world.orgs["acme"], "Invited-only question", visibility=Visibility.INVITED)
    _tag(shown, 17)
    _tag(hidden, 17)
    scope = scope_for(management, year=YEAR, today=TODAY)
    # Management counts both in the coverage, but reads the title of the open one only.
    source = next(s for s in registry.sdg_sources() if s.key == "challenges.challenges")
    assert source.by_unit(scope) == {None: {17: 2}}
    sdg17, _sdg9 = documents.build("impact", scope).parts
    assert [r[:3] for r in rows(sdg17, "SDG 17 · Industry challenges")] == [
        [f"Open gripper question ({shown.reference})", "06/05/2024", "Acme Robotics Sdn. Bhd."]
    ]
    officer_pack = documents.build("impact", whole).parts[0]
    assert len(rows(officer_pack, "SDG 17 · Industry challenges")) == 2


def test_count_by_year_and_each_year(world, whole):
    activities = Activity.objects.all()
    # a4 on 31 Dec 2023 counts in 2023, a5 on 2 Jan 2025 after the last year asked for.
    assert count_by_year(whole, activities, "date") == {2023: 1, 2024: 3}
    assert count_by_year(whole, activities, "date", since=2024) == {2024: 3}
    # Stock figures: the activities held by the end of each trend year.
    assert count_each_year(whole, activities, lambda y: Q(date__year__lte=y)) == {
        2020: 0,
        2021: 0,
        2022: 0,
        2023: 1,
        2024: 4,
    }


def test_app_kpis_registers_under_the_apps_keys_in_order(monkeypatch):
    for table in ("_FIGURES", "_CHARTS", "_TRENDS", "_PARTS"):
        monkeypatch.setattr(registry, table, {})
    values = {"a": 1, "b": 2}
    kpis = AppKpis(
        "demo", section="partners", ministry_category="partners", values=lambda _s: values
    )
    kpis.figure("a", "A", headline=True, trend=lambda s: {YEAR: 1}, trend_order=7)
    kpis.figures(b="B")
    kpis.figure("c", "C", lambda s: 3, unit="rm", ministry_category="")
    kpis.chart("x", "X", lambda s: None, "hbar")
    kpis.chart("y", "Y", lambda s: None, section="trends")
    kpis.report("r", "R", lambda s: None)
    figures = registry._FIGURES
    assert [(f.key, f.order, f.section, f.ministry_category) for f in figures.values()] == [
        ("demo.a", 10, "partners", "partners"),
        ("demo.b", 20, "partners", "partners"),
        ("demo.c", 30, "partners", ""),
    ]
    assert [figures[k].compute(None) for k in ("demo.a", "demo.b", "demo.c")] == [1, 2, 3]
    # The figure's trend: same key and label, the trend order given.
    [trend] = registry._TRENDS.values()
    assert (trend.key, trend.label, trend.order, trend.unit) == ("demo.a", "A", 7, "count")
    assert [(c.key, c.order, c.section, c.kind) for c in registry._CHARTS.values()] == [
        ("demo.x", 10, "partners", "hbar"),
        ("demo.y", 10, "trends", "bar"),
    ]
    assert registry._PARTS["demo.r"].ministry_category == "partners"
    with pytest.raises(ValueError, match="No values"):
        AppKpis("demo").figure("d", "D")
