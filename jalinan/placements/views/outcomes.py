"""Graduates' outcomes with the employability figure, and recording one."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.selectors import organisations_for

from .. import selectors, services
from ..choices import OutcomeStatus
from ..forms import OutcomeForm
from ..models import Placement, Programme, StudentProfile
from ..permissions import (
    can_record_outcome_for,
    can_see_outcomes,
    can_use_placements,
    get_profile_for_user,
    is_coordinator,
    is_student,
)
from .common import form_errors, units_for


@login_required
def outcome_list(request):
    user = request.user
    if not can_see_outcomes(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404
    g = request.GET
    unit = int(g["unit"]) if g.get("unit", "").isdigit() else None
    programme = int(g["programme"]) if g.get("programme", "").isdigit() else None
    year = int(g["year"]) if g.get("year", "").isdigit() else None
    window = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    figure = selectors.outcomes.employability(
        user=user,
        unit_ids_in={unit} if unit else None,
        programme_id=programme,
        graduated_from=window[0],
        graduated_to=window[1],
    )
    # Management sees the figure only; the rows are for the office and coordinators.
    qs = selectors.outcomes.outcomes_for(user)
    if not (is_oil(user) or is_coordinator(user)):
        qs = qs.none()
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(student__full_name__icontains=q)
            | Q(employer_name__icontains=q)
            | Q(employer_organisation__legal_name__icontains=q)
        )
    if unit:
        qs = qs.filter(student__student_profile__kulliyyah_id=unit)
    if programme:
        qs = qs.filter(student__student_profile__programme_id=programme)
    if year:
        qs = qs.filter(graduated_on__year=year)
    if g.get("status") in OutcomeStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("partner") in ("yes", "no"):
        qs = qs.filter(with_placement_partner=g["partner"] == "yes")
    qs = qs.order_by("-graduated_on", "student__full_name")
    fmt = g.get("export")
    if fmt:
        headers = [
            _("Graduate"),
            _("Programme"),
            _("Kulliyyah"),
            _("Graduated"),
            _("Destination"),
            _("Employer"),
            _("Job title or course"),
            _("Started"),
            _("Within six months"),
            _("With a placement partner"),
        ]
        rows = [
            [
                o.student.full_name,
                _profile_attr(o, "programme"),
                _profile_attr(o, "kulliyyah"),
                o.graduated_on,
                o.get_status_display(),
                o.employer_label,
                o.job_title,
                o.started_on,
                _("yes") if o.within_six_months else _("no"),
                _("yes") if o.with_placement_partner else _("no"),
            ]
            for o in qs
        ]
        return export_response(headers=headers, rows=rows, filename="graduate-outcomes", fmt=fmt)
    ctx = {
        "page": paginate(request, qs),
        "figure": figure,
        "q": q,
        "f": g,
        "units": units_for(user),
        "programmes": Programme.objects.filter(is_active=True),
        "statuses": OutcomeStatus.choices,
        "rows_visible": is_oil(user) or is_coordinator(user),
        "active_tab": "outcomes",
    }
    return render_page_or_partial(
        request, "placements/outcome_list.html", "placements/_outcome_rows.html", ctx
    )


def _profile_attr(outcome, name):
    profile = getattr(outcome.student, "student_profile", None)
    value = getattr(profile, name, None) if profile else None
    return str(value) if value else ""


@login_required
def outcome_record(request, pk=None):
    """Record a graduate's outcome: the graduate's own (no pk), or a student's by profile."""
    user = request.user
    if pk is None:
        if not is_student(user):
            if can_use_placements(user):
                raise PermissionDenied
            raise Http404
        student = user
    else:
        student = get_profile_for_user(user, pk).user
    if not can_record_outcome_for(user, student):
        raise PermissionDenied
    existing = getattr(student, "graduate_outcome", None)
    if is_oil(user) or is_coordinator(user):
        organisations = organisations_for(user).exclude(status="merged")
    else:
        placed = Placement.objects.filter(student=student).values("organisation_id")
        organisations = organisations_for_placed(placed)
    form = OutcomeForm(request.POST or None, instance=existing, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcomes.outcome_record(student=student, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The graduate's outcome was saved."))
            profile = StudentProfile.objects.filter(user=student).first()
            return redirect(profile or "placements:opening_list")
        if existing is not None:
            existing.refresh_from_db()
    return render(
        request,
        "placements/outcome_form.html",
        {"form": form, "student": student, "active_tab": "outcomes" if pk else "profile"},
    )


def organisations_for_placed(placed):
    """The organisations a graduate was placed at: what the graduate may pick as employer.
    Graduates do not see the partner registry, so this reads only the organisations their
    own placements point to."""
    from jalinan.partners.models import Organisation

    return Organisation.objects.filter(pk__in=placed)
