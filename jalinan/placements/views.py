"""Pages for openings, student profiles and applications. Placements, logbooks and
evaluations are in views_placements.py; the coordinators' and the office's pages in
views_office.py."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.roles import is_oil, is_partner_user
from jalinan.agreements.permissions import can_view_memorandum
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.files import file_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.choices import MalaysianState
from jalinan.partners.selectors import organisations_for
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import accepted_goals_for, filter_by_goal

from . import eligibility, selectors, services, workflow
from .choices import (
    ApplicationStatus,
    OpeningKind,
    OpeningStatus,
    ShareableField,
    WorkMode,
)
from .forms import ApplyForm, MoveForm, OpeningForm, ProfileForm, ReviewForm
from .models import Application, Programme, StudentProfile, cv_filename
from .permissions import (
    can_change_opening,
    can_change_profile,
    can_close_opening,
    can_download_cv,
    can_post_opening,
    can_record_outcome_for,
    can_review_opening,
    can_see_applicants,
    can_use_placements,
    get_application_for_user,
    get_opening_for_user,
    get_profile_for_user,
    is_student,
    profile_fields_map,
    visible_profile_fields,
)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _enter(user) -> None:
    """The placements section exists only for its users; others get 404."""
    if not can_use_placements(user):
        raise Http404


# -- openings -------------------------------------------------------------------------------

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
    _enter(user)
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
        _enter(user)
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


def _profile(application):
    return getattr(application.student, "student_profile", None)


def _organisations_for_posting(user):
    return organisations_for(user).exclude(status="merged")


@login_required
def opening_create(request):
    user = request.user
    if not can_post_opening(user):
        _enter(user)
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
            _form_errors(form, exc)
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
            _form_errors(form, exc)
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


# -- applying -------------------------------------------------------------------------------


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
            _form_errors(form, exc)
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


# -- applications ---------------------------------------------------------------------------


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
    _enter(user)
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


# -- student profiles -----------------------------------------------------------------------


@login_required
def my_profile(request):
    user = request.user
    if not is_student(user):
        _enter(user)
        raise PermissionDenied
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is None:
        return redirect("placements:profile_edit")
    return redirect(profile)


@login_required
def profile_edit(request, pk=None):
    user = request.user
    if pk is None:
        if not is_student(user):
            _enter(user)
            raise PermissionDenied
        profile = StudentProfile.objects.filter(user=user).first()
        owner = user
    else:
        profile = get_profile_for_user(user, pk, write=True)
        owner = profile.user
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.profiles.student_profile_save(
                user=owner, by=user, **form.service_fields()
            )
            upload = form.cleaned_data.get("cv_upload")
            if upload:
                services.profiles.student_cv_upload(profile=saved, upload=upload, by=user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your placement profile was saved."))
            return redirect(saved)
    return render(
        request,
        "placements/profile_form.html",
        {"form": form, "profile": profile, "owner": owner, "active_tab": "profile"},
    )


@login_required
def profile_detail(request, pk):
    user = request.user
    profile = get_profile_for_user(user, pk)
    seen = visible_profile_fields(user, profile)
    own = profile.user_id == user.pk
    ctx = {
        "profile": profile,
        "seen": seen,
        "own": own,
        "can_change": can_change_profile(user, profile),
        "can_cv": can_download_cv(user, profile),
        "can_record_outcome": not own and can_record_outcome_for(user, profile.user),
        "outcome": getattr(profile.user, "graduate_outcome", None),
        "applications": selectors.applications.applications_for(user)
        .filter(student_id=profile.user_id)
        .order_by("-created_at")[:20],
        "placements": selectors.placements.placements_for(user).filter(student_id=profile.user_id),
        "shared_labels": [
            label for value, label in ShareableField.choices if value in profile.shared_fields
        ],
        "active_tab": "profile" if own else "",
    }
    return render(request, "placements/profile_detail.html", ctx)


@login_required
@require_POST
def cv_remove(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    services.profiles.student_cv_remove(profile=profile, by=request.user)
    messages.success(request, _("Your CV was removed."))
    return redirect(profile)


@login_required
def cv_download(request, pk):
    profile = get_profile_for_user(request.user, pk)
    if not can_download_cv(request.user, profile):
        raise Http404
    return file_response(profile.cv, filename=cv_filename(profile))
