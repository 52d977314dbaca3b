"""The coordinators' and the office's overview: students still without a placement, overdue
logbooks and evaluations, partners' ratings by students."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil, unit_ids
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors
from ..choices import EvaluationStage, PlacementStatus
from ..models import Programme
from ..permissions import can_see_overview, can_use_placements
from .common import units_for


def _overview_only(user):
    if not can_see_overview(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404


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
        "units": units_for(user),
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
        "units": units_for(user),
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
