"""Applications: applying to an opening, the list (and its export), one application, and
moving it along workflow.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import eligibility, selectors, services, workflow
from ..choices import ApplicationStatus, OpeningKind, ShareableField
from ..forms import ApplyForm, MoveForm
from ..models import Programme, StudentProfile
from ..permissions import (
    can_download_cv,
    get_application_for_user,
    get_opening_for_user,
    is_student,
    profile_fields_map,
    visible_profile_fields,
)
from .common import enter_section, form_errors


@login_required
def application_create(request, pk):
    user = request.user
    opening = get_opening_for_user(user, pk)
    if not is_student(user):
        raise PermissionDenied
    profile = StudentProfile.objects.filter(user=user).select_related("programme").first()
    problems = eligibility.problems(opening, user, profile)
    form = ApplyForm(
        request.POST or None,
        organisation=opening.organisation.legal_name,
        initial={"consent_to_share": bool(profile and profile.consent_to_share)},
    )
    if request.method == "POST" and not problems and form.is_valid():
        try:
            application = services.applications.application_submit(
                opening=opening,
                student=user,
                cover_note=form.cleaned_data["cover_note"],
                consent_to_share=form.cleaned_data["consent_to_share"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Your application was sent to %(org)s.")
                % {"org": opening.organisation.legal_name},
            )
            return redirect(application)
    shared = [
        label
        for value, label in ShareableField.choices
        if profile and value in profile.shared_fields
    ]
    return render(
        request,
        "placements/application_form.html",
        {
            "form": form,
            "opening": opening,
            "problems": problems,
            "profile": profile,
            "shared": shared,
            "active_tab": "eligible",
        },
    )


def _filtered_applications(request, qs):
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(student__full_name__icontains=q)
            | Q(opening__title__icontains=q)
            | Q(opening__organisation__legal_name__icontains=q)
        )
    if g.get("status") in ApplicationStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("opening", "").isdigit():
        qs = qs.filter(opening_id=int(g["opening"]))
    if g.get("kind") in OpeningKind.values:
        qs = qs.filter(opening__kind=g["kind"])
    if g.get("programme", "").isdigit():
        qs = qs.filter(student__student_profile__programme_id=int(g["programme"]))
    sort = {"oldest": ("created_at", "pk"), "updated": ("-updated_at", "-pk")}.get(
        g.get("sort", ""), ("-created_at", "-pk")
    )
    return qs.order_by(*sort), q


@login_required
def application_list(request):
    user = request.user
    enter_section(user)
    qs, q = _filtered_applications(request, selectors.applications.applications_for(user))
    fmt = request.GET.get("export")
    if fmt:
        return _application_export(user, qs, fmt)
    page = paginate(request, qs)
    fields = profile_fields_map(user, [a.student.student_profile for a in page if _profile(a)])
    for a in page:
        a.visible = fields.get(a.student_id, frozenset())
    ctx = {
        "page": page,
        "q": q,
        "f": request.GET,
        "statuses": ApplicationStatus.choices,
        "kinds": OpeningKind.choices,
        "programmes": Programme.objects.filter(is_active=True),
        "active_tab": "applications",
    }
    return render_page_or_partial(
        request, "placements/application_list.html", "placements/_application_rows.html", ctx
    )


def _application_export(user, qs, fmt):
    rows = list(qs)
    fields = profile_fields_map(user, [a.student.student_profile for a in rows if _profile(a)])
    headers = [
        _("Id"),
        _("Student"),
        _("E-mail"),
        _("Programme"),
        _("Year"),
        _("CGPA"),
        _("Opening"),
        _("Organisation"),
        _("Status"),
        _("Applied"),
        _("Consent to share"),
    ]
    out = []
    for a in rows:
        seen = fields.get(a.student_id, frozenset())
        p = _profile(a)
        out.append(
            [
                a.pk,
                a.student.full_name,
                a.student.email if ShareableField.EMAIL in seen else "",
                p.programme.name if p and p.programme and ShareableField.PROGRAMME in seen else "",
                p.year_of_study if p and ShareableField.YEAR in seen else "",
                p.cgpa if p and p.cgpa is not None and ShareableField.CGPA in seen else "",
                a.opening.title,
                a.opening.organisation.legal_name,
                a.get_status_display(),
                timezone.localtime(a.created_at).date(),
                _("yes") if a.consent_to_share else _("no"),
            ]
        )
    return export_response(headers=headers, rows=out, filename="applications", fmt=fmt)


@login_required
def application_detail(request, pk):
    user = request.user
    application = get_application_for_user(user, pk)
    profile = _profile(application)
    seen = visible_profile_fields(user, profile) if profile else frozenset()
    moves = workflow.moves_for(user, application)
    ctx = {
        "application": application,
        "opening": application.opening,
        "profile": profile,
        "seen": seen,
        "can_cv": bool(profile and can_download_cv(user, profile)),
        "moves": moves,
        "move_form": MoveForm(),
        "offers_interview": any(m.target == ApplicationStatus.INTERVIEW for m in moves),
        "is_applicant": application.student_id == user.pk,
        "placement": getattr(application, "placement", None)
        if application.status == ApplicationStatus.ACCEPTED
        else None,
        # The office only: the entries name the people who acted (students' e-mail too).
        "history": history_for(application)[:30] if is_oil(user) else None,
        "active_tab": "applications",
    }
    return render(request, "placements/application_detail.html", ctx)


@login_required
@require_POST
def application_move(request, pk):
    user = request.user
    application = get_application_for_user(user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the application."))
        return redirect(application)
    target = form.cleaned_data["to"]
    if not workflow.can_move(user, application, target):
        raise PermissionDenied
    try:
        services.applications.application_move(
            application=application,
            to=target,
            by=user,
            note=form.cleaned_data["note"],
            interview_at=form.cleaned_data.get("interview_at"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The application is now “%(status)s”.") % {"status": ApplicationStatus(target).label},
        )
        if target == ApplicationStatus.ACCEPTED:
            application.refresh_from_db()
            return redirect(application.placement)
    return redirect(application)


def _profile(application):
    return getattr(application.student, "student_profile", None)
