"""Proposals: the section on a challenge's page, the form (with the team and milestones),
submission, withdrawal and the proposal's page. Questions are in ``questions``, the partner's
review in ``reviews``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import history_for
from jalinan.core.forms import errors_to_form

from ..choices import FeedbackReason, MemberRole, ProposalStatus
from ..forms.proposals import (
    AnswerForm,
    MemberFormSet,
    MilestoneFormSet,
    ProposalForm,
    QuestionForm,
    ReviewForm,
    formset_rows,
)
from ..permissions import (
    can_answer_question,
    can_ask_question,
    can_change_proposal,
    can_review_proposal,
    can_review_proposals,
    can_see_questions,
    can_view_challenge,
    can_withdraw_proposal,
    can_write_proposal,
    get_challenge_for_user,
    get_proposal_for_user,
    is_proposal_team,
)
from ..selectors import proposals as sel
from ..services import proposals as svc
from .reviews import review_stage_for


def _days_left(challenge) -> int | None:
    if not challenge.proposal_deadline:
        return None
    return (challenge.proposal_deadline - timezone.localdate()).days


# -- the section on the challenge's page --------------------------------------------------------


def challenge_section_context(request, challenge) -> dict:
    """Context for ``challenges/proposals/_challenge_section.html`` on a challenge's page: the
    questions and answers, the proposals this user may see, and what they may do. Everything
    sits under one key, ``proposal_section``; ``{}`` when the user may see none of it."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    see_questions = can_see_questions(user, challenge)
    reviewer = can_review_proposals(user, challenge)
    mine = list(sel.proposals_on_team(user, challenge))
    may_write = can_write_proposal(user, challenge)
    if not (see_questions or reviewer or mine or may_write):
        return {}
    answer_allowed = can_answer_question(user, challenge)
    questions = list(sel.questions_for(user, challenge))
    own = sel.my_proposal_for(user, challenge)
    section = {
        "challenge": challenge,
        "questions": questions,
        "can_ask": can_ask_question(user, challenge),
        "can_answer": answer_allowed,
        "question_form": QuestionForm(),
        "answer_form": AnswerForm() if answer_allowed else None,
        "my_proposals": mine,
        "can_write": may_write and (own is None or own.status == ProposalStatus.WITHDRAWN),
        "days_left": _days_left(challenge),
        "is_reviewer": reviewer,
        "stage_counts": [
            (ProposalStatus(s).label, n) for s, n in sel.stage_counts(user, challenge).items()
        ]
        if reviewer
        else [],
    }
    return {"proposal_section": section}


# -- the proposal form -------------------------------------------------------------------------


def _member_initial(proposal) -> list[dict]:
    return [
        {"user": m.user_id, "name": m.name, "role": m.role, "contribution": m.contribution}
        for m in proposal.members.select_related("user")
        if not (m.user_id == proposal.lead_id and m.role == MemberRole.LEAD)
    ]


def _milestone_initial(proposal) -> list[dict]:
    return [{"title": m.title, "month": m.month} for m in proposal.milestones.all()]


def _form_page(request, *, challenge, proposal):
    """The new/edit page: save a draft or submit; on any error every field keeps what was
    typed and the errors sit next to their fields."""
    user = request.user
    post = request.POST if request.method == "POST" else None
    form = ProposalForm(post, instance=proposal)
    # The saved rows fill the formsets on the first view only: a posted form is read as typed
    # (rows left untouched still count; an emptied row removes its member or milestone).
    show_saved = proposal is not None and post is None
    members = MemberFormSet(
        post, prefix="team", initial=_member_initial(proposal) if show_saved else None
    )
    steps = MilestoneFormSet(
        post, prefix="ms", initial=_milestone_initial(proposal) if show_saved else None
    )
    if request.method == "POST":
        submit = "submit" in request.POST
        valid = all([form.is_valid(), members.is_valid(), steps.is_valid()])
        if valid:
            team, milestones = formset_rows(members), formset_rows(steps)
            try:
                saved = _save(
                    user, challenge, proposal, form.service_fields(), team, milestones, submit
                )
            except ValidationError as exc:
                errors_to_form(form, _without(exc, "milestones", steps))
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You may not change this proposal."))
            else:
                if submit:
                    messages.success(
                        request,
                        _(
                            "Your proposal was submitted. The partner will review it; you will "
                            "hear the outcome whichever it is."
                        ),
                    )
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect(saved)
    return render(
        request,
        "challenges/proposals/form.html",
        {
            "challenge": challenge,
            "proposal": proposal,
            "form": form,
            "members": members,
            "steps": steps,
            "days_left": _days_left(challenge),
            "deadline_passed": challenge.deadline_passed(),
        },
    )


def _without(exc: ValidationError, key: str, formset) -> ValidationError:
    """Hang the errors about ``key`` on ``formset`` (its non-form errors); return the rest."""
    if not hasattr(exc, "error_dict") or key not in exc.error_dict:
        return exc
    formset._non_form_errors = formset.error_class(
        [*formset.non_form_errors(), *exc.message_dict[key]], error_class="nonform"
    )
    rest = {k: v for k, v in exc.message_dict.items() if k != key}
    return ValidationError(rest) if rest else ValidationError({})


def _save(user, challenge, proposal, fields, team, milestones, submit):
    from django.db import transaction

    # Saving and submitting are one step: a refused submission keeps nothing half-done, and
    # the page shows the form again with everything typed.
    with transaction.atomic():
        if proposal is None:
            saved = svc.proposal_create(
                challenge=challenge, by=user, team=team, milestones=milestones, **fields
            )
        else:
            saved = svc.proposal_update(
                proposal=proposal, by=user, team=team, milestones=milestones, **fields
            )
        if submit:
            saved = svc.proposal_submit(proposal=saved, by=user)
    return saved


@login_required
def proposal_create(request, challenge_pk):
    user = request.user
    challenge = get_challenge_for_user(user, challenge_pk)
    existing = sel.my_proposal_for(user, challenge)
    if existing is not None and existing.status != ProposalStatus.WITHDRAWN:
        return redirect(
            reverse("challenges:proposal_update", args=[existing.pk])
            if existing.status == ProposalStatus.DRAFT
            else existing.get_absolute_url()
        )
    if not can_write_proposal(user, challenge):
        if challenge.deadline_passed() and request.method == "GET":
            messages.error(request, _("The deadline for proposals to this challenge has passed."))
            return redirect(challenge)
        if request.method == "GET":
            raise PermissionDenied
    return _form_page(request, challenge=challenge, proposal=None)


@login_required
def proposal_update(request, pk):
    user = request.user
    proposal = get_proposal_for_user(user, pk)
    if proposal.lead_id != user.pk:
        raise PermissionDenied
    if proposal.status != ProposalStatus.DRAFT:
        messages.info(request, _("This proposal was submitted; it can no longer be changed."))
        return redirect(proposal)
    if not can_change_proposal(user, proposal) and request.method == "GET":
        messages.error(
            request, _("The challenge no longer takes proposals; your draft cannot be changed.")
        )
        return redirect(proposal)
    return _form_page(request, challenge=proposal.challenge, proposal=proposal)


@login_required
@require_POST
def proposal_submit(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    try:
        svc.proposal_submit(proposal=proposal, by=request.user)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Your proposal was submitted."))
    return redirect(proposal)


@login_required
@require_POST
def proposal_withdraw(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    if not can_withdraw_proposal(request.user, proposal):
        raise PermissionDenied
    svc.proposal_withdraw(proposal=proposal, by=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("The proposal was withdrawn."))
    return redirect(proposal)


@login_required
def proposal_detail(request, pk):
    user = request.user
    proposal = get_proposal_for_user(user, pk)
    challenge = proposal.challenge
    reviewer = can_review_proposals(user, challenge)
    reviews = list(sel.reviews_of(user, proposal)) if reviewer else []
    labels = dict(FeedbackReason.choices)
    for r in reviews:
        r.reason_labels = [labels[c] for c in r.reasons if c in labels]
    ctx = {
        "proposal": proposal,
        "challenge": challenge,
        "challenge_visible": can_view_challenge(user, challenge),
        "members": list(proposal.members.select_related("user", "user__unit")),
        "milestones": list(proposal.milestones.all()),
        "is_team": is_proposal_team(user, proposal),
        "is_lead": proposal.lead_id == user.pk,
        "can_change": can_change_proposal(user, proposal),
        "can_withdraw": can_withdraw_proposal(user, proposal),
        "is_reviewer": reviewer,
        "can_review": can_review_proposal(user, proposal),
        "reviews": reviews,
        "scores": sel.score_summary(proposal) if reviewer else None,
        "review_form": ReviewForm(initial={"stage": review_stage_for(proposal)}),
        "days_left": _days_left(challenge),
        "history": history_for(proposal)[:30] if is_oil(user) else None,
        "memorandum": _visible_memorandum(user, proposal),
        "project": _visible_project(user, proposal),
    }
    return render(request, "challenges/proposals/detail.html", ctx)


def _visible_memorandum(user, proposal):
    from jalinan.agreements.permissions import can_view_memorandum

    memo = proposal.memorandum
    return memo if memo is not None and can_view_memorandum(user, memo) else None


def _visible_project(user, proposal):
    from jalinan.projects.permissions import can_view_project

    project = proposal.project
    return project if project is not None and can_view_project(user, project) else None
