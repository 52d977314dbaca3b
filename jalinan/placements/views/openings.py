"""Openings: the list (and its export), the student's recommended openings, one opening
(with its applicants, best fit first, for its partner and the office), posting and changing
an opening, the office's approval, closing."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil, is_partner_user
from jalinan.agreements.permissions import can_view_memorandum
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.choices import MalaysianState
from jalinan.partners.selectors import organisations_for
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import accepted_goals_for, filter_by_goal

from .. import eligibility, selectors, services
from ..choices import ApplicationStatus, OpeningKind, OpeningStatus, WorkMode
from ..forms import OpeningForm, ReviewForm
from ..models import Application, Programme, StudentProfile
from ..permissions import (
    can_change_opening,
    can_close_opening,
    can_post_opening,
    can_review_opening,
    can_see_applicants,
    get_opening_for_user,
    is_student,
)
from .common import enter_section, form_errors

OPENING_SORTS = {
    "deadline": ("deadline", "pk"),
    "newest": ("-created_at", "-pk"),
    "title": ("title", "pk"),
    "starts": ("starts_on", "pk"),
}


def _filtered_openings(request, qs):
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(skills__icontains=q)
            | Q(organisation__legal_name__icontains=q)
        )
    if g.get("kind") in OpeningKind.values:
        qs = qs.filter(kind=g["kind"])
    if g.get("status") in OpeningStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("mode") in WorkMode.values:
        qs = qs.filter(work_mode=g["mode"])
    if g.get("state") in MalaysianState.values:
        qs = qs.filter(state=g["state"])
    if g.get("programme", "").isdigit():
        pid = int(g["programme"])
        qs = qs.filter(Q(programmes__isnull=True) | Q(programmes=pid)).distinct()
    if g.get("open") == "1":
        qs = qs.filter(status=OpeningStatus.PUBLISHED, deadline__gte=timezone.localdate())
    if g.get("sdg", "").isdigit() and 1 <= int(g["sdg"]) <= 17:
        qs = filter_by_goal(qs, int(g["sdg"]))
    if g.get("organisation", "").isdigit():
        qs = qs.filter(organisation_id=int(g["organisation"]))
    return qs.order_by(*OPENING_SORTS.get(g.get("sort", ""), OPENING_SORTS["deadline"])), q


def _opening_export(request, qs, fmt):
    goals = accepted_goals_for(qs)
    headers = [
        _("Id"),
        _("Title"),
        _("Organisation"),
        _("Kind"),
        _("Status"),
        _("Skills"),
        _("Years"),
        _("Location"),
        _("State"),
        _("City"),
        _("Starts"),
        _("Ends"),
        _("Allowance (RM)"),
        _("Places"),
        _("Deadline"),
        _("Applications"),
        _("SDGs"),
    ]
    rows = [
        [
            o.pk,
            o.title,
            o.organisation.legal_name,
            o.get_kind_display(),
            o.get_status_display(),
            o.skills,
            o.years_label,
            o.get_work_mode_display(),
            o.get_state_display(),
            o.city,
            o.starts_on,
            o.ends_on,
            o.allowance_rm if o.allowance_rm is not None else "",
            o.places,
            o.deadline,
            o.application_count,
            [f"SDG {g}" for g in goals.get(o.pk, [])],
        ]
        for o in qs
    ]
    return export_response(headers=headers, rows=rows, filename="openings", fmt=fmt)


@login_required
def opening_list(request):
    user = request.user
    enter_section(user)
    qs, q = _filtered_openings(request, selectors.openings.openings_for(user))
    qs = qs.annotate(application_count=Count("applications", distinct=True))
    fmt = request.GET.get("export")
    if fmt:
        return _opening_export(request, qs, fmt)
    page = paginate(request, qs)
    goals = accepted_goals_for(page.object_list)
    for o in page:
        o.goals = goals.get(o.pk, [])
    office = is_oil(user)
    ctx = {
        "page": page,
        "q": q,
        "f": request.GET,
        "kinds": OpeningKind.choices,
        "statuses": OpeningStatus.choices,
        "modes": WorkMode.choices,
        "states": MalaysianState.choices,
        "programmes": Programme.objects.filter(is_active=True),
        "goals": GOAL_CHOICES,
        "organisations": organisations_for(user).exclude(status="merged") if office else None,
        "show_status": office or is_partner_user(user),
        "show_counts": office or is_partner_user(user),
        "can_post": can_post_opening(user),
        "active_tab": "openings",
    }
    return render_page_or_partial(
        request, "placements/opening_list.html", "placements/_opening_rows.html", ctx
    )


@login_required
def opening_eligible(request):
    """The student's recommended openings: every opening they may apply to, best fit with
    their profile first, each with the reasons (selectors.openings.recommended_openings)."""
    user = request.user
    if not is_student(user):
        enter_section(user)
        raise PermissionDenied
    profile = StudentProfile.objects.filter(user=user).select_related("programme").first()
    qs = selectors.openings.openings_for_student(user, user)
    q = request.GET.get("q", "").strip()
    narrowed = False
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(skills__icontains=q)
            | Q(organisation__legal_name__icontains=q)
        )
        narrowed = True
    if request.GET.get("kind") in OpeningKind.values:
        qs = qs.filter(kind=request.GET["kind"])
        narrowed = True
    if request.GET.get("sdg", "").isdigit() and 1 <= int(request.GET["sdg"]) <= 17:
        qs = filter_by_goal(qs, int(request.GET["sdg"]))
        narrowed = True
    openings = selectors.openings.recommended_openings(user, user, within=qs if narrowed else None)
    page = paginate(request, openings)
    ctx = {
        "page": page,
        "q": q,
        "f": request.GET,
        "profile": profile,
        "ranked": bool(profile and profile.skills),
        "kinds": OpeningKind.choices,
        "goals": GOAL_CHOICES,
        "active_tab": "eligible",
    }
    return render_page_or_partial(
        request, "placements/opening_eligible.html", "placements/_eligible_rows.html", ctx
    )


@login_required
def opening_detail(request, pk):
    user = request.user
    opening = get_opening_for_user(user, pk)
    ctx = {
        "opening": opening,
        "programmes": list(opening.programmes.all()),
        "can_change": can_change_opening(user, opening),
        "can_close": can_close_opening(user, opening),
        "can_review": can_review_opening(user, opening),
        "review_form": ReviewForm(),
        "places_taken": eligibility.places_taken(opening),
        "memorandum": _visible_memorandum(user, opening),
        "active_tab": "openings",
    }
    if is_student(user):
        profile = StudentProfile.objects.filter(user=user).select_related("programme").first()
        ctx["my_application"] = Application.objects.filter(opening=opening, student=user).first()
        ctx["problems"] = (
            [] if ctx["my_application"] else eligibility.problems(opening, user, profile)
        )
        ctx["student_view"] = True
    if can_see_applicants(user, opening):
        by_date = request.GET.get("applicants") == "date"
        applicants = selectors.applications.ranked_applicants(opening, user, by_date=by_date)
        ctx["applicants"] = paginate(request, applicants, per_page=50)
        ctx["applicants_by_date"] = by_date
        counts = Counter(a.status for a in applicants)
        ctx["status_counts"] = [
            (label, counts[value]) for value, label in ApplicationStatus.choices if value in counts
        ]
    if ctx["can_change"] or is_oil(user):
        ctx["history"] = history_for(opening)[:30]
    return render(request, "placements/opening_detail.html", ctx)


def _visible_memorandum(user, opening):
    """The opening's memorandum if ``user`` may see it; nothing of it otherwise."""
    memo = opening.memorandum if opening.memorandum_id else None
    return memo if memo is not None and can_view_memorandum(user, memo) else None


def _organisations_for_posting(user):
    return organisations_for(user).exclude(status="merged")


@login_required
def opening_create(request):
    user = request.user
    if not can_post_opening(user):
        enter_section(user)
        raise PermissionDenied
    office = is_oil(user)
    form = OpeningForm(
        request.POST or None,
        organisations=_organisations_for_posting(user) if office else None,
        office=office,
        user=user,
        initial={"places": 1, "kind": OpeningKind.INTERNSHIP},
    )
    if request.method == "POST" and form.is_valid():
        organisation = (
            form.cleaned_data["organisation"]
            if office
            else _organisations_for_posting(user).filter(pk=user.organisation_id).first()
        )
        if organisation is None:
            raise PermissionDenied
        try:
            opening = services.openings.opening_create(
                by=user, organisation=organisation, **form.service_fields()
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            if opening.status == OpeningStatus.PENDING:
                messages.info(
                    request,
                    _(
                        "The opening was saved. An officer will approve it before students "
                        "see it, because your organisation is not vetted yet."
                    ),
                )
            else:
                messages.success(request, _("The opening is published."))
            return redirect(opening)
    return render(
        request,
        "placements/opening_form.html",
        {"form": form, "opening": None, "active_tab": "openings"},
    )


@login_required
def opening_update(request, pk):
    user = request.user
    opening = get_opening_for_user(user, pk, write=True)
    office = is_oil(user)
    form = OpeningForm(request.POST or None, instance=opening, office=office, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            opening = services.openings.opening_update(
                opening=opening, by=user, **form.service_fields()
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(opening)
        opening.refresh_from_db()
    return render(
        request,
        "placements/opening_form.html",
        {"form": form, "opening": opening, "active_tab": "openings"},
    )


@login_required
@require_POST
def opening_review(request, pk, decision):
    user = request.user
    opening = get_opening_for_user(user, pk)
    if not can_review_opening(user, opening):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if decision == "approve":
            services.openings.opening_approve(opening=opening, by=user, note=note)
            messages.success(request, _("The opening is published."))
        else:
            services.openings.opening_reject(opening=opening, by=user, note=note)
            messages.success(request, _("The partner was told why the opening was not approved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(opening)


@login_required
@require_POST
def opening_close(request, pk):
    user = request.user
    opening = get_opening_for_user(user, pk)
    if not can_close_opening(user, opening):
        raise PermissionDenied
    services.openings.opening_close(opening=opening, by=user)
    messages.success(request, _("The opening is closed to new applications."))
    return redirect(opening)
