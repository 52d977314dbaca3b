"""Who may see and change which challenges, proposals, questions and reviews.

Challenges:

- Drafts, challenges awaiting review and returned ones: the partner organisation's users and
  OIL only.
- Published, closed and awarded ones, by visibility: PUBLIC anyone, anonymous visitors too;
  STAFF signed-in university staff (and the partner organisation); INVITED (confidential) OIL,
  the partner organisation's users, the invited experts and the members of the challenge's
  proposals' teams.
- Cancelled ones: the partner organisation and OIL.
- A partner user changes its organisation's challenges while in draft or returned; OIL changes
  any challenge until a proposal is selected. Only OIL publishes and invites experts.
- Everyone else: 404.

Proposals, questions and reviews:

- A proposal: its lead and the members of its team always; the challenge's partner
  organisation's users and OIL only once it is submitted (never a draft, never a draft that
  was withdrawn without being submitted); nobody else (404).
- The lead changes a draft while the challenge is open (published, before its deadline).
- The partner organisation's users and OIL review the proposals of a challenge (score,
  advance, decline, select) and answer its questions.
- The question-and-answer thread: everyone who may answer the challenge (see
  :func:`can_answer_challenge`), the proposal teams, the partner and OIL.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import (
    is_academic,
    is_oil,
    is_partner_user,
    is_signed_in,
    is_staff_member,
)

from .choices import ChallengeStatus, ProposalStatus, Visibility
from .models import Challenge, ChallengeAttachment, Invitation, Proposal, Question

PRIVATE_STATUSES = frozenset(
    {ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED, ChallengeStatus.RETURNED}
)
LIVE_STATUSES = frozenset(
    {ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.AWARDED}
)
PARTNER_EDITABLE = frozenset({ChallengeStatus.DRAFT, ChallengeStatus.RETURNED})


def is_partner_of(user, challenge: Challenge) -> bool:
    """An approved user of the organisation that posted ``challenge``."""
    return is_partner_user(user) and user.organisation_id == challenge.organisation_id


def is_invited(user, challenge: Challenge) -> bool:
    """``user``'s expert profile was invited to answer ``challenge``."""
    if not is_signed_in(user):
        return False
    cache = getattr(challenge, "_prefetched_objects_cache", {})
    if "invitations" in cache:
        return any(i.expert.user_id == user.pk for i in challenge.invitations.all())
    return Invitation.objects.filter(challenge=challenge, expert__user=user).exists()


def invitation_for(user, challenge: Challenge) -> Invitation | None:
    if not is_signed_in(user):
        return None
    return (
        Invitation.objects.select_related("expert").filter(challenge=challenge, expert__user=user)
    ).first()


def is_team_member(user, challenge: Challenge) -> bool:
    """``user`` leads or is a member of a proposal to ``challenge``."""
    if not is_signed_in(user):
        return False
    from .models import Proposal, ProposalMember

    return (
        Proposal.objects.filter(challenge=challenge, lead=user).exists()
        or ProposalMember.objects.filter(proposal__challenge=challenge, user=user).exists()
    )


def has_expert_profile(user) -> bool:
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return user.expert_profile is not None
    except (ObjectDoesNotExist, AttributeError):
        return False


def can_see_challenges(user) -> bool:
    """May open the challenge list at all (anonymous visitors see the public open calls)."""
    return is_oil(user) or is_staff_member(user) or is_partner_user(user)


def can_create_challenge(user) -> bool:
    return is_oil(user) or is_partner_user(user)


def can_view_challenge(user, challenge: Challenge) -> bool:
    if is_oil(user) or is_partner_of(user, challenge):
        return True
    if challenge.status not in LIVE_STATUSES:
        return False
    if challenge.visibility == Visibility.PUBLIC:
        return True
    if not is_signed_in(user):
        return False
    if challenge.visibility == Visibility.STAFF:
        return is_staff_member(user)
    # INVITED: confidential.
    return is_invited(user, challenge) or is_team_member(user, challenge)


def can_change_challenge(user, challenge: Challenge) -> bool:
    if is_oil(user):
        return challenge.status not in (ChallengeStatus.AWARDED, ChallengeStatus.CANCELLED)
    return is_partner_of(user, challenge) and challenge.status in PARTNER_EDITABLE


def can_submit_challenge(user, challenge: Challenge) -> bool:
    return challenge.status in PARTNER_EDITABLE and (is_oil(user) or is_partner_of(user, challenge))


def can_review_challenge(user, challenge: Challenge) -> bool:
    """Return or publish: OIL, while the challenge awaits review."""
    return is_oil(user) and challenge.status == ChallengeStatus.SUBMITTED


def can_publish_challenge(user, challenge: Challenge | None = None) -> bool:
    if not is_oil(user):
        return False
    return challenge is None or challenge.status in (
        ChallengeStatus.SUBMITTED,
        ChallengeStatus.RETURNED,
        ChallengeStatus.DRAFT,
    )


def can_close_challenge(user, challenge: Challenge) -> bool:
    return challenge.status == ChallengeStatus.PUBLISHED and (
        is_oil(user) or is_partner_of(user, challenge)
    )


def can_cancel_challenge(user, challenge: Challenge) -> bool:
    if challenge.status in (ChallengeStatus.AWARDED, ChallengeStatus.CANCELLED):
        return False
    if is_oil(user):
        return True
    return is_partner_of(user, challenge) and challenge.status in (
        PARTNER_EDITABLE | {ChallengeStatus.SUBMITTED, ChallengeStatus.PUBLISHED}
    )


def can_invite(user, challenge: Challenge | None = None) -> bool:
    if not is_oil(user):
        return False
    return challenge is None or challenge.status in (
        ChallengeStatus.PUBLISHED,
        ChallengeStatus.SUBMITTED,
    )


def can_see_brokerage(user, challenge: Challenge) -> bool:
    return is_oil(user)


def can_see_history(user, challenge: Challenge) -> bool:
    return is_oil(user)


def can_answer_challenge(user, challenge: Challenge) -> bool:
    """May ask questions and submit a proposal: academic staff with an expert profile, while
    the challenge is open; for a confidential challenge, only the invited experts."""
    if not is_signed_in(user) or not is_academic(user):
        return False
    if not challenge.is_open:
        return False
    if not has_expert_profile(user):
        return False
    if challenge.visibility == Visibility.INVITED:
        return is_invited(user, challenge)
    return True


def can_manage_attachments(user, challenge: Challenge) -> bool:
    return can_change_challenge(user, challenge)


def get_challenge_for_user(user, pk, *, write: bool = False) -> Challenge:
    challenge = (
        Challenge.objects.select_related("organisation", "posted_by", "unit").filter(pk=pk).first()
    )
    if challenge is None or not can_view_challenge(user, challenge):
        raise Http404
    if write and not can_change_challenge(user, challenge):
        raise PermissionDenied
    return challenge


def get_attachment_for_user(user, pk) -> ChallengeAttachment:
    attachment = ChallengeAttachment.objects.select_related("challenge").filter(pk=pk).first()
    if attachment is None or not can_view_challenge(user, attachment.challenge):
        raise Http404
    return attachment


def get_invitation_for_user(user, pk) -> Invitation:
    """The invited expert's own invitation (404 for anyone else, OIL included for responses)."""
    invitation = (
        Invitation.objects.select_related("challenge", "expert", "expert__user")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or invitation.expert.user_id != getattr(user, "pk", None):
        raise Http404
    return invitation


# -- proposals, questions and reviews --------------------------------------------------------

# Statuses the partner and OIL act on.
REVIEWABLE = frozenset(
    {ProposalStatus.SUBMITTED, ProposalStatus.ASSESSMENT, ProposalStatus.FINALIST}
)
DECIDED = frozenset({ProposalStatus.SELECTED, ProposalStatus.DECLINED})


def is_proposal_team(user, proposal: Proposal) -> bool:
    """``user`` leads ``proposal`` or is on its team."""
    if not is_signed_in(user):
        return False
    if proposal.lead_id == user.pk:
        return True
    cache = getattr(proposal, "_prefetched_objects_cache", {})
    if "members" in cache:
        return any(m.user_id == user.pk for m in proposal.members.all())
    return proposal.members.filter(user=user).exists()


def can_review_proposals(user, challenge: Challenge) -> bool:
    """The partner organisation's users and OIL."""
    return is_signed_in(user) and (is_oil(user) or is_partner_of(user, challenge))


def can_view_proposal(user, proposal: Proposal) -> bool:
    if is_proposal_team(user, proposal):
        return True
    if proposal.submitted_at is None:
        return False  # a draft is the team's own
    return can_review_proposals(user, proposal.challenge)


def can_change_proposal(user, proposal: Proposal, *, today=None) -> bool:
    """The lead, while the proposal is a draft and the challenge takes proposals."""
    return (
        is_signed_in(user)
        and proposal.lead_id == user.pk
        and proposal.status == ProposalStatus.DRAFT
        and proposal.challenge.status == ChallengeStatus.PUBLISHED
        and not proposal.challenge.deadline_passed(today)
    )


def can_withdraw_proposal(user, proposal: Proposal) -> bool:
    return (
        is_signed_in(user)
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
    if not is_signed_in(user) or not can_view_challenge(user, challenge):
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
