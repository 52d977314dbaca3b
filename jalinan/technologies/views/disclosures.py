"""Pages of invention disclosures and their review."""

from __future__ import annotations

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
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import Decision, DisclosureStatus
from ..deadlines import first_filing_date, patentability_warnings
from ..forms.disclosures import (
    DecisionForm,
    DisclosureForm,
    InventorFormSet,
    PublicDisclosureFormSet,
    formset_rows,
    inventor_candidates,
    inventor_initial,
    public_initial,
)
from ..permissions.assets import can_create_asset
from ..permissions.common import is_ip_staff
from ..permissions.disclosures import (
    can_assess_disclosure,
    can_change_disclosure,
    can_create_disclosure,
    can_submit_disclosure,
    get_disclosure_for_user,
)
from ..permissions.offers import can_manage_offers


def _years():
    this = timezone.localdate().year
    return list(range(this, this - 10, -1))


@login_required
def disclosure_list(request):
    """My disclosures: those I submitted or am an inventor of."""
    user = request.user
    if not (can_create_disclosure(user) or is_ip_staff(user)):
        raise Http404
    qs = selectors.disclosures.filter_disclosures(
        selectors.disclosures.my_disclosures(user), request.GET
    )
    fmt = request.GET.get("export")
    if fmt:
        return _export_disclosures(selectors.disclosures.disclosure_rows(qs), fmt)
    page = paginate(request, selectors.disclosures.disclosure_rows(qs))
    ctx = {
        "page": page,
        "f": request.GET,
        "statuses": DisclosureStatus.choices,
        "can_create": can_create_disclosure(user),
        "ip_staff": is_ip_staff(user),
    }
    return render_page_or_partial(
        request, "technologies/disclosures/list.html", "technologies/disclosures/_rows.html", ctx
    )


def _warnings_for(formset) -> list[str]:
    dates = []
    for form in formset.forms:
        value = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
        if value is None:
            raw = form.data.get(form.add_prefix("date")) if form.is_bound else None
            try:
                value = datetime.date.fromisoformat(raw) if raw else None
            except ValueError:
                value = None
        if value is not None:
            dates.append({"date": value})
    return patentability_warnings(dates)


def _disclosure_form(request, disclosure=None):
    user = request.user
    candidates = inventor_candidates()
    data = request.POST if request.method == "POST" else None
    form = DisclosureForm(
        data,
        instance=disclosure,
        initial=None if disclosure else {"unit": user.unit_id},
    )
    inventors = InventorFormSet(
        data,
        prefix="inventors",
        initial=None if data else inventor_initial(disclosure, user),
        form_kwargs={"candidates": candidates},
    )
    public = PublicDisclosureFormSet(
        data, prefix="public", initial=None if data else public_initial(disclosure)
    )
    if data is None:
        # Spare rows to fill in without JavaScript (the page's script adds more).
        inventors.extra = 2 if disclosure is None else 1
        public.extra = 1
    inventor_errors: list[str] = []
    public_errors: list[str] = []
    action = request.POST.get("action", "save") if data else ""
    if data is not None:
        valid = form.is_valid() & inventors.is_valid() & public.is_valid()
        if valid and action != "check":
            fields = form.service_fields()
            kwargs = {
                "inventors": formset_rows(inventors),
                "public_disclosures": formset_rows(public),
            }
            try:
                if disclosure is None:
                    saved = services.disclosures.disclosure_create(by=user, **kwargs, **fields)
                else:
                    saved = services.disclosures.disclosure_update(
                        disclosure=disclosure, by=user, **kwargs, **fields
                    )
                if action == "submit":
                    services.disclosures.disclosure_submit(disclosure=saved, by=user)
            except ValidationError as exc:
                errors_to_form(
                    form, exc, {"inventors": inventor_errors, "public_disclosures": public_errors}
                )
            else:
                if action == "submit":
                    messages.success(request, _("The disclosure was sent to the office."))
                else:
                    messages.success(request, _("The disclosure was saved as a draft."))
                return redirect(saved)
    ctx = {
        "form": form,
        "inventors": inventors,
        "public": public,
        "inventor_errors": inventor_errors,
        "public_errors": public_errors,
        "warnings": _warnings_for(public)
        if data is not None
        else (patentability_warnings(disclosure.public_disclosures.all()) if disclosure else []),
        "disclosure": disclosure,
        "checked": action == "check",
    }
    return render(request, "technologies/disclosures/form.html", ctx)


@login_required
def disclosure_create(request):
    if not can_create_disclosure(request.user):
        raise Http404
    return _disclosure_form(request)


@login_required
def disclosure_update(request, pk):
    disclosure = get_disclosure_for_user(request.user, pk, write=True)
    return _disclosure_form(request, disclosure)


@login_required
def disclosure_warnings(request):
    """HTMX: the patentability warnings for the public disclosure dates typed so far."""
    if not (can_create_disclosure(request.user) or is_ip_staff(request.user)):
        raise Http404
    dates = []
    for key, value in request.GET.items():
        if key.startswith("public-") and key.endswith("-date") and value:
            try:
                dates.append({"date": datetime.date.fromisoformat(value)})
            except ValueError:
                continue
    return render(
        request,
        "technologies/disclosures/_warnings.html",
        {"warnings": patentability_warnings(dates)},
    )


@login_required
def disclosure_detail(request, pk):
    user = request.user
    disclosure = get_disclosure_for_user(user, pk)
    assets = list(selectors.assets.assets_of_disclosure(user, disclosure))
    ip_staff = is_ip_staff(user)
    ctx = {
        "disclosure": disclosure,
        "inventors": disclosure.inventors.all(),
        "public_disclosures": disclosure.public_disclosures.all(),
        "warnings": patentability_warnings(
            disclosure.public_disclosures.all(), filing_date=first_filing_date(assets)
        ),
        "assets": assets,
        "can_change": can_change_disclosure(user, disclosure),
        "can_submit": can_submit_disclosure(user, disclosure),
        "can_assess": can_assess_disclosure(user, disclosure),
        "can_add_asset": can_create_asset(user) and disclosure.decision == Decision.PROTECT,
        "can_prepare_offer": can_manage_offers(user)
        and disclosure.decision in (Decision.PROTECT, Decision.PUBLISH),
        "decision_form": DecisionForm()
        if disclosure.status == DisclosureStatus.ASSESSMENT
        else None,
        "history": history_for(disclosure)[:30]
        if ip_staff or can_change_disclosure(user, disclosure)
        else None,
    }
    return render(request, "technologies/disclosures/detail.html", ctx)


def _transition(request, pk, run, allowed, done_message):
    disclosure = get_disclosure_for_user(request.user, pk)
    if not allowed(request.user, disclosure):
        raise PermissionDenied
    try:
        run(disclosure=disclosure, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done_message)
    return redirect(disclosure)


@login_required
@require_POST
def disclosure_submit(request, pk):
    return _transition(
        request,
        pk,
        services.disclosures.disclosure_submit,
        can_submit_disclosure,
        _("The disclosure was sent to the office."),
    )


@login_required
@require_POST
def disclosure_start_assessment(request, pk):
    return _transition(
        request,
        pk,
        services.disclosures.disclosure_start_assessment,
        can_assess_disclosure,
        _("The assessment has started."),
    )


@login_required
def disclosure_decide(request, pk):
    user = request.user
    disclosure = get_disclosure_for_user(user, pk)
    if not can_assess_disclosure(user, disclosure):
        raise PermissionDenied
    if disclosure.status != DisclosureStatus.ASSESSMENT:
        messages.error(request, _("Only a disclosure under assessment can be decided."))
        return redirect(disclosure)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosures.disclosure_decide(
                disclosure=disclosure,
                by=user,
                decision=form.cleaned_data["decision"],
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The decision was recorded; the inventors are told."))
            return redirect(disclosure)
    return render(
        request, "technologies/disclosures/decide.html", {"form": form, "disclosure": disclosure}
    )


@login_required
def disclosure_queue(request):
    """The review queue of OIL and the IP committee."""
    user = request.user
    if not is_ip_staff(user):
        raise Http404
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = "awaiting"
    qs = selectors.disclosures.filter_disclosures(
        selectors.disclosures.disclosures_for(user), params
    )
    if "sort" not in params:
        qs = qs.order_by("submitted_at", "pk")
    qs = selectors.disclosures.disclosure_rows(qs)
    fmt = request.GET.get("export")
    if fmt:
        return _export_disclosures(qs, fmt)
    ctx = {
        "page": paginate(request, qs),
        "f": params,
        "statuses": [s for s in DisclosureStatus.choices if s[0] != DisclosureStatus.DRAFT],
        "decisions": Decision.choices,
        "units": Unit.objects.filter(is_active=True),
        "years": _years(),
    }
    return render_page_or_partial(
        request,
        "technologies/disclosures/queue.html",
        "technologies/disclosures/_queue_rows.html",
        ctx,
    )


def _export_disclosures(qs, fmt):
    rows = [
        [
            d.reference,
            d.title,
            d.get_status_display(),
            d.get_decision_display() if d.decision else "",
            d.unit.name if d.unit else "",
            [f"{i} ({i.share}%)" for i in d.inventors.all()],
            d.trl,
            timezone.localdate(d.submitted_at) if d.submitted_at else None,
            timezone.localdate(d.decided_at) if d.decided_at else None,
        ]
        for d in qs[:50000]
    ]
    return export_response(
        headers=[
            _("Reference"),
            _("Title"),
            _("Status"),
            _("Decision"),
            _("KCDIO"),
            _("Inventors"),
            "TRL",
            _("Submitted"),
            _("Decided"),
        ],
        rows=rows,
        filename="disclosures",
        fmt=fmt,
    )
