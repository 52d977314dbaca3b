"""The coordinators' and the office's pages: students still without a placement, overdue
logbooks and evaluations, partners' ratings by students, graduates' outcomes with the
employability figure, and the rubric and programmes."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role, has_role, is_oil
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.selectors import organisations_for

from . import selectors, services
from .choices import EvaluationStage, OutcomeStatus, PlacementStatus
from .forms import OutcomeForm, ProgrammeForm, RubricCriterionForm
from .models import Placement, Programme, RubricCriterion, StudentProfile
from .permissions import (
    can_manage_settings,
    can_record_outcome_for,
    can_see_outcomes,
    can_see_overview,
    can_use_placements,
    get_profile_for_user,
    is_coordinator,
    is_student,
    unit_ids,
)
from .views import _form_errors


def _overview_only(user):
    if not can_see_overview(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404


def _units_for(user):
    qs = Unit.objects.filter(is_active=True)
    if not (is_oil(user) or has_role(user, Role.MANAGEMENT)):
        qs = qs.filter(pk__in=unit_ids(user))
    return qs


def _paginate_list(request, items):
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.querystring = params.urlencode()
    return page


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _profile_filters(request, qs):
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(user__full_name__icontains=q)
            | Q(user__email__icontains=q)
            | Q(user__staff_id__icontains=q)
        )
    if g.get("unit", "").isdigit():
        qs = qs.filter(kulliyyah_id=int(g["unit"]))
    if g.get("programme", "").isdigit():
        qs = qs.filter(programme_id=int(g["programme"]))
    if g.get("year", "").isdigit():
        qs = qs.filter(year_of_study=int(g["year"]))
    start, end = _date(g.get("from")), _date(g.get("to"))
    if start:
        qs = qs.filter(training_to__gte=start)
    if end:
        qs = qs.filter(training_from__lte=end)
    return qs, q


def _summary(user):
    active = selectors.placements.placements_for(user).filter(status=PlacementStatus.ACTIVE)
    if not is_oil(user):
        active = active.filter(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return {
        "needing_count": selectors.overview.students_needing_placement(user).count(),
        "active_count": active.count(),
        "overdue_count": len(selectors.overview.overdue_items(user)),
    }


@login_required
def overview(request):
    """Students still needing a placement for the coming period (their required training
    period has not ended and no placement overlaps it)."""
    user = request.user
    _overview_only(user)
    qs, q = _profile_filters(request, selectors.overview.students_needing_placement(user))
    fmt = request.GET.get("export")
    if fmt:
        headers = [
            _("Student"),
            _("E-mail"),
            _("Matric number"),
            _("Programme"),
            _("Kulliyyah"),
            _("Year"),
            _("Training from"),
            _("Training to"),
            _("Weeks required"),
            _("Open applications"),
            _("Offers"),
        ]
        rows = [
            [
                p.user.full_name,
                p.user.email,
                p.user.staff_id,
                p.programme.name if p.programme else "",
                p.kulliyyah.name if p.kulliyyah else "",
                p.year_of_study,
                p.training_from,
                p.training_to,
                p.training_weeks,
                p.open_applications,
                p.offers,
            ]
            for p in qs
        ]
        return export_response(
            headers=headers, rows=rows, filename="students-without-placement", fmt=fmt
        )
    ctx = {
        "page": paginate(request, qs),
        "q": q,
        "f": request.GET,
        "units": _units_for(user),
        "programmes": Programme.objects.filter(is_active=True),
        "summary": _summary(user),
        "overview_tab": "needing",
        "active_tab": "overview",
    }
    return render_page_or_partial(
        request, "placements/overview_needing.html", "placements/_needing_rows.html", ctx
    )


@login_required
def overdue(request):
    user = request.user
    _overview_only(user)
    items = selectors.overview.overdue_items(user)
    g = request.GET
    q = g.get("q", "").strip().lower()
    if q:
        items = [
            i
            for i in items
            if q in i.placement.student.full_name.lower()
            or q in i.placement.organisation.legal_name.lower()
        ]
    if g.get("what") in ("logbook", *EvaluationStage.values):
        items = [i for i in items if i.what == g["what"]]
    if g.get("unit", "").isdigit():
        unit = int(g["unit"])
        items = [i for i in items if _kulliyyah_id(i.placement) == unit]
    if g.get("programme", "").isdigit():
        programme = int(g["programme"])
        items = [i for i in items if _programme_id(i.placement) == programme]
    labels = {"logbook": _("Logbook"), **dict(EvaluationStage.choices)}
    for i in items:
        i.label = labels[i.what]
    fmt = g.get("export")
    if fmt:
        headers = [
            _("Student"),
            _("Organisation"),
            _("Overdue"),
            _("Details"),
            _("Academic supervisor"),
            _("Industry supervisor"),
            _("Ends"),
        ]
        rows = [
            [
                i.placement.student.full_name,
                i.placement.organisation.legal_name,
                i.label,
                _("weeks %(w)s") % {"w": ", ".join(map(str, i.detail))}
                if i.detail
                else _("due %(d)s") % {"d": i.due_on},
                i.placement.academic_supervisor.display_name
                if i.placement.academic_supervisor
                else "",
                i.placement.industry_supervisor_email,
                i.placement.ends_on,
            ]
            for i in items
        ]
        return export_response(headers=headers, rows=rows, filename="overdue", fmt=fmt)
    ctx = {
        "page": _paginate_list(request, items),
        "q": g.get("q", ""),
        "f": g,
        "whats": [("logbook", _("Logbook")), *EvaluationStage.choices],
        "units": _units_for(user),
        "programmes": Programme.objects.filter(is_active=True),
        "summary": _summary(user),
        "overview_tab": "overdue",
        "active_tab": "overview",
    }
    return render_page_or_partial(
        request, "placements/overview_overdue.html", "placements/_overdue_rows.html", ctx
    )


def _kulliyyah_id(p):
    profile = getattr(p.student, "student_profile", None)
    return profile.kulliyyah_id if profile else None


def _programme_id(p):
    profile = getattr(p.student, "student_profile", None)
    return profile.programme_id if profile else None


@login_required
def ratings(request):
    user = request.user
    _overview_only(user)
    qs = selectors.overview.partner_ratings(user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(placement__organisation__legal_name__icontains=q)
    if request.GET.get("min", "").isdigit():
        qs = qs.filter(ratings__gte=int(request.GET["min"]))
    fmt = request.GET.get("export")
    if fmt:
        headers = [
            _("Organisation"),
            _("Ratings"),
            _("Average rating"),
            _("Supervision"),
            _("Learning"),
            _("Would recommend"),
        ]
        rows = [
            [
                r["placement__organisation__legal_name"],
                r["ratings"],
                round(r["average"], 2),
                round(r["supervision"], 2),
                round(r["learning"], 2),
                r["recommend"],
            ]
            for r in qs
        ]
        return export_response(headers=headers, rows=rows, filename="partner-ratings", fmt=fmt)
    ctx = {
        "page": paginate(request, qs),
        "q": q,
        "f": request.GET,
        "summary": _summary(user),
        "overview_tab": "ratings",
        "active_tab": "overview",
    }
    return render_page_or_partial(
        request, "placements/overview_ratings.html", "placements/_rating_rows.html", ctx
    )


# -- outcomes -------------------------------------------------------------------------------


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
        "units": _units_for(user),
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
            _form_errors(form, exc)
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


# -- the rubric and programmes --------------------------------------------------------------


def _settings_only(user):
    if not can_manage_settings(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404


@login_required
def rubric_list(request):
    _settings_only(request.user)
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
    _settings_only(user)
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
            _form_errors(form, exc)
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


@login_required
def programme_list(request):
    _settings_only(request.user)
    qs = Programme.objects.select_related("unit")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(unit__name__icontains=q))
    fmt = request.GET.get("export")
    if fmt:
        rows = [
            [p.code, p.name, p.name_ms, p.get_level_display(), p.unit.name, p.is_active] for p in qs
        ]
        headers = [
            _("Code"),
            _("Name"),
            _("Name in Malay"),
            _("Level"),
            _("Kulliyyah"),
            _("Active"),
        ]
        return export_response(headers=headers, rows=rows, filename="programmes", fmt=fmt)
    return render(
        request,
        "placements/programme_list.html",
        {
            "page": paginate(request, qs),
            "q": q,
            "settings_tab": "programmes",
            "active_tab": "settings",
        },
    )


@login_required
def programme_edit(request, pk=None):
    user = request.user
    _settings_only(user)
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                services.programmes.programme_create(by=user, **form.cleaned_data)
            else:
                services.programmes.programme_update(
                    programme=programme, by=user, **form.cleaned_data
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("placements:programme_list")
    return render(
        request,
        "placements/settings_form.html",
        {
            "form": form,
            "title": _("Edit programme") if programme else _("New programme"),
            "back": "placements:programme_list",
            "settings_tab": "programmes",
            "active_tab": "settings",
        },
    )
