"""The funnel figures on a constructed pipeline with known conversions and medians."""

import pytest

from jalinan.partners.models import Organisation
from jalinan.pipeline.models import Opportunity
from jalinan.pipeline.selectors import funnel
from jalinan.pipeline.services import opportunity_create, opportunity_move

from .factories import at


def _make(by, title, moves, *, start=1, **kw):
    opp = opportunity_create(by=by, source="direct", title=title, at=at(start), **kw)
    for day, stage, *reason in moves:
        opportunity_move(
            opportunity=opp,
            to_stage=stage,
            by=by,
            at=at(day),
            lost_reason=reason[0] if reason else "",
        )
    return opp


@pytest.fixture
def pipeline(officer, org_acme, org_other, unit_eng, unit_ict):
    Organisation.objects.filter(pk=org_acme.pk).update(msic_section="C")
    eng = {"unit": unit_eng}
    _make(
        officer,
        "A",
        [(3, "matching"), (7, "introduced"), (17, "proposal"), (27, "lost", "budget")],
        organisation=org_acme,
        **eng,
    )
    _make(officer, "B", [(5, "matching"), (6, "lost", "no_expert")], organisation=org_other, **eng)
    _make(
        officer,
        "C",
        [
            (11, "proposal"),
            (21, "negotiation"),
            (31, "agreement"),
            (41, "project"),
            (61, "completed"),
        ],
        organisation=org_acme,
        **eng,
    )
    _make(officer, "D", [], start=91, unit=unit_ict)
    return Opportunity.objects.all()


def _by_stage(figures):
    return {s["stage"]: s for s in figures["stages"]}


def test_reached_conversion_and_current(pipeline):
    f = funnel(pipeline, now=at(100))
    s = _by_stage(f)
    assert f["total"] == 4 and f["open"] == 1
    assert [s[k]["reached"] for k in s] == [4, 3, 2, 2, 1, 1, 1, 1]
    assert [s[k]["conversion"] for k in s] == [75.0, 66.7, 100.0, 50.0, 100.0, 100.0, 100.0, None]
    assert s["enquiry"]["converted"] == 3 and s["completed"]["converted"] is None
    assert (s["enquiry"]["current"], s["completed"]["current"]) == (1, 1)
    assert f["to_agreement"] == 1 and f["agreement_rate"] == 25.0
    assert f["to_project"] == 1 and f["project_rate"] == 25.0


def test_median_days_in_stage_counts_days_so_far_for_open_items(pipeline):
    s = _by_stage(funnel(pipeline, now=at(100)))
    # Enquiry: A 2, B 4, C 10 and D 9 days so far -> median of 2, 4, 9, 10.
    assert s["enquiry"]["median_days"] == 6.5
    assert s["matching"]["median_days"] == 2.5  # A 4, B 1
    assert s["introduced"]["median_days"] == 10.0
    assert s["proposal"]["median_days"] == 10.0  # A 10, C 10
    assert s["project"]["median_days"] == 20.0
    assert s["completed"]["median_days"] is None
    # A later "now" only lengthens D's stay: 2, 4, 10, 30.
    assert _by_stage(funnel(pipeline, now=at(121)))["enquiry"]["median_days"] == 7.0


def test_lost_by_reason_and_stage(pipeline):
    f = funnel(pipeline, now=at(100))
    assert f["lost"]["total"] == 2
    assert {r["reason"]: r["count"] for r in f["lost"]["by_reason"]} == {
        "budget": 1,
        "no_expert": 1,
    }
    s = _by_stage(f)
    assert (s["proposal"]["lost_here"], s["matching"]["lost_here"], s["enquiry"]["lost_here"]) == (
        1,
        1,
        0,
    )


def test_by_unit(pipeline, unit_eng, unit_ict):
    groups = {g["key"]: g for g in funnel(pipeline, by="unit", now=at(100))["groups"]}
    eng, ict = groups[unit_eng.pk], groups[unit_ict.pk]
    assert eng["label"] == "Kulliyyah of Engineering" and eng["total"] == 3
    assert [s["reached"] for s in eng["stages"]][:4] == [3, 3, 2, 2]
    assert eng["stages"][0]["conversion"] == 100.0
    assert eng["stages"][0]["median_days"] == 4.0  # A 2, B 4, C 10
    assert ict["total"] == 1 and ict["stages"][0]["median_days"] == 9.0
    assert ict["stages"][0]["conversion"] == 0.0


def test_by_sector(pipeline):
    groups = {g["key"]: g for g in funnel(pipeline, by="sector", now=at(100))["groups"]}
    assert set(groups) == {"C", ""}
    assert groups["C"]["total"] == 2 and groups["C"]["to_agreement"] == 1
    assert groups["C"]["label"].startswith("C — ")
    assert groups[""]["total"] == 2 and groups[""]["lost"]["total"] == 1
    assert groups[""]["label"] == "Sector not known"


def test_empty_pipeline(db):
    f = funnel(Opportunity.objects.all())
    assert f["total"] == 0 and f["agreement_rate"] is None
    assert all(s["reached"] == 0 and s["conversion"] is None for s in f["stages"])
