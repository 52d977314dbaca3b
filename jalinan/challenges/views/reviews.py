"""The partner's review of a challenge's proposals: the board (and its export), scores,
advancing a proposal, and the decision (decline with reasons, or select)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form

from ..choices import FeedbackReason, ProposalStatus
from ..forms.proposals import DeclineForm, ReviewForm, SelectForm
from ..permissions import (
    can_review_proposal,
    can_review_proposals,
    get_challenge_for_user,
    get_proposal_for_user,
)
from ..selectors import proposals as sel
from ..services import reviews as svc


def review_stage_for(proposal) -> str:
    """The review stage a score of ``proposal`` is for now (the review form's default)."""
    return {
        ProposalStatus.SUBMITTED: "screen",
        ProposalStatus.ASSESSMENT: "assess",
        ProposalStatus.FINALIST: "finalist",
    }.get(proposal.status, "selection")


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
            p.review_stage = review_stage_for(p)
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
            svc.proposal_review(proposal=proposal, by=user, **form.cleaned_data)
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
        svc.proposal_advance(proposal=proposal, by=user)
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
            svc.proposal_decline(
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
            svc.proposal_select(
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
            "memo_type_code": svc.memo_type_code_for(proposal),
        },
    )
