"""The SDG sources the experts, pipeline and technologies apps register: their accepted tags
count in the dashboard's coverage figures and matrices, the annual report's coverage table and
the THE evidence pack, on the constructed world (see conftest.py) plus the records below.

Added to the world, with the officer as viewer (who sees every record):

- technology offers: one published in May 2024 by the Department of Mechanical Engineering
  with an accepted SDG 9 (counted under engineering); one published by ICT with only a
  suggested SDG 9, and a draft of engineering with an accepted one (neither counted);
- Dr Amina's expert profile (engineering, since 2023): an accepted SDG 17, a rejected SDG 9;
- her publications: one of 2024 with an accepted SDG 9, one of 2025 with another (outside
  the period);
- a pipeline opportunity opened in April 2024 by ICT with Tokyo Denki (manufacturing): an
  accepted SDG 17.
"""

import datetime

import pytest
from django.utils import timezone

from jalinan.experts.models import ExpertProfile, Publication
from jalinan.pipeline.models import Opportunity
from jalinan.reports import documents
from jalinan.reports.permissions import scope_for
from jalinan.technologies.models import Technology

from .conftest import YEAR
from .test_documents import part, rows
from .test_figures import TODAY, chart, figures

SDG9 = "SDG 9: Industry, innovation and infrastructure"
SDG17 = "SDG 17: Partnerships for the goals"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _tag(obj, goal, status="accepted"):
    from django.contrib.contenttypes.models import ContentType

    from jalinan.sdgs.models import SdgTag

    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        goal=goal,
        status=status,
    )


def _offer(ref, unit, status="published", published=None):
    return Technology.objects.create(
        reference=ref,
        slug=ref.lower(),
        title=f"Offer {ref}",
        problem="A problem.",
        solution="A solution.",
        unit=unit,
        status=status,
        published_at=_at(published) if published else None,
    )


@pytest.fixture
def more(world, academic):
    kiln = _offer("TECH-1", world.mech, published=datetime.date(2024, 5, 1))
    _tag(kiln, 9)
    _tag(_offer("TECH-2", world.ict, published=datetime.date(2024, 6, 1)), 9, "suggested")
    _tag(_offer("TECH-3", world.eng, status="draft"), 9)
    profile = ExpertProfile.objects.create(user=academic, unit=world.eng, is_public=True)
    ExpertProfile.objects.filter(pk=profile.pk).update(created_at=_at(datetime.date(2023, 3, 1)))
    _tag(profile, 17)
    _tag(profile, 9, "rejected")
    paper = Publication.objects.create(
        profile=profile, title="Kiln drying with solar heat", year=2024
    )
    _tag(paper, 9)
    _tag(Publication.objects.create(profile=profile, title="Later paper", year=2025), 9)
    opp = Opportunity.objects.create(
        reference="OPP-2024-0001",
        title="Factory automation",
        source="direct",
        organisation=world.orgs["tokyo"],
        unit=world.ict,
        created_at=_at(datetime.date(2024, 4, 1)),
    )
    _tag(opp, 17)
    return kiln, profile, paper, opp


@pytest.fixture
def whole(more, officer):
    return scope_for(officer, year=YEAR, today=TODAY)


def test_dashboard_counts_the_new_sources(whole):
    # The world's 6 tags, plus the offer, the profile, the 2024 paper and the opportunity.
    assert figures(whole)["reports.sdg_tags"] == 10
    by_unit = chart(whole, "reports.sdg_by_unit")
    # Columns: engineering (m1 ×2, m4, a1, the offer of its department, the profile, the
    # paper), then ICT (m3, a3, the opportunity).
    assert by_unit[SDG9] == [4, 1]
    assert by_unit[SDG17] == [3, 2]
    by_sector = chart(whole, "reports.sdg_by_sector")
    # Manufacturing: m1, m3, a1 and the opportunity with Tokyo Denki; offers, profiles and
    # publications have no partner's sector.
    assert by_sector[SDG17][0] == 4
    assert by_sector[SDG9][0] == 2
    by_goal = chart(whole, "reports.sdg_by_goal")
    # Memoranda, activities, organisations, projects, challenges, openings, opportunities,
    # offers, profiles, publications.
    assert by_goal[SDG9] == [2, 1, 0, 0, 0, 0, 0, 1, 0, 1]
    assert by_goal[SDG17] == [2, 1, 0, 0, 0, 0, 1, 0, 1, 0]


def test_a_unit_counts_its_own_offers_and_experts(more, officer, world):
    engineering = scope_for(officer, year=YEAR, unit_id=world.eng.pk, today=TODAY)
    by_unit = chart(engineering, "reports.sdg_by_unit")
    # Engineering itself (SDG 9: m1, m4, the paper; SDG 17: m1, a1, the profile), then its
    # department (the offer).
    assert by_unit[SDG9] == [3, 1]
    assert by_unit[SDG17] == [3, 0]
    ict = scope_for(officer, year=YEAR, unit_id=world.ict.pk, today=TODAY)
    assert figures(ict)["reports.sdg_tags"] == 3  # m3, a3, the opportunity


def test_annual_report_coverage_table(whole):
    table = rows(
        part(documents.build("annual", whole), "SDG coverage"),
        "Records with an accepted SDG tag, by goal",
    )
    assert table == [
        [SDG9, 2, 1, 0, 0, 0, 0, 0, 1, 0, 1, 5],
        [SDG17, 2, 1, 0, 0, 0, 0, 1, 0, 1, 0, 5],
    ]


def test_evidence_pack_lists_the_new_records(more, whole):
    kiln, profile, paper, opp = more
    sdg17, sdg9 = documents.build("impact", whole).parts
    assert rows(sdg17, "Records with an accepted tag for SDG 17")[6:] == [
        ["Pipeline opportunities", 1],
        ["Technology offers", 0],
        ["Expert profiles", 1],
        ["Publications", 0],
    ]
    assert [r[:4] for r in rows(sdg17, "SDG 17 · Pipeline opportunities")] == [
        ["Factory automation (OPP-2024-0001)", "01/04/2024", "Tokyo Denki K.K.", "Kulliyyah of ICT"]
    ]
    assert [r[0] for r in rows(sdg17, "SDG 17 · Expert profiles")] == [
        "Dr Amina Academic (Lecturer)"
    ]
    offers = next(t for t in sdg9.tables if str(t.title) == "SDG 9 · Technology offers")
    assert [r[:4] for r in offers.rows] == [
        ["Offer TECH-1 (TECH-1)", "01/05/2024", "", "Department of Mechanical Engineering"]
    ]
    assert offers.links == [kiln.get_public_url()]  # the catalogue page anyone may open
    assert [r[:2] for r in rows(sdg9, "SDG 9 · Publications")] == [
        ["Kiln drying with solar heat (Dr Amina Academic)", "2024"]
    ]
    # The rejected SDG 9 on the profile, the suggested one on TECH-2 and the draft are not
    # evidence.
    assert "SDG 9 · Expert profiles" not in [str(t.title) for t in sdg9.tables]
    assert "TECH-2" not in str(sdg9.tables) and "TECH-3" not in str(sdg9.tables)
