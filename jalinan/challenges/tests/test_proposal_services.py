"""Proposals: drafts, the deadline, submission, withdrawal, and who sees what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from jalinan.challenges.choices import ChallengeStatus, MemberRole, ProposalStatus
from jalinan.challenges.permissions import (
    can_change_proposal,
    can_view_proposal,
    get_proposal_for_user,
)
from jalinan.challenges.services import proposals as svc
from jalinan.core.models import AuditEntry, Notification

from . import factories
from .factories import member_row


def test_a_draft_is_the_teams_own(
    challenge,
    expert_profile,
    academic,
    colleague,
    partner_user,
    officer,
    outsider,
    make_proposal,
):
    p = make_proposal(challenge, academic, team=[member_row(colleague)])
    assert p.status == ProposalStatus.DRAFT and p.submitted_at is None
    assert [m.role for m in p.members.all()] == [MemberRole.LEAD, MemberRole.CO_RESEARCHER]
    assert can_view_proposal(academic, p) and can_view_proposal(colleague, p)
    for user in (partner_user, officer, outsider):
        assert not can_view_proposal(user, p)
        with pytest.raises(Http404):
            get_proposal_for_user(user, p.pk)
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="create").exists()
    # Nobody on the partner's side heard of it.
    assert not Notification.objects.filter(recipient=partner_user).exists()


def test_submit_before_the_deadline_tells_the_partner_and_the_office(
    challenge, expert_profile, academic, partner_user, officer, make_proposal
):
    p = make_proposal(challenge, academic)
    svc.proposal_submit(proposal=p, by=academic)
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED and p.submitted_at is not None
    assert can_view_proposal(partner_user, p) and can_view_proposal(officer, p)
    for user in (partner_user, officer):
        n = Notification.objects.get(recipient=user, kind=svc.KIND_TO_REVIEW)
        assert p.title in n.title and n.url == p.get_absolute_url()
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="submit").exists()


def test_submit_on_the_deadline_day_is_fine_the_day_after_is_refused(
    challenge, expert_profile, academic, make_proposal
):
    p = make_proposal(challenge, academic)
    deadline = challenge.proposal_deadline
    after = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(9))) + (
        datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="deadline"):
        svc.proposal_submit(proposal=p, by=academic, at=after)
    p.refresh_from_db()
    assert p.status == ProposalStatus.DRAFT
    on_the_day = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(23, 0)))
    svc.proposal_submit(proposal=p, by=academic, at=on_the_day)
    assert p.status == ProposalStatus.SUBMITTED


def test_a_past_deadline_refuses_new_drafts_changes_and_submission(
    make_challenge, expert_profile, academic, make_proposal
):
    challenge = make_challenge()
    p = make_proposal(challenge, academic)
    challenge.proposal_deadline = timezone.localdate() - datetime.timedelta(days=1)
    challenge.save()
    p.refresh_from_db()
    assert not can_change_proposal(academic, p)
    with pytest.raises(ValidationError, match="deadline"):
        svc.proposal_submit(proposal=p, by=academic)
    with pytest.raises(ValidationError, match="deadline"):
        svc.proposal_update(proposal=p, by=academic, title="Late change")
    late = make_challenge(deadline=timezone.localdate() - datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="deadline"):
        make_proposal(late, academic)


def test_a_closed_challenge_takes_no_submission(challenge, expert_profile, academic, make_proposal):
    p = make_proposal(challenge, academic)
    challenge.status = ChallengeStatus.CLOSED
    challenge.save()
    with pytest.raises(ValidationError, match="no longer takes proposals"):
        svc.proposal_submit(proposal=p, by=academic)


def test_submission_needs_an_approach_and_a_milestone(
    challenge, expert_profile, academic, make_proposal
):
    p = make_proposal(challenge, academic, approach="  ", milestones=[])
    with pytest.raises(ValidationError) as exc:
        svc.proposal_submit(proposal=p, by=academic)
    assert set(exc.value.message_dict) == {"approach", "milestones"}


def test_only_the_lead_submits_and_only_those_who_may_answer_write(
    challenge,
    confidential_challenge,
    expert_profile,
    academic,
    colleague,
    partner_user,
    student,
    make_proposal,
):
    p = make_proposal(challenge, academic, team=[member_row(colleague)])
    with pytest.raises(PermissionDenied):
        svc.proposal_submit(proposal=p, by=colleague)
    for user in (partner_user, student):
        with pytest.raises(PermissionDenied):
            make_proposal(challenge, user)
    # Confidential: only invited experts answer.
    with pytest.raises(PermissionDenied):
        make_proposal(confidential_challenge, academic)
    factories.invite(confidential_challenge, expert_profile)
    assert make_proposal(confidential_challenge, academic).pk


def test_one_proposal_per_lead_and_milestones_within_the_duration(
    challenge, expert_profile, academic, make_proposal
):
    p = make_proposal(challenge, academic)
    with pytest.raises(ValidationError, match="already"):
        make_proposal(challenge, academic)
    with pytest.raises(ValidationError) as exc:
        svc.proposal_update(
            proposal=p, by=academic, milestones=[{"title": "Too late", "month": 30}]
        )
    assert "milestones" in exc.value.message_dict
    p.refresh_from_db()
    assert p.milestones.count() == 2  # nothing lost


def test_update_replaces_team_and_milestones_and_is_audited(
    challenge, expert_profile, academic, colleague, make_proposal
):
    p = make_proposal(challenge, academic)
    svc.proposal_update(
        proposal=p,
        by=academic,
        title="Better anodes",
        team=[member_row(colleague, contribution="Data analysis")],
        milestones=[{"title": "Report", "month": 12}],
    )
    p.refresh_from_db()
    assert p.title == "Better anodes"
    assert [str(m) for m in p.members.all()] == ["Dr Amina Academic", "Dr Ravi ICT"]
    assert [m.title for m in p.milestones.all()] == ["Report"]
    entry = AuditEntry.objects.filter(object_id=str(p.pk), action="update").get()
    assert {"title", "team", "milestones"} <= set(entry.changes)


def test_withdraw_tells_reviewers_only_if_it_was_submitted(
    challenge, expert_profile, academic, partner_user, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    before = Notification.objects.filter(recipient=partner_user).count()
    svc.proposal_withdraw(proposal=p, by=academic, reason="Team member left")
    p.refresh_from_db()
    assert p.status == ProposalStatus.WITHDRAWN
    assert Notification.objects.filter(recipient=partner_user).count() == before + 1
    with pytest.raises(ValidationError):
        svc.proposal_withdraw(proposal=p, by=academic)


def test_submission_advances_the_pipeline_to_proposal(
    challenge, expert_profile, academic, make_proposal, pipeline_opportunity
):
    opp = pipeline_opportunity(challenge)
    make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    opp.refresh_from_db()
    assert opp.stage == "proposal"
