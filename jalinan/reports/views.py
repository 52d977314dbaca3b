from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jalinan.accounts.selectors import unit_tree
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pdf import PdfUnavailable

from . import dashboard, documents, registry
from .forms import ReportForm, ScopeForm
from .permissions import can_download, can_see_dashboard, default_unit_id, scope_for

FORMATS = ("pdf", "xlsx", "csv")


def _scope_from_request(request):
    """The scope of the dashboard's filters (GET), and the form showing them. A unit the
    user may not pick answers 404; a year out of range shows the form's error and this
    year's figures."""
    user = request.user
    if not can_see_dashboard(user):
        raise Http404
    tree = unit_tree()
    params = request.GET.copy()
    params.setdefault("year", str(timezone.localdate().year))
    if "unit" not in params and default_unit_id(user):
        params["unit"] = str(default_unit_id(user))
    form = ScopeForm(params, user=user, tree=tree)
    year = unit = None
    if form.is_valid():
        year, unit = form.cleaned_data["year"], form.cleaned_data["unit"]
    elif "unit" in form.errors:
        raise Http404
    else:
        unit = form.fields["unit"].clean(params.get("unit") or None)
    scope = scope_for(user, year=year, unit_id=unit, tree=tree)
    query = f"year={scope.year_to}" + (f"&unit={scope.unit_id}" if scope.unit_id else "")
    return scope, form, query


@login_required
def dashboard_page(request):
    scope, form, query = _scope_from_request(request)
    ctx = {
        "form": form,
        "scope": scope,
        "query": query,
        "sections": dashboard.build(scope),
        "counted_at": dashboard.as_of(scope),
        "unit_name": scope.unit_name(scope.unit_id) if scope.unit_id else "",
        "can_download": any(can_download(request.user, k) for k in documents.REPORTS),
    }
    return render_page_or_partial(request, "reports/dashboard.html", "reports/_dashboard.html", ctx)


@login_required
def chart_csv(request, key):
    scope, _form, _query = _scope_from_request(request)
    chart = registry.chart(key)
    view = dashboard.evaluate_chart(chart, scope) if chart else None
    if view is None:
        raise Http404
    suffix = f"-unit{scope.unit_id}" if scope.unit_id else ""
    return export_response(
        headers=view.table.headers,
        rows=[[dashboard.plain(v) for v in row] for row in view.table.rows],
        filename=f"{key.replace('.', '-')}-{scope.year_to}{suffix}",
        fmt="csv",
    )


def _document_form(request):
    user = request.user
    if not any(can_download(user, k) for k in documents.REPORTS):
        raise Http404
    tree = unit_tree()
    initial = {"year": timezone.localdate().year, "unit": default_unit_id(user)}
    params = None
    if request.GET:
        params = request.GET.copy()
        if "unit" not in params and default_unit_id(user):
            params["unit"] = str(default_unit_id(user))  # a coordinator's own unit
    form = ReportForm(params, user=user, tree=tree, initial=initial)
    doc = None
    if form.is_bound and form.is_valid():
        kind = form.cleaned_data["report"]
        unit = form.cleaned_data["unit"] if kind != "annual" else None
        scope = scope_for(user, year=form.cleaned_data["year"], unit_id=unit, tree=tree)
        doc = documents.build(kind, scope)
    return form, doc


@login_required
def documents_page(request):
    form, doc = _document_form(request)
    return render(
        request,
        "reports/documents.html",
        {"form": form, "doc": doc, "query": request.GET.urlencode(), "formats": FORMATS},
    )


@login_required
def document_download(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form, doc = _document_form(request)
    back = reverse("reports:documents") + "?" + request.GET.urlencode()
    if doc is None:
        return redirect(back)
    if fmt == "csv":
        return documents.csv_response(doc)
    if fmt == "xlsx":
        return documents.xlsx_response(doc)
    try:
        return documents.pdf_response(doc, request)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(back)
