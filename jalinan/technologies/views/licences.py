"""Pages of licences (with their agreement), royalty payments and the revenue sharing
policy."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import Exclusivity, LicenceStatus, PaymentKind, ShareParty
from ..forms.licences import AgreementLinkForm, LicenceForm, PaymentForm, PolicyForm
from ..models import RevenuePolicy
from ..permissions.licences import (
    can_change_licence,
    can_manage_policies,
    can_see_licences,
    can_see_policies,
    get_licence_for_user,
    split_visibility,
)
from .common import export_format


def _licence_rows(qs):
    return [
        [
            lic.reference,
            lic.technology.title,
            lic.licensee.legal_name,
            lic.get_exclusivity_display(),
            lic.field_of_use,
            lic.territory,
            lic.upfront_fee,
            lic.royalty_rate,
            lic.start_date or "",
            lic.end_date or "",
            lic.get_status_display(),
            lic.memorandum.reference if lic.memorandum_id else "",
        ]
        for lic in qs[:50000]
    ]


@login_required
def licence_list(request):
    user = request.user
    if not can_see_licences(user):
        raise Http404
    base = selectors.licences.licences_for(user)
    qs = selectors.licences.filter_licences(base, request.GET)
    fmt = export_format(request)
    if fmt:
        return export_response(
            headers=[
                _("Reference"),
                _("Technology"),
                _("Licensee"),
                _("Exclusivity"),
                _("Field of use"),
                _("Territory"),
                _("Upfront fee (RM)"),
                _("Royalty rate (%)"),
                _("Start date"),
                _("End date"),
                _("Status"),
                _("Agreement"),
            ],
            rows=_licence_rows(qs),
            filename="licences",
            fmt=fmt,
        )
    ctx = {
        "f": request.GET,
        "page": paginate(request, qs),
        "statuses": LicenceStatus.choices,
        "exclusivities": Exclusivity.choices,
        "years": selectors.licences.licence_years(base),
        "can_create": can_change_licence(user),
    }
    return render_page_or_partial(
        request, "technologies/licences/list.html", "technologies/licences/_rows.html", ctx
    )


@login_required
def licence_create(request):
    user = request.user
    if not can_change_licence(user):
        if not can_see_licences(user):
            raise Http404
        raise PermissionDenied
    initial = {}
    tech_id = request.GET.get("technology", "")
    if tech_id.isdigit():
        initial["technology"] = int(tech_id)
    form = LicenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            licence = services.licences.licence_create(
                by=user, technology=data.pop("technology"), licensee=data.pop("licensee"), **data
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Licence recorded."))
            return redirect(licence.get_absolute_url())
    return render(request, "technologies/licences/form.html", {"form": form, "licence": None})


@login_required
def licence_edit(request, pk):
    licence = get_licence_for_user(request.user, pk, write=True)
    form = LicenceForm(request.POST or None, instance=licence)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("technology", None)
        try:
            services.licences.licence_update(licence=licence, by=request.user, **data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Licence saved."))
            return redirect(licence.get_absolute_url())
    return render(request, "technologies/licences/form.html", {"form": form, "licence": licence})


def _share_rows(payment, visibility: str, user):
    shares = list(payment.shares.all())
    if visibility == "own":
        shares = [s for s in shares if s.user_id == user.pk]
    for s in shares:
        s.label = s.get_party_display()
    return shares


@login_required
def licence_detail(request, pk):
    user = request.user
    licence = get_licence_for_user(user, pk)
    visibility = split_visibility(user, licence)
    years = selectors.licences.payments_by_year(licence)
    for y in years:
        for p in y["payments"]:
            p.visible_shares = _share_rows(p, visibility, user) if visibility != "none" else []
            deducted = p.policy_id and p.policy.deduct_costs and p.costs
            p.costs_line = p.costs if deducted else None
    memo = licence.memorandum
    memo_visible = False
    if memo is not None:
        from jalinan.agreements.permissions import can_view_memorandum

        memo_visible = can_view_memorandum(user, memo)
    can_change = can_change_licence(user, licence)
    ctx = {
        "licence": licence,
        "technology": licence.technology,
        "years": years,
        "total": sum((y["total"] for y in years), start=Decimal("0")),
        "visibility": visibility,
        "memo_visible": memo_visible,
        "can_change": can_change,
        "spinoffs": licence.spinoffs.select_related("organisation"),
        "party_labels": dict(ShareParty.choices),
        "history": history_for(licence)[:30] if can_change else None,
    }
    return render(request, "technologies/licences/detail.html", ctx)


@login_required
def licence_link_agreement(request, pk):
    licence = get_licence_for_user(request.user, pk, write=True)
    form = AgreementLinkForm(request.POST or None, licence=licence)
    if request.method == "POST" and form.is_valid():
        try:
            services.licences.licence_link_agreement(
                licence=licence, memorandum=form.cleaned_data["memorandum"], by=request.user
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Agreement linked."))
            return redirect(licence.get_absolute_url())
    return render(
        request, "technologies/licences/link_agreement.html", {"form": form, "licence": licence}
    )


@login_required
@require_POST
def licence_draft_agreement(request, pk):
    licence = get_licence_for_user(request.user, pk, write=True)
    existed = bool(licence.memorandum_id)
    try:
        memo = services.licences.licence_draft_agreement(licence=licence, by=request.user)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
        return redirect(licence.get_absolute_url())
    if existed:
        messages.info(request, _("This licence already has its agreement."))
    else:
        messages.success(request, _("Licensing & Commercialisation Agreement drafted."))
    return redirect(memo.get_absolute_url())


@login_required
def payment_create(request, pk):
    licence = get_licence_for_user(request.user, pk, write=True)
    form = PaymentForm(request.POST or None)
    preview = None
    no_policy = False
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        if "preview" in request.POST:
            preview = services.licences.preview_split(
                licence=licence, amount=c["amount"], costs=c["costs"] or 0, on=c["received_on"]
            )
            no_policy = preview is None
            if preview is not None:
                labels = dict(ShareParty.choices)
                preview = [
                    {"label": labels[s.party], "name": s.name, "amount": s.amount} for s in preview
                ]
        else:
            try:
                services.licences.payment_record(
                    licence=licence,
                    by=request.user,
                    received_on=c["received_on"],
                    amount=c["amount"],
                    kind=c["kind"],
                    period_year=c["period_year"],
                    costs=c["costs"] or 0,
                    reference=c["reference"],
                )
            except ValidationError as exc:
                received_on = c["received_on"]  # add_error() drops it from cleaned_data
                errors_to_form(form, exc)
                no_policy = selectors.licences.policy_in_force(received_on) is None
            else:
                messages.success(request, _("Payment recorded and shared by the policy."))
                return redirect(licence.get_absolute_url())
    ctx = {
        "form": form,
        "licence": licence,
        "preview": preview,
        "no_policy": no_policy,
        "party_labels": dict(ShareParty.choices),
        "can_manage_policies": can_manage_policies(request.user),
    }
    return render(request, "technologies/licences/payment_form.html", ctx)


@login_required
def payment_list(request):
    user = request.user
    if not can_see_licences(user):
        raise Http404
    qs = selectors.licences.filter_payments(selectors.licences.payments_for(user), request.GET)
    fmt = export_format(request)
    if fmt:
        rows = [
            [
                p.received_on,
                p.period_year,
                p.licence.reference,
                p.licence.technology.title,
                p.licence.licensee.legal_name,
                p.get_kind_display(),
                p.amount,
                p.costs,
                p.reference,
            ]
            for p in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Received on"),
                _("For the year"),
                _("Licence"),
                _("Technology"),
                _("Licensee"),
                _("Kind"),
                _("Amount (RM)"),
                _("Costs (RM)"),
                _("Payment reference"),
            ],
            rows=rows,
            filename="royalty-payments",
            fmt=fmt,
        )
    years = sorted(
        set(selectors.licences.payments_for(user).values_list("period_year", flat=True)),
        reverse=True,
    )
    ctx = {
        "f": request.GET,
        "page": paginate(request, qs),
        "years": years,
        "kinds": PaymentKind.choices,
    }
    return render_page_or_partial(
        request,
        "technologies/licences/payments.html",
        "technologies/licences/_payment_rows.html",
        ctx,
    )


@login_required
def policy_list(request):
    user = request.user
    if not can_see_policies(user):
        raise Http404
    can_manage = can_manage_policies(user)
    form = PolicyForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.licences.policy_create(by=user, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Policy added."))
                return redirect("technologies:policy_list")
    current = selectors.licences.policy_in_force(timezone.localdate())
    ctx = {
        "policies": RevenuePolicy.objects.all(),
        "current": current,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "technologies/licences/policies.html", ctx)
