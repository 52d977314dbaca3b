"""Pages for placements: the list, one placement with its logbook and evaluations, the
student's feedback, and the industry supervisor's evaluation page (no account: a link)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from . import conf, selectors, services
from .choices import EvaluationStage, LogbookStatus, PlacementStatus
from .forms import EvaluationForm, FeedbackForm, LogbookForm, LogbookReviewForm, PlacementForm
from .models import EvaluationLink, LogbookEntry, Programme
from .permissions import (
    can_change_placement,
    can_give_feedback,
    can_manage_placement,
    can_review_logbook,
    can_send_evaluation_link,
    can_use_placements,
    can_view_evaluations,
    can_view_feedback,
    can_write_logbook,
    get_placement_for_user,
)
from .views import _form_errors


def _enter(user):
    if not can_use_placements(user):
        raise Http404


def _filtered_placements(request, qs):
    g = request.GET
    q = g.get("q", "").strip()
    if q:
        qs = qs.filter(
            Q(student__full_name__icontains=q)
            | Q(organisation__legal_name__icontains=q)
            | Q(application__opening__title__icontains=q)
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
    _enter(user)
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
                p.application.opening.title,
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
    for w in range(1, placement.total_weeks + 1):
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
        "opening": placement.application.opening,
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
            _form_errors(form, exc)
        else:
            messages.success(request, _("The placement was saved."))
            return redirect(placement)
        placement.refresh_from_db()
    return render(
        request,
        "placements/placement_form.html",
        {"form": form, "placement": placement, "active_tab": "placements"},
    )


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
            _form_errors(form, exc)
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


@login_required
@require_POST
def evaluation_link_send(request, pk):
    user = request.user
    placement = get_placement_for_user(user, pk)
    if not can_send_evaluation_link(user, placement):
        raise PermissionDenied
    stage = request.POST.get("stage", "")
    try:
        link, _raw = services.evaluations.evaluation_link_issue(
            placement=placement, stage=stage, by=user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("A link for the %(stage)s was e-mailed to %(email)s.")
            % {"stage": str(link.get_stage_display()).lower(), "email": link.email},
        )
    return redirect(placement.get_absolute_url() + "#evaluations")


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
            _form_errors(form, exc)
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


# -- the industry supervisor's evaluation, by link --------------------------------------------


def _no_leak(response):
    # The token is in the URL: keep it out of other sites' referrers, caches and search
    # engines. (Not "no-referrer": browsers then send "Origin: null" and the form's own POST
    # fails the CSRF origin check.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def evaluate(request, token):
    """The page the e-mailed link opens: no account needed. The link is good for one
    evaluation (this placement, this stage), once, until it expires."""
    link = EvaluationLink.find(token)
    if link is None:
        return _no_leak(
            render(request, "placements/evaluation_invalid.html", {"state": "unknown"}, status=404)
        )
    if not link.is_usable:
        return _no_leak(
            render(
                request,
                "placements/evaluation_invalid.html",
                {"state": link.state, "link": link},
                status=410,
            )
        )
    placement = link.placement
    criteria = services.evaluations.rubric_for(link.stage)
    form = EvaluationForm(
        request.POST or None,
        criteria=criteria,
        initial={"evaluator_name": placement.industry_supervisor_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluations.evaluation_submit(
                link=link,
                scores=form.scores(),
                evaluator_name=form.cleaned_data["evaluator_name"],
                strengths=form.cleaned_data["strengths"],
                improvements=form.cleaned_data["improvements"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return _no_leak(
                render(
                    request,
                    "placements/evaluation_done.html",
                    {"link": link, "placement": placement},
                )
            )
    return _no_leak(
        render(
            request,
            "placements/evaluation_form.html",
            {"form": form, "link": link, "placement": placement},
        )
    )
