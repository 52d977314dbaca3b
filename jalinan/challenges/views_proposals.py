"""Proposals, the question-and-answer thread, and the partner's staged review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form

from .choices import FeedbackReason, MemberRole, ProposalStatus
from .forms.proposals import (
    AnswerForm,
    DeclineForm,
    MemberFormSet,
    MilestoneFormSet,
    ProposalForm,
    QuestionForm,
    ReviewForm,
    SelectForm,
    formset_rows,
)
from .permissions import (
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
    get_question_for_user,
    is_proposal_team,
)
from .selectors import proposals as sel
from .services import proposals as proposal_services
from .services import questions as question_services
from .services import reviews as review_services


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
            saved = proposal_services.proposal_create(
                challenge=challenge, by=user, team=team, milestones=milestones, **fields
            )
        else:
            saved = proposal_services.proposal_update(
                proposal=proposal, by=user, team=team, milestones=milestones, **fields
            )
        if submit:
            saved = proposal_services.proposal_submit(proposal=saved, by=user)
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
        proposal_services.proposal_submit(proposal=proposal, by=request.user)
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
    proposal_services.proposal_withdraw(
        proposal=proposal, by=request.user, reason=request.POST.get("reason", "")
    )
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
        "review_form": ReviewForm(initial={"stage": _stage_for(proposal)}),
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


def _stage_for(proposal) -> str:
    return {
        ProposalStatus.SUBMITTED: "screen",
        ProposalStatus.ASSESSMENT: "assess",
        ProposalStatus.FINALIST: "finalist",
    }.get(proposal.status, "selection")


# -- questions ---------------------------------------------------------------------------------


@login_required
@require_POST
def question_ask(request, challenge_pk):
    user = request.user
    challenge = get_challenge_for_user(user, challenge_pk)
    if not can_see_questions(user, challenge):
        raise Http404
    if not can_ask_question(user, challenge):
        raise PermissionDenied
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question_services.question_ask(
                challenge=challenge, by=user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Your question was sent to the partner."))
            return redirect(challenge.get_absolute_url() + "#questions")
    return render(
        request, "challenges/proposals/question_form.html", {"challenge": challenge, "form": form}
    )


@login_required
@require_POST
def question_answer(request, pk):
    user = request.user
    question = get_question_for_user(user, pk)
    if not can_answer_question(user, question):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        question_services.question_answer(
            question=question, by=user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer is on the thread; the experts were told."))
        return redirect(question.challenge.get_absolute_url() + "#questions")
    return render(
        request,
        "challenges/proposals/answer_form.html",
        {"challenge": question.challenge, "question": question, "form": form},
    )


# -- the review board --------------------------------------------------------------------------


def _reviewable_challenge(user, pk):
    challenge = get_challenge_for_user(user, pk)
    if not can_review_proposals(user, challenge):
        raise Http404 if not is_proposal_team_any(user, challenge) else PermissionDenied
    return challenge


def is_proposal_team_any(user, challenge) -> bool:
    return sel.proposals_on_team(user, challenge).exists()


def _reviewable_proposal(user, pk):
    proposal = get_proposal_for_user(user, pk)
    if not can_review_proposals(user, proposal.challenge):
        raise PermissionDenied
    return proposal


@login_required
def review_board(request, challenge_pk):
    user = request.user
    challenge = _reviewable_challenge(user, challenge_pk)
    fmt = request.GET.get("export")
    if fmt:
        return _export(request, challenge, fmt)
    columns = sel.board(user, challenge)
    for _status, _label, items in columns:
        for p in items:
            p.review_stage = _stage_for(p)
    return render(
        request,
        "challenges/proposals/board.html",
        {
            "challenge": challenge,
            "columns": columns,
            "review_form": ReviewForm(),
            "reasons": FeedbackReason.choices,
        },
    )


def _export(request, challenge, fmt):
    rows = []
    labels = dict(FeedbackReason.choices)
    for p in sel.proposals_for_review(request.user, challenge):
        rows.append(
            [
                p.pk,
                p.title,
                p.lead.display_name,
                p.lead.unit.name if p.lead.unit_id else "",
                [str(m) for m in p.members.all() if m.user_id != p.lead_id],
                p.get_status_display(),
                timezone.localtime(p.submitted_at).strftime("%Y-%m-%d %H:%M")
                if p.submitted_at
                else "",
                p.trl_start,
                p.trl_end,
                p.duration_months,
                p.budget,
                round(p.avg_score, 2) if p.avg_score is not None else "",
                p.review_count,
                [str(labels[r]) for r in p.feedback_reasons if r in labels],
                p.feedback_comments,
            ]
        )
    return export_response(
        headers=[
            _("Number"),
            _("Title"),
            _("Lead"),
            _("KCDIO"),
            _("Team"),
            _("Status"),
            _("Submitted"),
            _("TRL now"),
            _("TRL at the end"),
            _("Duration (months)"),
            _("Budget (RM)"),
            _("Average score"),
            _("Reviews"),
            _("Feedback reasons"),
            _("Feedback comments"),
        ],
        rows=rows,
        filename=f"proposals-{challenge.reference}",
        fmt=fmt,
    )


def _back(request, proposal):
    target = request.POST.get("next", "")
    if target == "board":
        return redirect("challenges:review_board", proposal.challenge_id)
    return redirect(proposal)


@login_required
@require_POST
def review_score(request, pk):
    user = request.user
    proposal = _reviewable_proposal(user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review_services.proposal_review(proposal=proposal, by=user, **form.cleaned_data)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("Your score was recorded."))
    else:
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(
                    request, f"{form.fields[field].label}: {e}" if field in form.fields else e
                )
    return _back(request, proposal)


@login_required
@require_POST
def review_advance(request, pk):
    user = request.user
    proposal = _reviewable_proposal(user, pk)
    try:
        review_services.proposal_advance(proposal=proposal, by=user)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    else:
        messages.success(
            request,
            _("“%(p)s” is now: %(s)s.")
            % {"p": proposal.title, "s": ProposalStatus(proposal.status).label},
        )
    return _back(request, proposal)


@login_required
def review_decline(request, pk):
    user = request.user
    proposal = _reviewable_proposal(user, pk)
    if not can_review_proposal(user, proposal):
        messages.error(request, _("This proposal can no longer be declined."))
        return redirect(proposal)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.proposal_decline(
                proposal=proposal,
                by=user,
                reasons=form.cleaned_data["reasons"],
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The proposal was declined; the team has your feedback."))
            return redirect("challenges:review_board", proposal.challenge_id)
    return render(
        request, "challenges/proposals/decline.html", {"proposal": proposal, "form": form}
    )


@login_required
def review_select(request, pk):
    user = request.user
    proposal = _reviewable_proposal(user, pk)
    if not can_review_proposal(user, proposal):
        messages.error(request, _("This proposal can no longer be selected."))
        return redirect(proposal)
    form = SelectForm(request.POST or None)
    others = (
        sel.proposals_for_review(user, proposal.challenge)
        .filter(
            status__in=[
                ProposalStatus.SUBMITTED,
                ProposalStatus.ASSESSMENT,
                ProposalStatus.FINALIST,
            ]
        )
        .exclude(pk=proposal.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_services.proposal_select(
                proposal=proposal,
                by=user,
                memo_type_code=form.cleaned_data["memo_type_code"] or None,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            proposal.refresh_from_db()
            messages.success(
                request,
                _(
                    "The proposal was selected. A draft memorandum and a project were opened; "
                    "the other proposers have their answer."
                ),
            )
            return redirect(proposal)
    return render(
        request,
        "challenges/proposals/select.html",
        {
            "proposal": proposal,
            "form": form,
            "others": list(others),
            "memo_type_code": review_services.memo_type_code_for(proposal),
        },
    )
