"""The office's programmes of study."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jalinan.core.exports import export_response
from jalinan.core.pagination import paginate

from .. import services
from ..forms import ProgrammeForm
from ..models import Programme
from .common import form_errors, settings_only


@login_required
def programme_list(request):
    settings_only(request.user)
    qs = Programme.objects.select_related("unit")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(unit__name__icontains=q))
    fmt = request.GET.get("export")
    if fmt:
        rows = [
            [p.code, p.name, p.name_ms, p.get_level_display(), p.unit.name, p.is_active] for p in qs
        ]
        headers = [
            _("Code"),
            _("Name"),
            _("Name in Malay"),
            _("Level"),
            _("Kulliyyah"),
            _("Active"),
        ]
        return export_response(headers=headers, rows=rows, filename="programmes", fmt=fmt)
    return render(
        request,
        "placements/programme_list.html",
        {
            "page": paginate(request, qs),
            "q": q,
            "settings_tab": "programmes",
            "active_tab": "settings",
        },
    )


@login_required
def programme_edit(request, pk=None):
    user = request.user
    settings_only(user)
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            if programme is None:
                services.programmes.programme_create(by=user, **form.cleaned_data)
            else:
                services.programmes.programme_update(
                    programme=programme, by=user, **form.cleaned_data
                )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("placements:programme_list")
    return render(
        request,
        "placements/settings_form.html",
        {
            "form": form,
            "title": _("Edit programme") if programme else _("New programme"),
            "back": "placements:programme_list",
            "settings_tab": "programmes",
            "active_tab": "settings",
        },
    )
