"""Evaluations: the link e-mailed to the industry supervisor, the page it opens (no account:
the link is the key), and the office's rubric they are scored on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import services
from ..forms import EvaluationForm, RubricCriterionForm
from ..models import EvaluationLink, RubricCriterion
from ..permissions import can_send_evaluation_link, get_placement_for_user
from .common import form_errors, settings_only


@login_required
@require_POST
def evaluation_link_send(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    if not can_send_evaluation_link(user, placement):
        raise PermissionDenied
    stage = request.POST.get("stage", "")
    try:
        link, _raw = services.evaluations.evaluation_link_issue(
            placement=placement, stage=stage, by=user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("A link for the %(stage)s was e-mailed to %(email)s.")
            % {"stage": str(link.get_stage_display()).lower(), "email": link.email},
        )
    return redirect(placement.get_absolute_url() + "#evaluations")


# -- the industry supervisor's evaluation, by link --------------------------------------------


def _no_leak(response):
    # The token is in the URL: keep it out of other sites' referrers, caches and search
    # engines. (Not "no-referrer": browsers then send "Origin: null" and the form's own POST
    # fails the CSRF origin check.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def evaluate(request, token):
    """The page the e-mailed link opens: no account needed. The link is good for one
    evaluation (this placement, this stage), once, until it expires."""
    link = EvaluationLink.find(token)
    if link is None:
        return _no_leak(
            render(request, "placements/evaluation_invalid.html", {"state": "unknown"}, status=404)
        )
    if not link.is_usable:
        return _no_leak(
            render(
                request,
                "placements/evaluation_invalid.html",
                {"state": link.state, "link": link},
                status=410,
            )
        )
    placement = link.placement
    criteria = services.evaluations.rubric_for(link.stage)
    form = EvaluationForm(
        request.POST or None,
        criteria=criteria,
        initial={"evaluator_name": placement.industry_supervisor_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluations.evaluation_submit(
                link=link,
                scores=form.scores(),
                evaluator_name=form.cleaned_data["evaluator_name"],
                strengths=form.cleaned_data["strengths"],
                improvements=form.cleaned_data["improvements"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            return _no_leak(
                render(
                    request,
                    "placements/evaluation_done.html",
                    {"link": link, "placement": placement},
                )
            )
    return _no_leak(
        render(
            request,
            "placements/evaluation_form.html",
            {"form": form, "link": link, "placement": placement},
        )
    )


# -- the rubric -------------------------------------------------------------------------------


@login_required
def rubric_list(request):
    settings_only(request.user)
    return render(
        request,
        "placements/rubric_list.html",
        {
            "criteria": RubricCriterion.objects.all(),
            "settings_tab": "rubric",
            "active_tab": "settings",
        },
    )


@login_required
def rubric_edit(request, pk=None):
    user = request.user
    settings_only(user)
    criterion = get_object_or_404(RubricCriterion, pk=pk) if pk else None
    form = RubricCriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            if criterion is None:
                services.evaluations.rubric_criterion_create(by=user, **form.cleaned_data)
            else:
                services.evaluations.rubric_criterion_update(
                    criterion=criterion, by=user, **form.cleaned_data
                )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The rubric was saved."))
            return redirect("placements:rubric_list")
    return render(
        request,
        "placements/settings_form.html",
        {
            "form": form,
            "title": _("Edit criterion") if criterion else _("New criterion"),
            "back": "placements:rubric_list",
            "settings_tab": "rubric",
            "active_tab": "settings",
        },
    )
