"""Pages of the IP portfolio and its deadlines."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import AssetKind, AssetStatus, DeadlineKind, IPOffice
from ..forms.assets import AssetForm, DeadlineForm
from ..permissions.assets import (
    can_change_asset,
    can_create_asset,
    can_see_portfolio,
    get_asset_for_user,
    get_deadline_for_user,
)
from ..permissions.common import is_ip_staff
from ..permissions.disclosures import get_disclosure_for_user


@login_required
def asset_list(request):
    user = request.user
    if not can_see_portfolio(user):
        raise Http404
    qs = selectors.assets.asset_rows(
        selectors.assets.filter_assets(selectors.assets.assets_for(user), request.GET)
    )
    fmt = request.GET.get("export")
    if fmt:
        return _export_assets(qs, fmt)
    ctx = {
        "page": paginate(request, qs),
        "f": request.GET,
        "kinds": AssetKind.choices,
        "asset_statuses": AssetStatus.choices,
        "offices": IPOffice.choices,
        "units": Unit.objects.filter(is_active=True),
        "can_create": can_create_asset(user),
        "today": timezone.localdate(),
    }
    return render_page_or_partial(
        request, "technologies/assets/list.html", "technologies/assets/_rows.html", ctx
    )


def _export_assets(qs, fmt):
    rows = [
        [
            a.reference,
            a.get_kind_display(),
            a.title,
            a.get_office_display() if a.office else "",
            a.application_number,
            a.filing_date,
            a.priority_date,
            a.get_status_display(),
            a.granted_on,
            a.grant_number,
            a.unit.name if a.unit else "",
            a.disclosure.reference if a.disclosure else "",
            a.next_due,
        ]
        for a in qs[:50000]
    ]
    return export_response(
        headers=[
            _("Reference"),
            _("Kind"),
            _("Title"),
            _("Office"),
            _("Application number"),
            _("Filing date"),
            _("Priority date"),
            _("Status"),
            _("Granted on"),
            _("Grant / registration number"),
            _("KCDIO"),
            _("Disclosure"),
            _("Next deadline"),
        ],
        rows=rows,
        filename="ip-portfolio",
        fmt=fmt,
    )


@login_required
def asset_detail(request, pk):
    user = request.user
    asset = get_asset_for_user(user, pk)
    today = timezone.localdate()
    deadlines = list(asset.deadlines.select_related("done_by"))
    for d in deadlines:
        d.days_left = (d.due_date - today).days
        d.days_overdue = -d.days_left
    root = asset.family or asset
    family = [root, *root.family_members.order_by("filing_date", "pk")]
    can_change = can_change_asset(user, asset)
    ctx = {
        "asset": asset,
        "deadlines": deadlines,
        "family": family if len(family) > 1 else [],
        "root": root,
        "can_change": can_change,
        "deadline_form": DeadlineForm() if can_change else None,
        "disclosure_visible": asset.disclosure is not None,
        "history": history_for(asset)[:30] if is_ip_staff(user) else None,
        "today": today,
    }
    return render(request, "technologies/assets/detail.html", ctx)


@login_required
def asset_create(request):
    user = request.user
    if not can_create_asset(user):
        raise Http404
    initial = {}
    disclosure = None
    raw = request.GET.get("disclosure", "")
    if raw.isdigit():
        disclosure = get_disclosure_for_user(user, int(raw))
        initial = {
            "disclosure": disclosure.pk,
            "title": disclosure.title,
            "unit": disclosure.unit_id,
            "kind": AssetKind.PATENT,
        }
    form = AssetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            asset = services.assets.asset_create(
                by=user, disclosure=form.cleaned_data.get("disclosure"), **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The IP asset was recorded and its deadlines computed."))
            return redirect(asset)
    return render(request, "technologies/assets/form.html", {"form": form, "asset": None})


@login_required
def asset_update(request, pk):
    user = request.user
    asset = get_asset_for_user(user, pk, write=True)
    form = AssetForm(request.POST or None, instance=asset)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if form.cleaned_data.get("disclosure") != asset.disclosure:
                raise ValidationError(
                    {"disclosure": _("The disclosure of an asset cannot be changed here.")}
                )
            saved = services.assets.asset_update(asset=asset, by=user, **fields)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved; the deadlines follow them."))
            return redirect(saved)
    if request.method == "POST":
        asset.refresh_from_db()
    return render(request, "technologies/assets/form.html", {"form": form, "asset": asset})


@login_required
def deadline_add(request, pk):
    user = request.user
    asset = get_asset_for_user(user, pk, write=True)
    form = DeadlineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assets.deadline_add(asset=asset, by=user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The deadline was added."))
            return redirect(asset)
    return render(request, "technologies/assets/deadline_form.html", {"form": form, "asset": asset})


@login_required
@require_POST
def deadline_done(request, pk):
    deadline = get_deadline_for_user(request.user, pk, write=True)
    raw = request.POST.get("done_on", "")
    try:
        done_on = datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        done_on = None
    services.assets.deadline_done(deadline=deadline, by=request.user, done_on=done_on)
    messages.success(request, _("The deadline was marked done."))
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(deadline.asset)


@login_required
@require_POST
def deadline_reopen(request, pk):
    deadline = get_deadline_for_user(request.user, pk, write=True)
    services.assets.deadline_reopen(deadline=deadline, by=request.user)
    messages.success(request, _("The deadline is open again."))
    return redirect(deadline.asset)


@login_required
def deadline_list(request):
    """Upcoming IP deadlines (the next 180 days by default, and any overdue)."""
    user = request.user
    if not can_see_portfolio(user):
        raise Http404
    try:
        days = max(0, min(int(request.GET.get("days", 180)), 3650))
    except ValueError:
        days = 180
    today = timezone.localdate()
    qs = selectors.assets.upcoming_deadlines(user, today=today, days=days)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    fmt = request.GET.get("export")
    if fmt:
        rows = [
            [
                d.due_date,
                (d.due_date - today).days,
                d.get_kind_display(),
                d.asset.reference,
                d.asset.application_number,
                d.asset.get_office_display() if d.asset.office else "",
                d.asset.title,
                d.asset.unit.name if d.asset.unit else "",
                d.explanation,
            ]
            for d in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Due date"),
                _("Days left"),
                _("Deadline"),
                _("Reference"),
                _("Application number"),
                _("Office"),
                _("Title"),
                _("KCDIO"),
                _("Description"),
            ],
            rows=rows,
            filename="ip-deadlines",
            fmt=fmt,
        )
    page = paginate(request, qs)
    for d in page.object_list:
        d.days_left = (d.due_date - today).days
        d.days_overdue = -d.days_left
    ctx = {
        "page": page,
        "days": days,
        "f": request.GET,
        "deadline_kinds": DeadlineKind.choices,
        "can_change": can_change_asset(user),
        "today": today,
    }
    return render_page_or_partial(
        request,
        "technologies/assets/deadlines.html",
        "technologies/assets/_deadline_rows.html",
        ctx,
    )
