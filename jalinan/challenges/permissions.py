"""Who may see and change which challenges.

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
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user, is_staff_member

from .choices import ChallengeStatus, Visibility
from .models import Challenge, ChallengeAttachment, Invitation

PRIVATE_STATUSES = frozenset(
    {ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED, ChallengeStatus.RETURNED}
)
LIVE_STATUSES = frozenset(
    {ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.AWARDED}
)
PARTNER_EDITABLE = frozenset({ChallengeStatus.DRAFT, ChallengeStatus.RETURNED})


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_partner_of(user, challenge: Challenge) -> bool:
    """An approved user of the organisation that posted ``challenge``."""
    return is_partner_user(user) and user.organisation_id == challenge.organisation_id


def is_academic(user) -> bool:
    return has_role(user, Role.ACADEMIC)


def is_invited(user, challenge: Challenge) -> bool:
    """``user``'s expert profile was invited to answer ``challenge``."""
    if not _authenticated(user):
        return False
    cache = getattr(challenge, "_prefetched_objects_cache", {})
    if "invitations" in cache:
        return any(i.expert.user_id == user.pk for i in challenge.invitations.all())
    return Invitation.objects.filter(challenge=challenge, expert__user=user).exists()


def invitation_for(user, challenge: Challenge) -> Invitation | None:
    if not _authenticated(user):
        return None
    return (
        Invitation.objects.select_related("expert").filter(challenge=challenge, expert__user=user)
    ).first()


def is_team_member(user, challenge: Challenge) -> bool:
    """``user`` leads or is a member of a proposal to ``challenge``."""
    if not _authenticated(user):
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
    if not _authenticated(user):
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
    if not _authenticated(user) or not is_academic(user):
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
