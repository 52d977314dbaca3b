"""Who may see and change which proposals, questions and reviews.

- A proposal: its lead and the members of its team always; the challenge's partner
  organisation's users and OIL only once it is submitted (never a draft, never a draft that
  was withdrawn without being submitted); nobody else (404).
- The lead changes a draft while the challenge is open (published, before its deadline).
- The partner organisation's users and OIL review the proposals of a challenge (score,
  advance, decline, select) and answer its questions.
- The question-and-answer thread: everyone who may answer the challenge (see
  ``permissions.can_answer_challenge``), the proposal teams, the partner and OIL.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import is_oil

from .choices import ChallengeStatus, ProposalStatus
from .models import Challenge, Proposal, Question
from .permissions import (
    can_answer_challenge,
    can_view_challenge,
    is_partner_of,
    is_team_member,
)

# Statuses the partner and OIL act on.
REVIEWABLE = frozenset(
    {ProposalStatus.SUBMITTED, ProposalStatus.ASSESSMENT, ProposalStatus.FINALIST}
)
DECIDED = frozenset({ProposalStatus.SELECTED, ProposalStatus.DECLINED})


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_proposal_team(user, proposal: Proposal) -> bool:
    """``user`` leads ``proposal`` or is on its team."""
    if not _authenticated(user):
        return False
    if proposal.lead_id == user.pk:
        return True
    cache = getattr(proposal, "_prefetched_objects_cache", {})
    if "members" in cache:
        return any(m.user_id == user.pk for m in proposal.members.all())
    return proposal.members.filter(user=user).exists()


def can_review_proposals(user, challenge: Challenge) -> bool:
    """The partner organisation's users and OIL."""
    return _authenticated(user) and (is_oil(user) or is_partner_of(user, challenge))


def can_view_proposal(user, proposal: Proposal) -> bool:
    if is_proposal_team(user, proposal):
        return True
    if proposal.submitted_at is None:
        return False  # a draft is the team's own
    return can_review_proposals(user, proposal.challenge)


def can_change_proposal(user, proposal: Proposal, *, today=None) -> bool:
    """The lead, while the proposal is a draft and the challenge takes proposals."""
    return (
        _authenticated(user)
        and proposal.lead_id == user.pk
        and proposal.status == ProposalStatus.DRAFT
        and proposal.challenge.status == ChallengeStatus.PUBLISHED
        and not proposal.challenge.deadline_passed(today)
    )


def can_withdraw_proposal(user, proposal: Proposal) -> bool:
    return (
        _authenticated(user)
        and proposal.lead_id == user.pk
        and (proposal.status == ProposalStatus.DRAFT or proposal.status in REVIEWABLE)
    )


def can_review_proposal(user, proposal: Proposal) -> bool:
    """Score, advance, decline or select this proposal now."""
    return (
        proposal.status in REVIEWABLE
        and proposal.challenge.status in (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED)
        and can_review_proposals(user, proposal.challenge)
    )


def can_write_proposal(user, challenge: Challenge) -> bool:
    """May start a proposal to ``challenge`` (an expert allowed to answer it)."""
    return can_answer_challenge(user, challenge)


def can_see_questions(user, challenge: Challenge) -> bool:
    if not _authenticated(user) or not can_view_challenge(user, challenge):
        return False
    return (
        can_review_proposals(user, challenge)
        or can_answer_challenge(user, challenge)
        or is_team_member(user, challenge)
    )


def can_ask_question(user, challenge: Challenge) -> bool:
    return can_answer_challenge(user, challenge)


def can_answer_question(user, question_or_challenge) -> bool:
    challenge = (
        question_or_challenge.challenge
        if isinstance(question_or_challenge, Question)
        else question_or_challenge
    )
    return challenge.status in (
        ChallengeStatus.PUBLISHED,
        ChallengeStatus.CLOSED,
    ) and can_review_proposals(user, challenge)


def get_proposal_for_user(user, pk, *, write: bool = False) -> Proposal:
    """The proposal, or 404 if ``user`` may not see it; 403 with ``write`` if they may not
    change it."""
    proposal = (
        Proposal.objects.select_related("challenge", "challenge__organisation", "lead")
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not can_view_proposal(user, proposal):
        raise Http404
    if write and not can_change_proposal(user, proposal):
        raise PermissionDenied
    return proposal


def get_question_for_user(user, pk) -> Question:
    question = Question.objects.select_related("challenge").filter(pk=pk).first()
    if question is None or not can_see_questions(user, question.challenge):
        raise Http404
    return question
