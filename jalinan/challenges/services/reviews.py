"""The partner's review of the proposals to a challenge, and the answer every proposal gets.

The partner reviews submitted proposals in stages (screening, assessment, finalist) and each
proposal ends with an answer: declined with structured reasons and comments, or selected. Both
decisions are e-mailed to the whole team (the lead and every member with an account), in each
person's language, so that no proposal vanishes without an answer.

Selecting a proposal (:func:`proposal_select`) awards the challenge, declines the others
(reason "another proposal met the need better"), and opens a draft memorandum and a planned
project linked to each other, to the proposal and to the challenge's pipeline opportunity.

The memorandum's type: a **contract research agreement** ("cra") when the partner funds the
whole work, a **research collaboration agreement** ("rca") otherwise. The partner funds the
whole work when it is to own the results (``ip_expectation == "partner"``), or when the
challenge states a budget ceiling and the proposal's budget (above zero) fits under it; a
proposal that costs more than the partner offers, or a challenge that named no budget, is a
collaboration with the university's own contribution. ``memo_type_code`` overrides the rule.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from ..choices import (
    ChallengeStatus,
    FeedbackReason,
    IPExpectation,
    MemberRole,
    ProposalStatus,
    ReviewStage,
)
from ..models import Challenge, Proposal, ProposalReview
from ..permissions import REVIEWABLE, can_review_proposals
from .challenges import challenge_mark_awarded
from .proposals import opportunity_of, tell

log = logging.getLogger(__name__)

# Notification kinds of this module (registered in ``apps.ChallengesConfig.ready``).
KIND_PROGRESS = "challenges.proposal_progress"
KIND_DECISION = "challenges.proposal_decision"

NEXT_STAGE = {
    ProposalStatus.SUBMITTED: ProposalStatus.ASSESSMENT,
    ProposalStatus.ASSESSMENT: ProposalStatus.FINALIST,
}


# -- who is told -------------------------------------------------------------------------------


def team_users(proposal: Proposal) -> list:
    """The lead and every member with an account, each once."""
    out = {proposal.lead_id: proposal.lead}
    for m in proposal.members.select_related("user"):
        if m.user_id and m.user.is_active:
            out.setdefault(m.user_id, m.user)
    return list(out.values())


# -- review ------------------------------------------------------------------------------------


def _clean_reasons(reasons) -> list[str]:
    out = []
    for r in reasons or ():
        r = str(r)
        if r not in FeedbackReason.values:
            raise ValidationError({"reasons": _("Unknown reason: %(r)s") % {"r": r}})
        if r not in out:
            out.append(r)
    return out


def _check_reviewer(by, proposal: Proposal) -> None:
    if not can_review_proposals(by, proposal.challenge):
        raise PermissionDenied(_("You may not review this challenge's proposals."))
    if proposal.status not in REVIEWABLE:
        raise ValidationError(
            _("This proposal is %(s)s; it can no longer be reviewed.")
            % {"s": proposal.get_status_display().lower()}
        )
    if proposal.challenge.status not in (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED):
        raise ValidationError(_("This challenge's proposals are no longer under review."))


@transaction.atomic
def proposal_review(
    *,
    proposal: Proposal,
    by,
    stage: str,
    score: int,
    reasons=(),
    comments: str = "",
    at=None,
) -> ProposalReview:
    """Record one reviewer's score (1–5) of a proposal at a stage, with reasons and comments
    (for the reviewers; the proposers hear the decision's reasons)."""
    proposal = Proposal.objects.select_related("challenge").get(pk=proposal.pk)
    _check_reviewer(by, proposal)
    if stage not in ReviewStage.values:
        raise ValidationError({"stage": _("Choose a stage.")})
    try:
        score = int(score)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"score": _("Give a score from 1 to 5.")}) from exc
    review = ProposalReview(
        proposal=proposal,
        stage=stage,
        reviewer=by,
        score=score,
        reasons=_clean_reasons(reasons),
        comments=(comments or "").strip(),
        created_at=at or timezone.now(),
    )
    review.full_clean()
    review.save()
    audit_log(
        actor=by,
        action="review",
        obj=proposal,
        changes={"review": [None, f"{review.get_stage_display()}: {review.score}/5"]},
        message=review.comments,
    )
    return review


@transaction.atomic
def proposal_advance(*, proposal: Proposal, by) -> Proposal:
    """Take a proposal to the next stage: screened in (assessment), then finalist. The team
    is told."""
    current = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    _check_reviewer(by, current)
    nxt = NEXT_STAGE.get(current.status)
    if nxt is None:
        raise ValidationError(_("A finalist is selected or declined; it has no further stage."))
    before = snapshot(current)
    current.status = nxt
    current.full_clean()
    current.save()
    audit_log(actor=by, action="advance", obj=current, changes=diff(before, snapshot(current)))
    title = (
        _("Your proposal “%(p)s” passed screening and is being assessed")
        if nxt == ProposalStatus.ASSESSMENT
        else _("Your proposal “%(p)s” is a finalist")
    ) % {"p": current.title}
    tell(
        team_users(current), by=by, kind=KIND_PROGRESS, title=title, url=current.get_absolute_url()
    )
    if proposal is not current:
        proposal.refresh_from_db()
    return current


def _send_decision(proposal_id: int) -> None:
    """The feedback e-mail, to the lead and each member with an account, in their language."""
    from jalinan.core.emails import absolute_url, send_templated_email

    proposal = (
        Proposal.objects.select_related("challenge", "challenge__organisation", "lead")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        return
    labels = dict(FeedbackReason.choices)  # lazy: rendered in each recipient's language
    for user in team_users(proposal):
        if not user.email:
            continue
        try:
            send_templated_email(
                to=[user.email],
                template="challenges/proposals/email/decision",
                context={
                    "user": user,
                    "proposal": proposal,
                    "challenge": proposal.challenge,
                    "selected": proposal.status == ProposalStatus.SELECTED,
                    "reasons": [labels[r] for r in proposal.feedback_reasons if r in labels],
                    "link": absolute_url(proposal.get_absolute_url()),
                },
                language=user.language,
            )
        except Exception:  # noqa: BLE001 - one bad address must not stop the others
            log.exception("Feedback e-mail for proposal %s to %s failed", proposal.pk, user.pk)


def _decide(proposal: Proposal, *, by, status: str, reasons, comments: str, message=""):
    before = snapshot(proposal)
    proposal.status = status
    proposal.feedback_reasons = reasons
    proposal.feedback_comments = (comments or "").strip()
    proposal.feedback_sent_at = timezone.now()
    proposal.full_clean()
    proposal.save()
    audit_log(
        actor=by,
        action="select" if status == ProposalStatus.SELECTED else "decline",
        obj=proposal,
        changes=diff(before, snapshot(proposal)),
        message=message,
    )
    title = (
        _("Your proposal “%(p)s” was selected")
        if status == ProposalStatus.SELECTED
        else _("Decision on your proposal “%(p)s”")
    ) % {"p": proposal.title}
    tell(
        team_users(proposal),
        by=by,
        kind=KIND_DECISION,
        title=title,
        body=", ".join(proposal.feedback_reason_labels()),
        url=proposal.get_absolute_url(),
    )
    pk = proposal.pk
    transaction.on_commit(lambda: _send_decision(pk))


@transaction.atomic
def proposal_decline(*, proposal: Proposal, by, reasons, comments: str = "") -> Proposal:
    """Decline a proposal with at least one structured reason (FeedbackReason) and, if the
    reviewer likes, comments; the team gets the feedback e-mail."""
    current = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    _check_reviewer(by, current)
    reasons = _clean_reasons(reasons)
    if not reasons:
        raise ValidationError({"reasons": _("Choose at least one reason: the proposers hear it.")})
    _decide(current, by=by, status=ProposalStatus.DECLINED, reasons=reasons, comments=comments)
    if proposal is not current:
        proposal.refresh_from_db()
    return current


def proposals_close_on_cancel(*, challenge: Challenge, by, reason: str) -> int:
    """For a cancelled challenge: every proposal still under review is declined with the
    feedback e-mail (reason: the challenge was withdrawn, with the partner's words), so no
    proposal is left without an answer; teams with a draft are told they cannot submit it.
    Returns the number of proposals declined. Called inside ``challenge_cancel``."""
    declined = 0
    for proposal in Proposal.objects.select_for_update(of=("self",)).filter(
        challenge=challenge, status__in=REVIEWABLE
    ):
        _decide(
            proposal,
            by=by,
            status=ProposalStatus.DECLINED,
            reasons=[FeedbackReason.CANCELLED.value],
            comments=reason,
        )
        declined += 1
    for draft in Proposal.objects.filter(challenge=challenge, status=ProposalStatus.DRAFT):
        tell(
            team_users(draft),
            by=by,
            kind=KIND_DECISION,
            title=_("The challenge of your draft proposal “%(p)s” was withdrawn")
            % {"p": draft.title},
            body=reason,
            url=draft.get_absolute_url(),
        )
    return declined


def memo_type_code_for(proposal: Proposal) -> str:
    """ "cra" when the partner funds the whole work, else "rca" (see the module docstring)."""
    challenge = proposal.challenge
    if challenge.ip_expectation == IPExpectation.PARTNER:
        return "cra"
    budget = proposal.budget or Decimal("0")
    if challenge.budget_max is not None and Decimal("0") < budget <= challenge.budget_max:
        return "cra"
    return "rca"


def _memo_type(code: str):
    from jalinan.agreements.models import MemorandumType
    from jalinan.agreements.services import types_ensure_defaults

    memo_type = MemorandumType.objects.filter(code=code).first()
    if memo_type is None:
        types_ensure_defaults()
        memo_type = MemorandumType.objects.filter(code=code).first()
    if memo_type is None:
        raise ValidationError(_("There is no memorandum type “%(c)s”.") % {"c": code})
    return memo_type


PROJECT_ROLES = {
    MemberRole.LEAD: "lead",
    MemberRole.CO_RESEARCHER: "co_researcher",
    MemberRole.STUDENT: "student",
    MemberRole.OTHER: "research_assistant",
}


def _open_memorandum_and_project(proposal: Proposal, *, by, memo_type_code: str | None):
    from jalinan.agreements.models import add_months
    from jalinan.agreements.services import memorandum_create
    from jalinan.projects.choices import ProjectKind
    from jalinan.projects.services import project_create

    challenge = proposal.challenge
    code = memo_type_code or memo_type_code_for(proposal)
    unit = proposal.lead.unit or challenge.unit
    if unit is None:
        raise ValidationError(
            _("The proposal's lead belongs to no KCDIO, so no memorandum can be opened.")
        )
    memo = memorandum_create(
        by=by,
        parties=[challenge.organisation],
        memo_type=_memo_type(code),
        title=proposal.title[:300],
        scope=proposal.approach,
        objectives=challenge.desired_outcome,
        initiating_unit=unit,
        person_in_charge=proposal.lead,
        value_cash=proposal.budget,
        duration_months=proposal.duration_months,
        quiet=False,
    )
    start = timezone.localdate()
    team = [
        {
            "user": m.user,
            "name": "" if m.user_id else m.name,
            "role": PROJECT_ROLES.get(m.role, "co_researcher"),
        }
        for m in proposal.members.select_related("user")
        if m.user_id != proposal.lead_id
    ]
    project = project_create(
        by=by,
        title=proposal.title[:300],
        kind=ProjectKind.CONTRACT if code == "cra" else ProjectKind.COLLABORATIVE,
        lead=proposal.lead,
        unit=unit,
        organisations=[challenge.organisation],
        summary=proposal.approach,
        memorandum=memo,
        team=team,
        milestones=[
            {"title": m.title, "due_date": add_months(start, m.month)}
            for m in proposal.milestones.all()
        ],
        funding=[
            {
                "year": start.year,
                "organisation": challenge.organisation,
                "cash": proposal.budget,
                "in_kind": 0,
            }
        ]
        if proposal.budget
        else [],
    )
    return memo, project


@transaction.atomic
def proposal_select(*, proposal: Proposal, by, memo_type_code: str | None = None) -> Proposal:
    """Select a proposal: it is SELECTED and the challenge AWARDED; every other proposal under
    review is declined ("another proposal met the need better") with the feedback e-mail;
    the selected team is congratulated; a draft memorandum (rca or cra, see
    :func:`memo_type_code_for`) and a planned project are opened, linked to each other, to the
    proposal and to the challenge's pipeline opportunity. All or nothing."""
    current = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("challenge", "challenge__organisation", "lead", "lead__unit")
        .get(pk=proposal.pk)
    )
    _check_reviewer(by, current)
    if memo_type_code not in (None, "", "rca", "cra"):
        raise ValidationError(
            _("Choose a research collaboration (rca) or contract research (cra).")
        )
    challenge = current.challenge
    memo, project = _open_memorandum_and_project(current, by=by, memo_type_code=memo_type_code)
    current.memorandum = memo
    current.project = project
    _decide(
        current,
        by=by,
        status=ProposalStatus.SELECTED,
        reasons=[],
        comments="",
        message=_("Memorandum %(m)s and project %(p)s opened.")
        % {"m": memo.reference, "p": project.reference},
    )
    for other in (
        Proposal.objects.select_for_update()
        .filter(challenge=challenge, status__in=REVIEWABLE)
        .exclude(pk=current.pk)
    ):
        _decide(
            other,
            by=by,
            status=ProposalStatus.DECLINED,
            reasons=[FeedbackReason.STRONGER.value],
            comments="",
        )
    challenge_mark_awarded(challenge=challenge, by=by)
    opp = opportunity_of(challenge)
    if opp is not None:
        from jalinan.pipeline.services import opportunity_link

        opportunity_link(opportunity=opp, by=by, memorandum=memo, project=project)
    if proposal is not current:
        proposal.refresh_from_db()
    return current
