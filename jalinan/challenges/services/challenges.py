"""Every write to challenges: validated, atomic, audited, and notifying the person who must
act next.

The life of a challenge: a partner user (or an officer on the partner's behalf) drafts it,
submits it to the office (which opens its pipeline opportunity), the office returns it with
comments or publishes it (the challenge is then indexed so that experts find it), invites
ranked experts (``invitations``), and the challenge closes at its deadline (a daily job) or is
cancelled.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil, is_partner_user
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify
from jalinan.core.references import next_reference
from jalinan.pipeline import selectors as pipeline_selectors
from jalinan.pipeline import services as pipeline_services
from jalinan.pipeline.choices import LostReason, Source, Stage

from ..choices import ChallengeStatus
from ..models import Challenge
from ..permissions import PARTNER_EDITABLE

COLLECTION = "challenges"
FIELDS = {
    "title",
    "problem_statement",
    "desired_outcome",
    "constraints",
    "trl_min",
    "trl_max",
    "budget_min",
    "budget_max",
    "timeline",
    "proposal_deadline",
    "ip_expectation",
    "ip_notes",
    "visibility",
    "unit",
}
LONG_TEXT = {"problem_statement", "desired_outcome", "constraints", "ip_notes"}


def _url(challenge: Challenge) -> str:
    return reverse("challenges:challenge_detail", args=[challenge.pk])


def oil_officers():
    from jalinan.accounts.models import User
    from jalinan.accounts.roles import OIL_ROLES

    return User.objects.filter(groups__name__in=list(OIL_ROLES), is_active=True).distinct()


def _partner_users(challenge: Challenge):
    """Who hears about a challenge on the partner's side: its poster if a partner user, else
    the organisation's approved partner users."""
    from jalinan.accounts.models import User

    if challenge.posted_by_id and is_partner_user(challenge.posted_by):
        return [challenge.posted_by]
    users = list(
        User.objects.filter(
            organisation=challenge.organisation,
            is_active=True,
            approval_status="approved",
            groups__name="partner",
        ).distinct()
    )
    if not users and challenge.posted_by_id:
        users = [challenge.posted_by]
    return users


# -- the pipeline ------------------------------------------------------------------------------
# A challenge's opportunity refers to the challenge (source_object) rather than copying it; the
# pipeline shows its title and text to those who may read it (pipeline.sources).


def opportunity_title(challenge: Challenge) -> str:
    """The neutral title of a challenge's opportunity: its reference, never its own title."""
    return _("Industry challenge %(ref)s") % {"ref": challenge.reference}


def _opportunity(challenge: Challenge, *, by, create: bool = False, at=None):
    opp = pipeline_selectors.opportunity_for_object(challenge)
    if opp is None and create:
        # A reference to the challenge, not a copy of its text: the lead KCDIO's coordinator
        # follows the opportunity but may not read a confidential or unpublished challenge;
        # the pipeline shows its title and text to those who may (pipeline.sources).
        opp = pipeline_services.opportunity_create(
            by=by,
            source=Source.CHALLENGE,
            title=opportunity_title(challenge),
            description="",
            organisation=challenge.organisation,
            unit=challenge.unit,
            source_object=challenge,
            at=at,
        )
    return opp


def advance_opportunity(challenge: Challenge, *, stage_name: str, by, at=None):
    """Move the challenge's opportunity (opened if need be) to ``stage_name``."""
    opp = _opportunity(challenge, by=by, create=True, at=at)
    return pipeline_services.opportunity_advance(
        opportunity=opp, to_stage=getattr(Stage, stage_name), by=by, at=at
    )


def _lose(challenge: Challenge, *, by, note: str):
    opp = pipeline_selectors.opportunity_for_object(challenge)
    if opp is None or opp.stage in (Stage.LOST, Stage.COMPLETED):
        return opp
    return pipeline_services.opportunity_move(
        opportunity=opp, to_stage=Stage.LOST, by=by, note=note, lost_reason=LostReason.OTHER
    )


# -- the matching index ------------------------------------------------------------------------


def challenge_documents(challenge: Challenge) -> list:
    from jalinan.matching import Doc

    body = "\n".join(
        filter(
            None, [challenge.problem_statement, challenge.desired_outcome, challenge.constraints]
        )
    )
    return [Doc("challenge", challenge.title, body[:4000], None, "challenge")]


def challenge_reindex(challenge: Challenge):
    """Keep the "challenges" collection to the published ones, so that experts find them."""
    from jalinan import matching

    if challenge.status != ChallengeStatus.PUBLISHED:
        matching.remove_entity(COLLECTION, challenge.pk)
        return None
    return matching.index_entity(
        COLLECTION,
        challenge.pk,
        challenge_documents(challenge),
        meta={
            "organisation": challenge.organisation_id,
            "visibility": challenge.visibility,
            "deadline": str(challenge.proposal_deadline or ""),
        },
    )


# -- challenges -------------------------------------------------------------------------------


def _save_new(challenge: Challenge) -> None:
    for _attempt in range(5):
        challenge.reference = next_reference(
            Challenge, "CH", timezone.localtime(challenge.created_at).year
        )
        try:
            with transaction.atomic():
                challenge.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError("Could not allocate a challenge reference")


def _apply(challenge: Challenge, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in LONG_TEXT:
            value = value.strip()
        if key in ("budget_min", "budget_max") and value is not None and value != "":
            value = Decimal(str(value))
        if value == "" and key in ("budget_min", "budget_max", "proposal_deadline"):
            value = None
        setattr(challenge, key, value)


def _classify(challenge: Challenge) -> None:
    from jalinan.sdgs.services import sdg_request_classification

    sdg_request_classification(obj=challenge)


@transaction.atomic
def challenge_create(
    *, by, organisation, quiet: bool = False, at: datetime.datetime | None = None, **fields
) -> Challenge:
    """A draft challenge of ``organisation``: a partner user posts for its own organisation
    only, an officer for any. ``at`` backdates it (imports, demo); ``quiet`` skips the SDG
    classification request (bulk loads)."""
    if not is_oil(by):
        if not (is_partner_user(by) and by.organisation_id == getattr(organisation, "pk", None)):
            raise PermissionDenied(_("You may post challenges only for your own organisation."))
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the partner organisation.")})
    challenge = Challenge(
        organisation=organisation,
        posted_by=by if getattr(by, "pk", None) else None,
        created_at=at or timezone.now(),
        status=ChallengeStatus.DRAFT,
    )
    _apply(challenge, fields)
    challenge.reference = "CH-0000-0000"  # replaced by _save_new; full_clean needs a value
    challenge.full_clean(exclude=["reference"])
    _save_new(challenge)
    audit_log(actor=by, action="create", obj=challenge, changes=diff({}, snapshot(challenge)))
    if not quiet:
        _classify(challenge)
    return challenge


@transaction.atomic
def challenge_update(*, challenge: Challenge, by, **fields) -> Challenge:
    """Change a challenge's details: the partner while it is a draft or returned, the office
    until a proposal is selected. A published challenge is re-indexed."""
    from ..permissions import can_change_challenge

    current = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if not can_change_challenge(by, current):
        raise PermissionDenied(_("This challenge can no longer be changed."))
    challenge.status = current.status
    before = snapshot(current)
    _apply(challenge, fields)
    challenge.full_clean()
    challenge.save()
    changes = diff(before, snapshot(challenge))
    if changes:
        audit_log(actor=by, action="update", obj=challenge, changes=changes)
        _classify(challenge)
        if challenge.status == ChallengeStatus.PUBLISHED:
            challenge_reindex(challenge)
    return challenge


def _lock(challenge: Challenge) -> Challenge:
    """Lock the row and bring the caller's instance up to date (so callers keep using it)."""
    Challenge.objects.select_for_update().filter(pk=challenge.pk).exists()
    challenge.refresh_from_db()
    return challenge


def _set_status(challenge: Challenge, *, by, status: str, message: str = "", **extra):
    before = snapshot(challenge)
    challenge.status = status
    for key, value in extra.items():
        setattr(challenge, key, value)
    challenge.full_clean()
    challenge.save()
    audit_log(
        actor=by,
        action=status,
        obj=challenge,
        changes=diff(before, snapshot(challenge)),
        message=message,
    )
    challenge_reindex(challenge)
    return challenge


@transaction.atomic
def challenge_submit(*, challenge: Challenge, by, at: datetime.datetime | None = None) -> Challenge:
    """Send a draft (or returned) challenge to the office for review; the office's officers
    are told, and the challenge's pipeline opportunity is opened (or reused)."""
    from ..permissions import can_submit_challenge

    _lock(challenge)
    if not can_submit_challenge(by, challenge):
        if challenge.status not in PARTNER_EDITABLE:
            raise ValidationError(_("Only a draft or a returned challenge can be submitted."))
        raise PermissionDenied
    _check_complete(challenge)
    at = at or timezone.now()
    _set_status(challenge, by=by, status=ChallengeStatus.SUBMITTED, submitted_at=at)
    _opportunity(challenge, by=by, create=True, at=at)
    for officer in oil_officers():
        if officer.pk == getattr(by, "pk", None):
            continue
        notify(
            recipient=officer,
            kind="challenges.submitted",
            title=_("Challenge to review: %(title)s") % {"title": challenge.title},
            body=_("%(org)s submitted a challenge for the office's review.")
            % {"org": challenge.organisation},
            url=_url(challenge),
        )
    return challenge


def _check_complete(challenge: Challenge) -> None:
    errors = {}
    for name in ("title", "problem_statement", "desired_outcome"):
        if not (getattr(challenge, name) or "").strip():
            errors[name] = _("This field is required.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def challenge_return(*, challenge: Challenge, by, comments: str) -> Challenge:
    """The office sends a submitted challenge back to the partner with what to change."""
    from ..permissions import can_review_challenge

    _lock(challenge)
    if not can_review_challenge(by, challenge):
        if not is_oil(by):
            raise PermissionDenied
        raise ValidationError(_("Only a challenge awaiting review can be returned."))
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError({"comments": _("Say what the partner should change.")})
    _set_status(
        challenge,
        by=by,
        status=ChallengeStatus.RETURNED,
        message=comments,
        review_comments=comments,
    )
    for user in _partner_users(challenge):
        notify(
            recipient=user,
            kind="challenges.returned",
            title=_("Your challenge was returned for changes: %(title)s")
            % {"title": challenge.title},
            body=comments,
            url=_url(challenge),
        )
    return challenge


@transaction.atomic
def challenge_publish(
    *, challenge: Challenge, by, at: datetime.datetime | None = None
) -> Challenge:
    """The office publishes a challenge: open for proposals until its deadline (which must be
    in the future), indexed for the experts it fits; its opportunity moves to matching."""
    from ..permissions import can_publish_challenge

    _lock(challenge)
    if not is_oil(by):
        raise PermissionDenied(_("Only the industry office publishes challenges."))
    if not can_publish_challenge(by, challenge):
        raise ValidationError(_("This challenge cannot be published in its present status."))
    at = at or timezone.now()
    today = timezone.localdate(at) if timezone.is_aware(at) else at.date()
    if challenge.proposal_deadline is None or challenge.proposal_deadline <= today:
        raise ValidationError(
            {"proposal_deadline": _("Set a proposal deadline in the future before publishing.")}
        )
    _check_complete(challenge)
    _set_status(
        challenge,
        by=by,
        status=ChallengeStatus.PUBLISHED,
        published_at=at,
        published_by=by,
        submitted_at=challenge.submitted_at or at,
    )
    advance_opportunity(challenge, stage_name="MATCHING", by=by, at=at)
    for user in _partner_users(challenge):
        if user.pk == getattr(by, "pk", None):
            continue
        notify(
            recipient=user,
            kind="challenges.published",
            title=_("Your challenge is open for proposals: %(title)s") % {"title": challenge.title},
            body=_("Experts may send proposals until %(date)s.")
            % {"date": challenge.proposal_deadline.isoformat()},
            url=_url(challenge),
        )
    return challenge


@transaction.atomic
def challenge_close(*, challenge: Challenge, by) -> Challenge:
    """Close a published challenge to new proposals (its deadline passed, or the partner has
    enough); it leaves the experts' index. Closing a closed challenge changes nothing."""
    from ..permissions import can_close_challenge

    _lock(challenge)
    if challenge.status == ChallengeStatus.CLOSED:
        return challenge
    if by is not None and not can_close_challenge(by, challenge):
        if not (is_oil(by) or is_partner_user(by)):
            raise PermissionDenied
        raise ValidationError(_("Only a published challenge can be closed."))
    if challenge.status != ChallengeStatus.PUBLISHED:
        raise ValidationError(_("Only a published challenge can be closed."))
    _set_status(challenge, by=by, status=ChallengeStatus.CLOSED)
    for user in _partner_users(challenge):
        if user.pk == getattr(by, "pk", None):
            continue
        notify(
            recipient=user,
            kind="challenges.closed",
            title=_("Your challenge is closed; review its proposals: %(title)s")
            % {"title": challenge.title},
            url=_url(challenge),
            dedupe_key=f"closed:{challenge.pk}",
        )
    return challenge


def challenges_close_expired(*, today: datetime.date | None = None) -> int:
    """The daily job: close every published challenge whose deadline has passed. Idempotent."""
    today = today or timezone.localdate()
    closed = 0
    for challenge in Challenge.objects.filter(
        status=ChallengeStatus.PUBLISHED, proposal_deadline__lt=today
    ):
        challenge_close(challenge=challenge, by=None)
        closed += 1
    return closed


@transaction.atomic
def challenge_cancel(*, challenge: Challenge, by, reason: str) -> Challenge:
    """Withdraw a challenge (the partner's need went away); its invitees are told, the
    proposals under review are declined with the feedback e-mail, and its opportunity is
    marked lost."""
    from ..permissions import can_cancel_challenge
    from .reviews import proposals_close_on_cancel

    _lock(challenge)
    if not can_cancel_challenge(by, challenge):
        if not (is_oil(by) or is_partner_user(by)):
            raise PermissionDenied
        raise ValidationError(_("This challenge can no longer be cancelled."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the challenge is cancelled.")})
    _set_status(challenge, by=by, status=ChallengeStatus.CANCELLED, message=reason)
    proposals_close_on_cancel(challenge=challenge, by=by, reason=reason)
    _lose(challenge, by=by, note=reason)
    for invitation in challenge.invitations.select_related("expert__user"):
        notify(
            recipient=invitation.expert.user,
            kind="challenges.cancelled",
            title=_("A challenge you were invited to was cancelled: %(title)s")
            % {"title": challenge.title},
            body=reason,
        )
    return challenge


@transaction.atomic
def challenge_mark_awarded(*, challenge: Challenge, by) -> Challenge:
    """For the proposals' selection: a proposal was chosen, the challenge is awarded."""
    _lock(challenge)
    if challenge.status == ChallengeStatus.AWARDED:
        return challenge
    if challenge.status not in (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED):
        raise ValidationError(_("Only a published or closed challenge can be awarded."))
    return _set_status(challenge, by=by, status=ChallengeStatus.AWARDED)
