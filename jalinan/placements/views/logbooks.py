"""The weekly logbook: the student writes a week; the academic supervisor reviews one week
or every week waiting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..choices import LogbookStatus
from ..forms import LogbookForm, LogbookReviewForm
from ..models import LogbookEntry
from ..permissions import can_review_logbook, can_write_logbook, get_placement_for_user
from .common import form_errors


@login_required
def logbook_write(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    if not can_write_logbook(user, placement):
        raise PermissionDenied
    today = timezone.localdate()
    current = placement.current_week(today) if today >= placement.starts_on else 0
    entries = {e.week: e for e in placement.logbook_entries.all()}
    open_weeks = [
        (
            w,
            _("Week %(n)d (from %(date)s)")
            % {"n": w, "date": formats.date_format(placement.week_start(w))},
        )
        for w in range(1, current + 1)
        if w not in entries or entries[w].status != LogbookStatus.REVIEWED
    ]
    week = request.GET.get("week") or request.POST.get("week")
    week = int(week) if str(week).isdigit() else (open_weeks[-1][0] if open_weeks else None)
    entry = entries.get(week) if week else None
    initial = {"week": week}
    if entry is not None:
        initial.update(activities=entry.activities, learning=entry.learning, hours=entry.hours)
    form = LogbookForm(request.POST or None, weeks=open_weeks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.logbooks.logbook_entry_save(placement=placement, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Week %(n)d of your logbook was saved.") % {"n": form.cleaned_data["week"]},
            )
            return redirect(placement)
    return render(
        request,
        "placements/logbook_form.html",
        {
            "form": form,
            "placement": placement,
            "entry": entry,
            "open_weeks": open_weeks,
            "active_tab": "placements",
        },
    )


@login_required
@require_POST
def logbook_review(request, pk):
    user = request.user
    entry = get_object_or_404(LogbookEntry.objects.select_related("placement"), pk=pk)
    placement = get_placement_for_user(user, entry.placement_id)
    if not can_review_logbook(user, placement):
        raise PermissionDenied
    form = LogbookReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the week is reviewed or returned."))
    else:
        try:
            services.logbooks.logbook_entry_review(
                entry=entry,
                by=user,
                approve=form.cleaned_data["decision"] == "reviewed",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Week %(n)d: review saved.") % {"n": entry.week})
    return redirect(placement.get_absolute_url() + f"#week-{entry.week}")


@login_required
@require_POST
def logbook_review_all(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    if not can_review_logbook(user, placement):
        raise PermissionDenied
    n = services.logbooks.logbook_review_all(
        placement=placement, by=user, comment=request.POST.get("comment", "")
    )
    messages.success(request, _("%(n)d week(s) marked as reviewed.") % {"n": n})
    return redirect(placement)
