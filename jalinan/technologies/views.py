"""Pages of invention disclosures, their review, the IP portfolio and its deadlines."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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

from . import selectors, services
from .choices import AssetKind, AssetStatus, Decision, DisclosureStatus, IPOffice
from .deadlines import first_filing_date, patentability_warnings
from .forms.assets import AssetForm, DeadlineForm
from .forms.disclosures import (
    DecisionForm,
    DisclosureForm,
    InventorFormSet,
    PublicDisclosureFormSet,
    formset_rows,
    inventor_candidates,
    inventor_initial,
    public_initial,
)
from .permissions.assets import (
    can_change_asset,
    can_create_asset,
    can_see_portfolio,
    get_asset_for_user,
    get_deadline_for_user,
)
from .permissions.common import is_ip_staff
from .permissions.disclosures import (
    can_assess_disclosure,
    can_change_disclosure,
    can_create_disclosure,
    can_submit_disclosure,
    get_disclosure_for_user,
)
from .permissions.offers import can_manage_offers


def _years():
    this = timezone.localdate().year
    return list(range(this, this - 10, -1))


# --- disclosures -------------------------------------------------------------------------


@login_required
def disclosure_list(request):
    """My disclosures: those I submitted or am an inventor of."""
    user = request.user
    if not (can_create_disclosure(user) or is_ip_staff(user)):
        raise Http404
    qs = selectors.filter_disclosures(selectors.my_disclosures(user), request.GET)
    fmt = request.GET.get("export")
    if fmt:
        return _export_disclosures(selectors.disclosure_rows(qs), fmt)
    page = paginate(request, selectors.disclosure_rows(qs))
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
                    saved = services.disclosure_create(by=user, **kwargs, **fields)
                else:
                    saved = services.disclosure_update(
                        disclosure=disclosure, by=user, **kwargs, **fields
                    )
                if action == "submit":
                    services.disclosure_submit(disclosure=saved, by=user)
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
    assets = list(selectors.assets_of_disclosure(user, disclosure))
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
        services.disclosure_submit,
        can_submit_disclosure,
        _("The disclosure was sent to the office."),
    )


@login_required
@require_POST
def disclosure_start_assessment(request, pk):
    return _transition(
        request,
        pk,
        services.disclosure_start_assessment,
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
            services.disclosure_decide(
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
    qs = selectors.filter_disclosures(selectors.disclosures_for(user), params)
    if "sort" not in params:
        qs = qs.order_by("submitted_at", "pk")
    qs = selectors.disclosure_rows(qs)
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


# --- portfolio ---------------------------------------------------------------------------


@login_required
def asset_list(request):
    user = request.user
    if not can_see_portfolio(user):
        raise Http404
    qs = selectors.asset_rows(selectors.filter_assets(selectors.assets_for(user), request.GET))
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
            asset = services.asset_create(
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
            saved = services.asset_update(asset=asset, by=user, **fields)
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
            services.deadline_add(asset=asset, by=user, **form.cleaned_data)
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
    services.deadline_done(deadline=deadline, by=request.user, done_on=done_on)
    messages.success(request, _("The deadline was marked done."))
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(deadline.asset)


@login_required
@require_POST
def deadline_reopen(request, pk):
    deadline = get_deadline_for_user(request.user, pk, write=True)
    services.deadline_reopen(deadline=deadline, by=request.user)
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
    qs = selectors.upcoming_deadlines(user, today=today, days=days)
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
    from .choices import DeadlineKind

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
