"""The brokerage: the office invites ranked experts to answer a challenge, and each expert says
whether they are interested."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from ..choices import InvitationStatus
from ..models import Challenge, Invitation
from .challenges import advance_opportunity


@transaction.atomic
def invitation_create(
    *, challenge: Challenge, expert, by, message: str = "", score: float | None = None
) -> Invitation:
    """The office invites an expert to answer a challenge (submitted or published); the expert
    is told, with a link. Inviting the same expert twice returns the first invitation."""
    from ..permissions import can_invite

    if not is_oil(by):
        raise PermissionDenied(_("Only the industry office invites experts."))
    if not can_invite(by, challenge):
        raise ValidationError(_("Experts can be invited only to a submitted or open challenge."))
    existing = Invitation.objects.filter(challenge=challenge, expert=expert).first()
    if existing is not None:
        return existing
    invitation = Invitation(
        challenge=challenge,
        expert=expert,
        message=(message or "").strip(),
        score=score,
        invited_by=by,
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        actor=by,
        action="invite",
        obj=challenge,
        changes={"invitation": [None, str(expert)]},
        message=invitation.message,
    )
    audit_log(actor=by, action="create", obj=invitation, changes=diff({}, snapshot(invitation)))
    body = _("The industry office invites you to answer “%(title)s” from %(org)s.") % {
        "title": challenge.title,
        "org": challenge.organisation,
    }
    if invitation.message:
        body = f"{body}\n\n{invitation.message}"
    notify(
        recipient=expert.user,
        kind="challenges.invitation",
        title=_("You are invited to answer an industry challenge: %(title)s")
        % {"title": challenge.title},
        body=body,
        url=challenge.get_absolute_url(),
        dedupe_key=f"invitation:{invitation.pk}",
    )
    advance_opportunity(challenge, stage_name="INTRODUCED", by=by)
    return invitation


def invitations_create(
    *, challenge: Challenge, experts, by, message: str = "", scores: dict | None = None
) -> list[Invitation]:
    """Invite several experts at once (each once)."""
    scores = scores or {}
    with transaction.atomic():
        return [
            invitation_create(
                challenge=challenge,
                expert=expert,
                by=by,
                message=message,
                score=scores.get(expert.pk),
            )
            for expert in experts
        ]


@transaction.atomic
def invitation_respond(*, invitation: Invitation, by, accept: bool) -> Invitation:
    """The invited expert says whether they are interested; the officer who invited is told."""
    if invitation.expert.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the invited expert can answer this invitation."))
    before = snapshot(invitation)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.responded_at = timezone.now()
    invitation.full_clean()
    invitation.save()
    audit_log(
        actor=by,
        action="accept" if accept else "decline",
        obj=invitation.challenge,
        changes={"invitation": [before["status"], invitation.status]},
        message=str(invitation.expert),
    )
    if invitation.invited_by_id:
        notify(
            recipient=invitation.invited_by,
            kind="challenges.invitation_response",
            title=(
                _("%(name)s is interested in “%(title)s”")
                if accept
                else _("%(name)s declined “%(title)s”")
            )
            % {"name": invitation.expert.name, "title": invitation.challenge.title},
            url=invitation.challenge.get_absolute_url(),
        )
    return invitation
