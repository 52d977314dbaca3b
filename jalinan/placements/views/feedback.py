"""The student's evaluation of the placement (and so of the partner)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import FeedbackForm
from ..permissions import can_give_feedback, get_placement_for_user
from .common import form_errors


@login_required
def feedback(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    if not can_give_feedback(user, placement):
        raise PermissionDenied
    existing = getattr(placement, "student_feedback", None)
    form = FeedbackForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback.feedback_submit(placement=placement, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your evaluation of the placement was saved."))
            return redirect(placement)
        if existing is not None:
            existing.refresh_from_db()
    return render(
        request,
        "placements/feedback_form.html",
        {"form": form, "placement": placement, "active_tab": "placements"},
    )
