"""The pipeline's services: create, move, lost, advance, link, sync, audit."""

import pytest
from django.core.exceptions import ValidationError

from jalinan.agreements.tests.factories import make_memo
from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.pipeline.choices import Stage
from jalinan.pipeline.models import StageChange
from jalinan.pipeline.selectors import opportunity_for_object
from jalinan.pipeline.services import (
    opportunities_sync,
    opportunity_advance,
    opportunity_create,
    opportunity_link,
    opportunity_move,
)

from .factories import at


def test_create_gives_a_yearly_reference_a_first_stage_change_and_an_audit_row(opp, officer):
    assert opp.reference == "OPP-2025-0001"
    assert opp.stage == Stage.ENQUIRY and opp.stage_entered_at == at(1)
    change = StageChange.objects.get(opportunity=opp)
    assert (change.from_stage, change.to_stage, change.at, change.by) == (
        "",
        "enquiry",
        at(1),
        officer,
    )
    entry = history_for(opp).get()
    assert entry.action == "create" and entry.changes["title"][1] == opp.title
    second = opportunity_create(by=officer, source="direct", title="Second", at=at(5))
    assert second.reference == "OPP-2025-0002"


def test_create_rejects_a_blank_title_and_lost_as_first_stage(officer):
    with pytest.raises(ValidationError):
        opportunity_create(by=officer, source="direct", title="  ")
    with pytest.raises(ValidationError):
        opportunity_create(by=officer, source="direct", title="X", stage=Stage.LOST)


def test_move_forward_back_records_history_and_audit(opp, officer):
    opportunity_move(opportunity=opp, to_stage=Stage.PROPOSAL, by=officer, at=at(5), note="Sent")
    opportunity_move(opportunity=opp, to_stage=Stage.MATCHING, by=officer, at=at(6))
    opp.refresh_from_db()
    assert opp.stage == Stage.MATCHING and opp.stage_entered_at == at(6)
    moves = list(opp.stage_changes.values_list("from_stage", "to_stage", "note"))
    assert moves == [
        ("", "enquiry", ""),
        ("enquiry", "proposal", "Sent"),
        ("proposal", "matching", ""),
    ]
    assert history_for(opp).filter(action="update").count() == 2
    with pytest.raises(ValidationError):
        opportunity_move(opportunity=opp, to_stage=Stage.MATCHING, by=officer)


def test_lost_requires_a_reason_and_reopening_clears_it(opp, officer):
    with pytest.raises(ValidationError) as exc:
        opportunity_move(opportunity=opp, to_stage=Stage.LOST, by=officer, at=at(3))
    assert "lost_reason" in exc.value.message_dict
    opp.refresh_from_db()
    assert opp.stage == Stage.ENQUIRY
    opportunity_move(
        opportunity=opp,
        to_stage=Stage.LOST,
        by=officer,
        lost_reason="budget",
        note="No money",
        at=at(3),
    )
    opp.refresh_from_db()
    assert (opp.stage, opp.lost_reason, opp.lost_note, opp.closed_at) == (
        "lost",
        "budget",
        "No money",
        at(3),
    )
    opportunity_move(opportunity=opp, to_stage=Stage.MATCHING, by=officer, at=at(4))
    opp.refresh_from_db()
    assert (opp.stage, opp.lost_reason, opp.closed_at) == ("matching", "", None)


def test_move_notifies_the_owner_when_someone_else_moves_it(opp, officer, oil_admin):
    opportunity_move(opportunity=opp, to_stage=Stage.MATCHING, by=oil_admin, at=at(2))
    assert Notification.objects.filter(recipient=officer, kind="pipeline.moved").count() == 1
    opportunity_move(opportunity=opp, to_stage=Stage.INTRODUCED, by=officer, at=at(3))
    assert Notification.objects.filter(recipient=officer, kind="pipeline.moved").count() == 1


def test_advance_moves_forward_only_and_is_idempotent(opp, officer):
    opportunity_advance(opportunity=opp, to_stage=Stage.PROPOSAL, by=None, at=at(3))
    opportunity_advance(opportunity=opp, to_stage=Stage.PROPOSAL, by=None, at=at(4))
    opportunity_advance(opportunity=opp, to_stage=Stage.MATCHING, by=None, at=at(5))
    opp.refresh_from_db()
    assert opp.stage == Stage.PROPOSAL and opp.stage_entered_at == at(3)
    assert opp.stage_changes.count() == 2
    opportunity_move(
        opportunity=opp, to_stage=Stage.LOST, by=officer, lost_reason="timing", at=at(6)
    )
    opportunity_advance(opportunity=opp, to_stage=Stage.AGREEMENT, by=None, at=at(7))
    opp.refresh_from_db()
    assert opp.stage == Stage.LOST


def test_link_memorandum_advances_to_agreement(opp, officer, academic, unit_eng, org_acme):
    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status="active")
    opportunity_link(opportunity=opp, by=officer, memorandum=memo, at=at(10))
    opp.refresh_from_db()
    assert opp.memorandum == memo and opp.stage == Stage.AGREEMENT
    assert history_for(opp).filter(changes__has_key="memorandum").exists()


@pytest.fixture
def project(academic, unit_eng, org_acme):
    from jalinan.projects.models import Project

    p = Project.objects.create(
        reference="PRJ-2025-0001",
        title="Pipeline coatings",
        kind="contract",
        lead=academic,
        unit=unit_eng,
        status="active",
    )
    p.organisations.add(org_acme)
    return p


def test_link_project_advances_and_sync_follows_its_status(opp, officer, project):
    opportunity_link(opportunity=opp, by=officer, project=project, at=at(10))
    opp.refresh_from_db()
    assert opp.stage == Stage.PROJECT
    assert opportunities_sync() == 0
    type(project).objects.filter(pk=project.pk).update(status="completed")
    assert opportunities_sync() == 1
    assert opportunities_sync() == 0
    opp.refresh_from_db()
    assert opp.stage == Stage.COMPLETED and opp.closed_at is not None


def test_source_object_is_found_again(officer, org_acme):
    made = opportunity_create(
        by=officer, source="challenge", title="From a partner", source_object=org_acme
    )
    assert opportunity_for_object(org_acme) == made
    assert opportunity_for_object(officer) is None
