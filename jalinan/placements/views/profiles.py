"""Students' placement profiles and their CVs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.files import file_response

from .. import selectors, services
from ..choices import ShareableField
from ..forms import ProfileForm
from ..models import StudentProfile, cv_filename
from ..permissions import (
    can_change_profile,
    can_download_cv,
    can_record_outcome_for,
    get_profile_for_user,
    is_student,
    visible_profile_fields,
)
from .common import enter_section, form_errors


@login_required
def my_profile(request):
    user = request.user
    if not is_student(user):
        enter_section(user)
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
            enter_section(user)
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
            form_errors(form, exc)
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
