"""Every write to proposals (drafts, submission, withdrawal): validated, atomic, audited,
told. The partner's review and the decision are in ``reviews``, the questions in
``questions``; both tell people through :func:`tell` and :func:`reviewers` here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from ..choices import ChallengeStatus, MemberRole, ProposalStatus
from ..models import Challenge, Proposal, ProposalMember, ProposalMilestone
from ..permissions import can_answer_challenge
from .challenges import oil_officers

# The notification kind of this module (registered in ``apps.ChallengesConfig.ready``).
KIND_TO_REVIEW = "challenges.proposal_to_review"

FIELDS = {
    "title",
    "approach",
    "trl_start",
    "trl_end",
    "duration_months",
    "budget",
    "partner_provides",
}
TEAM_KEYS = {"user", "name", "role", "contribution"}


# -- who is told -------------------------------------------------------------------------------


def partner_users(challenge: Challenge) -> list:
    """The partner organisation's approved, active users."""
    from jalinan.accounts.models import User
    from jalinan.accounts.roles import Role

    return list(
        User.objects.filter(
            organisation_id=challenge.organisation_id,
            groups__name=Role.PARTNER,
            approval_status=User.Approval.APPROVED,
            is_active=True,
        ).distinct()
    )


def oil_users() -> list:
    return list(oil_officers())


def reviewers(challenge: Challenge) -> list:
    """Everyone who reviews ``challenge``'s proposals: the partner's users and OIL."""
    out = {u.pk: u for u in partner_users(challenge)}
    for u in oil_users():
        out.setdefault(u.pk, u)
    return list(out.values())


def tell(users, *, by, skip=(), **kwargs) -> int:
    """Notify each of ``users`` once, never ``by`` nor those in ``skip``; returns how many
    were told."""
    skip_ids = {getattr(by, "pk", None), *(getattr(u, "pk", u) for u in skip)}
    sent = 0
    for user in users:
        if user.pk in skip_ids:
            continue
        skip_ids.add(user.pk)
        if notify(recipient=user, **kwargs) is not None:
            sent += 1
    return sent


def _board_url(challenge: Challenge) -> str:
    return reverse("challenges:review_board", args=[challenge.pk])


# -- the pipeline ------------------------------------------------------------------------------


def opportunity_of(challenge: Challenge):
    from jalinan.pipeline.selectors import opportunity_for_object

    return opportunity_for_object(challenge)


def _pipeline_advance(challenge: Challenge, *, by, stage: str, at=None) -> None:
    opp = opportunity_of(challenge)
    if opp is None:
        return
    from jalinan.pipeline.services import opportunity_advance

    opportunity_advance(opportunity=opp, to_stage=stage, by=by, at=at)


# -- proposals ---------------------------------------------------------------------------------


def _apply(proposal: Proposal, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("approach", "partner_provides"):
            value = value.strip()
        if key == "budget" and value in (None, ""):
            value = Decimal("0")
        setattr(proposal, key, value)


def _team_rows(team) -> list[dict]:
    rows = []
    for row in team or ():
        row = dict(row)
        unknown = set(row) - TEAM_KEYS
        if unknown:
            raise ValueError(f"Unknown team keys: {sorted(unknown)}")
        rows.append(row)
    return rows


def _set_team(proposal: Proposal, team) -> None:
    """Replace the team (the lead stays, as its first member)."""
    proposal.members.exclude(user=proposal.lead, role=MemberRole.LEAD).delete()
    if not proposal.members.filter(user=proposal.lead).exists():
        ProposalMember.objects.create(proposal=proposal, user=proposal.lead, role=MemberRole.LEAD)
    seen = {proposal.lead_id}
    errors = []
    for row in _team_rows(team):
        user = row.get("user")
        if user is not None:
            if user.pk in seen:
                continue
            seen.add(user.pk)
        role = row.get("role") or MemberRole.CO_RESEARCHER
        if role == MemberRole.LEAD:
            role = MemberRole.CO_RESEARCHER
        member = ProposalMember(
            proposal=proposal,
            user=user,
            name=(row.get("name") or "").strip()[:200],
            role=role,
            contribution=(row.get("contribution") or "").strip()[:300],
        )
        try:
            member.full_clean()
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        member.save()
    if errors:
        raise ValidationError({"team": errors})


def _set_milestones(proposal: Proposal, milestones) -> None:
    proposal.milestones.all().delete()
    errors = []
    for row in milestones or ():
        row = dict(row)
        step = ProposalMilestone(
            proposal=proposal, title=(row.get("title") or "").strip(), month=row.get("month")
        )
        if step.month and proposal.duration_months and step.month > proposal.duration_months:
            errors.append(
                _("“%(t)s” falls after the end of the work (month %(m)s of %(d)s).")
                % {"t": step.title, "m": step.month, "d": proposal.duration_months}
            )
            continue
        try:
            step.full_clean()
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        step.save()
    if errors:
        raise ValidationError({"milestones": errors})


def _team_labels(proposal: Proposal) -> list[str]:
    return [f"{m} ({m.get_role_display()})" for m in proposal.members.select_related("user")]


def _milestone_labels(proposal: Proposal) -> list[str]:
    return [f"M{m.month}: {m.title}" for m in proposal.milestones.all()]


@transaction.atomic
def proposal_create(
    *, challenge: Challenge, by, team=(), milestones=(), at=None, **fields
) -> Proposal:
    """Start a draft proposal to ``challenge``, led by ``by`` (an expert who may answer it).
    ``team``: dicts ``{"user" or "name", "role", "contribution"}``; ``milestones``: dicts
    ``{"title", "month"}``. One proposal per lead and challenge (a withdrawn one aside)."""
    if not can_answer_challenge(by, challenge):
        if challenge.deadline_passed():
            raise ValidationError(
                _("The deadline for proposals to this challenge passed on %(d)s.")
                % {"d": challenge.proposal_deadline.strftime("%d/%m/%Y")}
            )
        raise PermissionDenied(_("You may not answer this challenge."))
    existing = (
        Proposal.objects.filter(challenge=challenge, lead=by)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .first()
    )
    if existing is not None:
        raise ValidationError(_("You already have a proposal for this challenge."))
    proposal = Proposal(challenge=challenge, lead=by)
    proposal.created_at = at or timezone.now()
    _apply(proposal, fields)
    proposal.full_clean()
    proposal.save()
    _set_team(proposal, team)
    _set_milestones(proposal, milestones)
    audit_log(
        actor=by,
        action="create",
        obj=proposal,
        changes={
            **diff({}, snapshot(proposal)),
            "team": [None, _team_labels(proposal)],
            "milestones": [None, _milestone_labels(proposal)],
        },
    )
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, team=None, milestones=None, **fields) -> Proposal:
    """Save changes to a draft (its lead, while the challenge takes proposals); ``team`` and
    ``milestones``, when given, replace the current ones."""
    from ..permissions import can_change_proposal

    current = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    if not can_change_proposal(by, current):
        if current.lead_id != getattr(by, "pk", None):
            raise PermissionDenied
        _refuse_closed(current)
        raise ValidationError(_("Only a draft can be changed."))
    before = {
        **snapshot(current),
        "team": _team_labels(current),
        "milestones": _milestone_labels(current),
    }
    _apply(current, fields)
    current.full_clean()
    current.save()
    if team is not None:
        _set_team(current, team)
    if milestones is not None:
        _set_milestones(current, milestones)
    changes = diff(
        before,
        {
            **snapshot(current),
            "team": _team_labels(current),
            "milestones": _milestone_labels(current),
        },
    )
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    if proposal is not current:
        proposal.refresh_from_db()
    return current


def _refuse_closed(proposal: Proposal, today: datetime.date | None = None) -> None:
    challenge = proposal.challenge
    if challenge.status != ChallengeStatus.PUBLISHED:
        raise ValidationError(
            _("This challenge no longer takes proposals (it is %(s)s).")
            % {"s": challenge.get_status_display().lower()}
        )
    if challenge.deadline_passed(today):
        raise ValidationError(
            _("The deadline for proposals to this challenge passed on %(d)s.")
            % {"d": challenge.proposal_deadline.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by, at: datetime.datetime | None = None) -> Proposal:
    """Submit a draft for review, before the challenge's deadline (``at`` is "now"). It needs
    an approach and at least one milestone. The partner and OIL are told; the challenge's
    pipeline opportunity reaches the proposal stage."""
    current = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    if current.lead_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the proposal's lead may submit it."))
    if current.status != ProposalStatus.DRAFT:
        raise ValidationError(_("This proposal was already submitted."))
    now = at or timezone.now()
    _refuse_closed(current, timezone.localdate(now))
    errors = {}
    if not current.approach.strip():
        errors["approach"] = _("Describe your approach before submitting.")
    if not current.milestones.exists():
        errors["milestones"] = _("Give at least one milestone before submitting.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(current)
    current.status = ProposalStatus.SUBMITTED
    current.submitted_at = now
    current.full_clean()
    current.save()
    audit_log(actor=by, action="submit", obj=current, changes=diff(before, snapshot(current)))
    challenge = current.challenge
    tell(
        reviewers(challenge),
        by=by,
        kind=KIND_TO_REVIEW,
        title=_("New proposal to “%(c)s”: %(p)s") % {"c": challenge.title, "p": current.title},
        url=current.get_absolute_url(),
        dedupe_key=f"submitted:{current.pk}",
    )
    from jalinan.pipeline.choices import Stage

    _pipeline_advance(challenge, by=by, stage=Stage.PROPOSAL, at=now)
    if proposal is not current:
        proposal.refresh_from_db()
    return current


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by, reason: str = "") -> Proposal:
    """The lead withdraws a draft or a proposal under review; reviewers are told if it had
    been submitted."""
    from ..permissions import can_withdraw_proposal

    current = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    if not can_withdraw_proposal(by, current):
        if current.lead_id != getattr(by, "pk", None):
            raise PermissionDenied
        raise ValidationError(_("A decided proposal cannot be withdrawn."))
    was_submitted = current.submitted_at is not None
    before = snapshot(current)
    current.status = ProposalStatus.WITHDRAWN
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="withdraw",
        obj=current,
        changes=diff(before, snapshot(current)),
        message=(reason or "").strip(),
    )
    if was_submitted:
        tell(
            reviewers(current.challenge),
            by=by,
            kind=KIND_TO_REVIEW,
            title=_("Proposal withdrawn: %(p)s") % {"p": current.title},
            body=(reason or "").strip(),
            url=_board_url(current.challenge),
        )
    if proposal is not current:
        proposal.refresh_from_db()
    return current
