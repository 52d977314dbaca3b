"""Pages of spin-off companies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import SpinoffStatus
from ..forms.spinoffs import SpinoffForm
from ..permissions.spinoffs import can_change_spinoff, can_see_spinoffs, get_spinoff_for_user
from .common import export_format


@login_required
def spinoff_list(request):
    user = request.user
    if not can_see_spinoffs(user):
        raise Http404
    qs = selectors.spinoffs.filter_spinoffs(
        selectors.spinoffs.spinoffs_for(user), request.GET
    ).prefetch_related("founders")
    fmt = export_format(request)
    if fmt:
        rows = [
            [
                s.organisation.legal_name,
                s.get_status_display(),
                s.incorporated_on or "",
                s.equity_percent,
                s.licence.reference if s.licence_id else "",
                s.licence.technology.title if s.licence_id else "",
                [f.display_name for f in s.founders.all()]
                + ([s.other_founders] if s.other_founders else []),
            ]
            for s in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Company"),
                _("Status"),
                _("Incorporated on"),
                _("University's equity (%)"),
                _("Licence"),
                _("Technology"),
                _("Founders"),
            ],
            rows=rows,
            filename="spinoffs",
            fmt=fmt,
        )
    ctx = {
        "f": request.GET,
        "page": paginate(request, qs),
        "statuses": SpinoffStatus.choices,
        "can_create": can_change_spinoff(user),
    }
    return render_page_or_partial(
        request, "technologies/spinoffs/list.html", "technologies/spinoffs/_rows.html", ctx
    )


@login_required
def spinoff_create(request):
    user = request.user
    if not can_change_spinoff(user):
        if not can_see_spinoffs(user):
            raise Http404
        raise PermissionDenied
    form = SpinoffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        org = data.pop("organisation", None)
        new_company = data.pop("new_company", "")
        founders = data.pop("founders", [])
        try:
            spinoff = services.spinoffs.spinoff_create(
                by=user,
                organisation=org,
                organisation_fields=None if org else {"legal_name": new_company},
                founders=founders,
                **data,
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
            if hasattr(exc, "error_dict") and "legal_name" in exc.error_dict:
                form.add_error("new_company", exc.error_dict["legal_name"])
        else:
            messages.success(request, _("Spin-off recorded."))
            return redirect(spinoff.get_absolute_url())
    return render(request, "technologies/spinoffs/form.html", {"form": form, "spinoff": None})


@login_required
def spinoff_edit(request, pk):
    spinoff = get_spinoff_for_user(request.user, pk, write=True)
    form = SpinoffForm(request.POST or None, instance=spinoff)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("organisation", None)
        founders = data.pop("founders", [])
        try:
            services.spinoffs.spinoff_update(
                spinoff=spinoff, by=request.user, founders=founders, **data
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Spin-off saved."))
            return redirect(spinoff.get_absolute_url())
    return render(request, "technologies/spinoffs/form.html", {"form": form, "spinoff": spinoff})


@login_required
def spinoff_detail(request, pk):
    user = request.user
    spinoff = get_spinoff_for_user(user, pk)
    from jalinan.partners.permissions import can_view_organisation

    licence = spinoff.licence
    ctx = {
        "spinoff": spinoff,
        "founders": spinoff.founders.all(),
        "licence": licence,
        "licence_visible": bool(licence)
        and selectors.licences.licences_for(user).filter(pk=licence.pk).exists(),
        "org_visible": can_view_organisation(user, spinoff.organisation),
        "can_change": can_change_spinoff(user, spinoff),
        "history": history_for(spinoff)[:20] if can_change_spinoff(user, spinoff) else None,
    }
    return render(request, "technologies/spinoffs/detail.html", ctx)
