"""Every write to proposals, questions and reviews: validated, atomic, audited, told.

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

import datetime
import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from .choices import (
    ChallengeStatus,
    FeedbackReason,
    IPExpectation,
    MemberRole,
    ProposalStatus,
    ReviewStage,
)
from .models import Challenge, Proposal, ProposalMember, ProposalMilestone, ProposalReview, Question
from .permissions import can_answer_challenge
from .permissions_proposals import REVIEWABLE, can_review_proposals

log = logging.getLogger(__name__)

# Notification kinds (registered in ``apps.ChallengesConfig.ready``).
KIND_TO_REVIEW = "challenges.proposal_to_review"
KIND_QUESTION = "challenges.question"
KIND_PROGRESS = "challenges.proposal_progress"
KIND_DECISION = "challenges.proposal_decision"

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
NEXT_STAGE = {
    ProposalStatus.SUBMITTED: ProposalStatus.ASSESSMENT,
    ProposalStatus.ASSESSMENT: ProposalStatus.FINALIST,
}


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
    from .services import oil_officers

    return list(oil_officers())


def reviewers(challenge: Challenge) -> list:
    """Everyone who reviews ``challenge``'s proposals: the partner's users and OIL."""
    out = {u.pk: u for u in partner_users(challenge)}
    for u in oil_users():
        out.setdefault(u.pk, u)
    return list(out.values())


def team_users(proposal: Proposal) -> list:
    """The lead and every member with an account, each once."""
    out = {proposal.lead_id: proposal.lead}
    for m in proposal.members.select_related("user"):
        if m.user_id and m.user.is_active:
            out.setdefault(m.user_id, m.user)
    return list(out.values())


def answerers(challenge: Challenge) -> list:
    """Who hears an answer: the invited experts, the proposal teams and those who asked."""
    from jalinan.accounts.models import User

    ids = set(challenge.invitations.values_list("expert__user_id", flat=True))
    ids |= set(challenge.proposals.values_list("lead_id", flat=True))
    ids |= set(
        ProposalMember.objects.filter(
            proposal__challenge=challenge, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    ids |= set(
        challenge.questions.filter(asked_by__isnull=False).values_list("asked_by_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _tell(users, *, by, skip=(), **kwargs) -> int:
    skip_ids = {getattr(by, "pk", None), *(getattr(u, "pk", u) for u in skip)}
    sent = 0
    for user in users:
        if user.pk in skip_ids:
            continue
        skip_ids.add(user.pk)
        if notify(recipient=user, **kwargs) is not None:
            sent += 1
    return sent


def _url(obj) -> str:
    return obj.get_absolute_url()


def _board_url(challenge: Challenge) -> str:
    return reverse("challenges:review_board", args=[challenge.pk])


# -- the pipeline ------------------------------------------------------------------------------


def _opportunity(challenge: Challenge):
    try:
        from jalinan.pipeline.selectors import opportunity_for_object
    except ImportError:  # pragma: no cover - only while the pipeline app is missing
        return None
    return opportunity_for_object(challenge)


def _pipeline_advance(challenge: Challenge, *, by, stage: str, at=None) -> None:
    opp = _opportunity(challenge)
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
    from .permissions_proposals import can_change_proposal

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
    _tell(
        reviewers(challenge),
        by=by,
        kind=KIND_TO_REVIEW,
        title=_("New proposal to “%(c)s”: %(p)s") % {"c": challenge.title, "p": current.title},
        url=_url(current),
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
    from .permissions_proposals import can_withdraw_proposal

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
        _tell(
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


# -- questions ---------------------------------------------------------------------------------


@transaction.atomic
def question_ask(*, challenge: Challenge, by, text: str, at=None) -> Question:
    """Ask the partner a question about ``challenge`` (those who may answer it); the partner
    and OIL are told. Everyone on the thread sees the question and its answer."""
    if not can_answer_challenge(by, challenge):
        raise PermissionDenied(_("You may not ask about this challenge."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    question = Question(challenge=challenge, text=text, asked_by=by, asked_at=at or timezone.now())
    question.full_clean()
    question.save()
    audit_log(actor=by, action="create", obj=question, changes=diff({}, snapshot(question)))
    _tell(
        reviewers(challenge),
        by=by,
        kind=KIND_QUESTION,
        title=_("A question about “%(c)s”") % {"c": challenge.title},
        body=text,
        url=_url(challenge) + "#questions",
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, by, answer: str, at=None) -> Question:
    """The partner (or OIL) answers; everyone who may answer the challenge hears it: the
    invited experts, the proposal teams and those who asked."""
    from .permissions_proposals import can_answer_question

    current = Question.objects.select_for_update().select_related("challenge").get(pk=question.pk)
    if not can_answer_question(by, current):
        raise PermissionDenied(_("You may not answer questions on this challenge."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    before = snapshot(current)
    current.answer = answer
    current.answered_by = by
    current.answered_at = at or timezone.now()
    current.full_clean()
    current.save()
    audit_log(actor=by, action="answer", obj=current, changes=diff(before, snapshot(current)))
    challenge = current.challenge
    _tell(
        answerers(challenge),
        by=by,
        kind=KIND_QUESTION,
        title=_("A question about “%(c)s” was answered") % {"c": challenge.title},
        body=f"{current.text}\n\n{answer}",
        url=_url(challenge) + "#questions",
    )
    if question is not current:
        question.refresh_from_db()
    return current


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
    _tell(team_users(current), by=by, kind=KIND_PROGRESS, title=title, url=_url(current))
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
    _tell(
        team_users(proposal),
        by=by,
        kind=KIND_DECISION,
        title=title,
        body=", ".join(proposal.feedback_reason_labels()),
        url=_url(proposal),
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
        _tell(
            team_users(draft),
            by=by,
            kind=KIND_DECISION,
            title=_("The challenge of your draft proposal “%(p)s” was withdrawn")
            % {"p": draft.title},
            body=reason,
            url=_url(draft),
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
        proposal_id=proposal.pk,
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
    from .services import challenge_mark_awarded

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
    opp = _opportunity(challenge)
    if opp is not None:
        from jalinan.pipeline.services import opportunity_link

        opportunity_link(opportunity=opp, by=by, memorandum=memo, project=project)
    if proposal is not current:
        proposal.refresh_from_db()
    return current
