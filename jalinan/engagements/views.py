import calendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_staff_member
from jalinan.agreements.selectors import memoranda_for
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.files import file_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.selectors import organisations_for
from jalinan.sdgs.goals import GOAL_CHOICES

from . import selectors, services
from .choices import ActivityType
from .forms import ActivityForm, AttachmentForm
from .permissions import (
    can_change_activity,
    can_create_activity,
    can_see_activities,
    can_see_students,
    get_activity_for_user,
    get_attachment_for_user,
)


def _need_access(user):
    if not can_see_activities(user):
        raise Http404


def _filter_context(request):
    user = request.user
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "types": ActivityType.choices,
        "partners": organisations_for(user)
        .select_related(None)
        .only("pk", "legal_name")
        .order_by("legal_name"),
        "units": Unit.objects.filter(is_active=True),
        "goals": GOAL_CHOICES,
        "can_create": can_create_activity(user),
    }


@login_required
def activity_list(request):
    user = request.user
    _need_access(user)
    qs = selectors.filter_activities(selectors.activities_for(user), request.GET, user=user)
    fmt = request.GET.get("export")
    if fmt:
        return _export(request, selectors.list_rows(qs), fmt)
    page = paginate(request, selectors.list_rows(qs))
    visible_memos = set(
        memoranda_for(user)
        .filter(activities__in=[a.pk for a in page.object_list])
        .values_list("pk", flat=True)
    )
    for a in page.object_list:
        a.visible_memoranda = [m for m in a.memoranda.all() if m.pk in visible_memos]
    memo = request.GET.get("memorandum", "")
    ctx = {
        **_filter_context(request),
        "page": page,
        "memo_filter": memoranda_for(user).filter(pk=int(memo)).first() if memo.isdigit() else None,
    }
    return render_page_or_partial(request, "engagements/list.html", "engagements/_rows.html", ctx)


def _export(request, qs, fmt):
    user = request.user
    rows = list(qs[:50000])
    visible_memos = set(
        memoranda_for(user).filter(activities__in=[a.pk for a in rows]).values_list("pk", flat=True)
    )
    data = [
        [
            a.date,
            a.get_activity_type_display(),
            a.title,
            [o.legal_name for o in a.organisations.all()],
            [m.reference for m in a.memoranda.all() if m.pk in visible_memos],
            a.unit.name if a.unit else "",
            a.location,
            a.outcome,
        ]
        for a in rows
    ]
    return export_response(
        headers=[
            _("Date"),
            _("Type"),
            _("Title"),
            _("Partners"),
            _("Memoranda"),
            _("KCDIO"),
            _("Location"),
            _("Outcome"),
        ],
        rows=data,
        filename="activities",
        fmt=fmt,
    )


def _month(request) -> datetime.date:
    raw = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return timezone.localdate().replace(day=1)


@login_required
def activity_calendar(request):
    user = request.user
    _need_access(user)
    first = _month(request)
    by_day: dict = {}
    for a in selectors.month_activities(user, first, request.GET).prefetch_related("organisations"):
        by_day.setdefault(a.date, []).append(a)
    cal = calendar.Calendar(firstweekday=0)
    weeks = [
        [(day, day.month == first.month, by_day.get(day, [])) for day in week]
        for week in cal.monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    params = request.GET.copy()
    params.pop("month", None)
    ctx = {
        **_filter_context(request),
        "month": first,
        "weeks": weeks,
        "weekdays": [calendar.day_abbr[i] for i in range(7)],
        "prev_month": prev_month,
        "next_month": next_month,
        "querystring": params.urlencode(),
        "today": timezone.localdate(),
        "count": sum(len(v) for v in by_day.values()),
    }
    return render(request, "engagements/calendar.html", ctx)


@login_required
def activity_detail(request, pk):
    user = request.user
    activity = get_activity_for_user(user, pk)
    can_change = can_change_activity(user, activity)
    staff_view = is_staff_member(user)
    attachments = activity.attachments.all()
    if not staff_view:
        attachments = attachments.filter(is_internal=False)
    ctx = {
        "activity": activity,
        "organisations": activity.organisations.all(),
        "memoranda": memoranda_for(user).filter(activities=activity).select_related("memo_type"),
        "deliverables": activity.deliverables.filter(
            memorandum__in=memoranda_for(user)
        ).select_related("memorandum"),
        "staff": activity.staff.all(),
        "students": activity.students.all() if can_see_students(user, activity) else None,
        "student_count": activity.students.count(),
        "attachments": attachments,
        "can_change": can_change,
        "history": history_for(activity)[:30] if can_change else None,
    }
    return render(request, "engagements/detail.html", ctx)


@login_required
def activity_create(request):
    user = request.user
    if not can_create_activity(user):
        _need_access(user)
        raise PermissionDenied
    initial = {"date": timezone.localdate(), "unit": user.unit_id, "staff": [user.pk]}
    memo_id = request.GET.get("memorandum", "")
    if memo_id.isdigit():
        memo = memoranda_for(user).filter(pk=int(memo_id)).first()
        if memo is not None:
            initial["memoranda"] = [memo.pk]
            initial["organisations"] = list(memo.parties.values_list("organisation_id", flat=True))
    org_id = request.GET.get("organisation", "")
    if org_id.isdigit():
        initial["organisations"] = [int(org_id)]
    form = ActivityForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(by=user, **form.service_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The activity was logged."))
            return redirect(activity)
    return render(request, "engagements/form.html", {"form": form, "activity": None})


@login_required
def activity_update(request, pk):
    activity = get_activity_for_user(request.user, pk, write=True)
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_update(
                activity=activity, by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        activity.refresh_from_db()
    return render(request, "engagements/form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_delete(request, pk):
    activity = get_activity_for_user(request.user, pk, write=True)
    services.activity_delete(activity=activity, by=request.user)
    messages.success(request, _("The activity was deleted."))
    return redirect("engagements:activity_list")


@login_required
def attachment_add(request, pk):
    activity = get_activity_for_user(request.user, pk, write=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                activity=activity,
                by=request.user,
                upload=form.cleaned_data["upload"],
                is_internal=form.cleaned_data["is_internal"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(activity)
    return render(request, "engagements/attachment_form.html", {"form": form, "activity": activity})


@login_required
def attachment_download(request, pk):
    attachment = get_attachment_for_user(request.user, pk)
    return file_response(attachment.file, filename=attachment.original_name)


@login_required
@require_POST
def attachment_delete(request, pk):
    attachment = get_attachment_for_user(request.user, pk)
    activity = attachment.activity
    if not can_change_activity(request.user, activity):
        raise PermissionDenied
    services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("The file was removed."))
    return redirect(activity)
