"""Placements: the list (and its export), one placement with its logbook and evaluations,
and changing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.models import Unit
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import conf, selectors, services
from ..choices import EvaluationStage, LogbookStatus, PlacementStatus
from ..forms import LogbookReviewForm, PlacementForm
from ..models import Programme
from ..permissions import (
    can_change_placement,
    can_give_feedback,
    can_manage_placement,
    can_review_logbook,
    can_send_evaluation_link,
    can_view_evaluations,
    can_view_feedback,
    can_write_logbook,
    get_placement_for_user,
)
from .common import enter_section, form_errors


def _filtered_placements(request, qs):
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(student__full_name__icontains=q)
            | Q(organisation__legal_name__icontains=q)
            | Q(application__opening__title__icontains=q)
            | Q(reference__icontains=q)
            | Q(industry_supervisor_name__icontains=q)
        )
    if g.get("status") in PlacementStatus.values:
        qs = qs.filter(status=g["status"])
    if g.get("unit", "").isdigit():
        qs = qs.filter(student__student_profile__kulliyyah_id=int(g["unit"]))
    if g.get("programme", "").isdigit():
        qs = qs.filter(student__student_profile__programme_id=int(g["programme"]))
    if g.get("supervisor") == "me":
        qs = qs.filter(academic_supervisor=request.user)
    if g.get("supervisor") == "none":
        qs = qs.filter(academic_supervisor__isnull=True)
    sort = {"ends": ("ends_on", "pk"), "student": ("student__full_name", "pk")}.get(
        g.get("sort", ""), ("-starts_on", "-pk")
    )
    return qs.order_by(*sort), q


@login_required
def placement_list(request):
    user = request.user
    enter_section(user)
    qs, q = _filtered_placements(request, selectors.placements.placements_for(user))
    qs = qs.annotate(entry_count=Count("logbook_entries", distinct=True))
    fmt = request.GET.get("export")
    if fmt:
        headers = [
            _("Id"),
            _("Student"),
            _("Programme"),
            _("Kulliyyah"),
            _("Organisation"),
            _("Opening"),
            _("Kind"),
            _("Office reference"),
            _("Starts"),
            _("Ends"),
            _("Status"),
            _("Industry supervisor"),
            _("Academic supervisor"),
            _("Logbook entries"),
        ]
        rows = [
            [
                p.pk,
                p.student.full_name,
                _programme(p),
                _kulliyyah(p),
                p.organisation.legal_name,
                p.opening.title if p.opening else "",
                p.get_kind_display(),
                p.reference,
                p.starts_on,
                p.ends_on,
                p.get_status_display(),
                p.industry_supervisor_name,
                p.academic_supervisor.display_name if p.academic_supervisor else "",
                p.entry_count,
            ]
            for p in qs
        ]
        return export_response(headers=headers, rows=rows, filename="placements", fmt=fmt)
    ctx = {
        "page": paginate(request, qs),
        "q": q,
        "f": request.GET,
        "statuses": PlacementStatus.choices,
        "units": Unit.objects.filter(is_active=True, kind=Unit.Kind.KULLIYYAH),
        "programmes": Programme.objects.filter(is_active=True),
        "active_tab": "placements",
    }
    return render_page_or_partial(
        request, "placements/placement_list.html", "placements/_placement_rows.html", ctx
    )


def _programme(p):
    profile = getattr(p.student, "student_profile", None)
    return profile.programme.name if profile and profile.programme else ""


def _kulliyyah(p):
    profile = getattr(p.student, "student_profile", None)
    return profile.kulliyyah.name if profile and profile.kulliyyah else ""


@login_required
def placement_detail(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    today = timezone.localdate()
    entries = {e.week: e for e in placement.logbook_entries.select_related("reviewed_by")}
    due = placement.weeks_due(today, conf.logbook_grace_days())
    current = placement.current_week(today) if today >= placement.starts_on else 0
    weeks = []
    # A placement recorded from the office's register kept its logbook outside Jalinan.
    kept_here = not placement.is_recorded or bool(entries)
    for w in range(1, (placement.total_weeks if kept_here else 0) + 1):
        weeks.append(
            {
                "week": w,
                "starts": placement.week_start(w),
                "entry": entries.get(w),
                "overdue": w <= due and w not in entries,
                "open": w <= current,
            }
        )
    see_evaluations = can_view_evaluations(user, placement)
    evaluations = {e.stage: e for e in placement.evaluations.all()}
    links = {}
    for link in placement.evaluation_links.order_by("-created_at"):
        links.setdefault(link.stage, link)
    stages = [
        {
            "stage": stage,
            "label": label,
            "due_on": placement.evaluation_due_on(stage),
            "evaluation": evaluations.get(stage),
            "link": links.get(stage),
        }
        for stage, label in EvaluationStage.choices
    ]
    feedback = getattr(placement, "student_feedback", None)
    ctx = {
        "placement": placement,
        "opening": placement.opening,
        "weeks": weeks,
        "entry_count": len(entries),
        "waiting_count": sum(1 for e in entries.values() if e.status == LogbookStatus.SUBMITTED),
        "stages": stages,
        "see_evaluations": see_evaluations,
        "can_change": can_change_placement(user, placement),
        "can_manage": can_manage_placement(user, placement),
        "can_write": can_write_logbook(user, placement),
        "can_review": can_review_logbook(user, placement),
        "can_send_link": can_send_evaluation_link(user, placement),
        "can_feedback": can_give_feedback(user, placement),
        "feedback": feedback if can_view_feedback(user, placement) else None,
        "review_form": LogbookReviewForm(),
        "is_student": placement.student_id == user.pk,
        "history": history_for(placement)[:30] if can_manage_placement(user, placement) else None,
        "active_tab": "placements",
    }
    return render(request, "placements/placement_detail.html", ctx)


@login_required
def placement_update(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk, write=True)
    manage = can_manage_placement(user, placement)
    form = PlacementForm(request.POST or None, instance=placement, manage=manage)
    if request.method == "POST" and form.is_valid():
        try:
            services.placements.placement_update(placement=placement, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The placement was saved."))
            return redirect(placement)
        placement.refresh_from_db()
    return render(
        request,
        "placements/placement_form.html",
        {"form": form, "placement": placement, "active_tab": "placements"},
    )
