"""Pages of technology offers, the public catalogue, enquiries, licences and spin-offs."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core import ratelimit
from jalinan.core.antispam import form_token
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.files import file_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import accepted_goals_for

from . import selectors as sel
from . import services
from .choices import (
    TRL_CHOICES,
    AssetKind,
    EnquiryKind,
    Exclusivity,
    LicenceStatus,
    OfferStatus,
    PaymentKind,
    ShareParty,
    SpinoffStatus,
)
from .forms.enquiries import EnquiryForm, is_spam
from .forms.licences import AgreementLinkForm, LicenceForm, PaymentForm, PolicyForm
from .forms.offers import ImageForm, TechnologyForm
from .forms.spinoffs import SpinoffForm
from .models import RevenuePolicy, TechnologyImage
from .permissions.common import is_ip_staff
from .permissions.enquiries import can_see_enquiries, get_enquiry_for_user
from .permissions.licences import (
    can_change_licence,
    can_manage_policies,
    can_see_licences,
    can_see_policies,
    get_licence_for_user,
    split_visibility,
)
from .permissions.offers import (
    can_change_technology,
    can_manage_offers,
    can_see_offers,
    get_published_technology,
    get_technology_for_user,
)
from .permissions.spinoffs import can_change_spinoff, can_see_spinoffs, get_spinoff_for_user


def _export_fmt(request):
    fmt = request.GET.get("export", "")
    return fmt if fmt in ("csv", "xlsx") else ""


# -- the public catalogue --------------------------------------------------------------------


def _catalogue_context(request):
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "fields": sel.field_choices(),
        "trls": TRL_CHOICES,
        "ip_kinds": AssetKind.choices,
        "goals": GOAL_CHOICES,
    }


def catalogue(request):
    """The public technology catalogue: semantic search, filters, newest first without a
    query. No sign-in needed; only published offers and their public fields."""
    hits = sel.catalogue_search(request.GET)
    page = paginate(request, hits, per_page=12)
    goals = accepted_goals_for([h.technology for h in page.object_list])
    for h in page.object_list:
        h.goals = goals.get(h.technology.pk, [])
        h.field_label = sel.field_label(h.technology.field) if h.technology.field else ""
    ctx = {**_catalogue_context(request), "page": page}
    return render_page_or_partial(
        request, "technologies/catalogue/list.html", "technologies/catalogue/_results.html", ctx
    )


def _enquiry_limit():
    return services.enquiry_limits()


def catalogue_detail(request, slug):
    """A technology's public page, with the enquiry form."""
    tech = get_published_technology(slug)
    user = request.user if request.user.is_authenticated else None
    form = EnquiryForm(user=user, initial={"ts": form_token()})
    notice = None
    status = 200
    if request.method == "POST":
        ip = ratelimit.client_ip(request)
        limit, window = _enquiry_limit()
        data = request.POST.copy()
        data["ts"] = form_token()  # the page comes back with a fresh token
        form = EnquiryForm(data, user=user)
        if not ratelimit.allowed("tech-enquiry", ip, limit=limit, window=window):
            notice, status = _("Too many enquiries from your address. Please try again later."), 429
        elif is_spam(request.POST):
            ratelimit.hit("tech-enquiry", ip, window=window)
            notice = _("We could not accept this submission. Please check it and send it again.")
        elif form.is_valid():
            ratelimit.hit("tech-enquiry", ip, window=window)
            try:
                enquiry = services.enquiry_submit(
                    technology=tech, by=user, ip=ip, **form.service_fields()
                )
            except ValidationError as exc:
                errors_to_form(form, exc)
                status = 400
            else:
                request.session["tech_enquiry"] = enquiry.pk
                return redirect("technologies:catalogue_thanks", slug=tech.slug)
        else:
            status = 400
    ctx = {
        "technology": tech,
        "field_label": sel.field_label(tech.field) if tech.field else "",
        "images": tech.images.all(),
        "inventors": sel.public_inventors(tech),
        "ip_kinds": [AssetKind(k).label for k in sel.public_asset_kinds(tech)],
        "goals": accepted_goals_for([tech]).get(tech.pk, []),
        "form": form,
        "notice": notice,
        "can_manage": can_manage_offers(request.user),
    }
    return render(request, "technologies/catalogue/detail.html", ctx, status=status)


def catalogue_thanks(request, slug):
    tech = get_published_technology(slug)
    if not request.session.get("tech_enquiry"):
        return redirect(tech.get_public_url())
    return render(request, "technologies/catalogue/thanks.html", {"technology": tech})


def catalogue_image(request, slug, pk):
    """An offer's picture: only while the offer is published (office staff see drafts' too)."""
    image = get_object_or_404(TechnologyImage.objects.select_related("technology"), pk=pk)
    tech = image.technology
    if tech.slug != slug:
        raise Http404
    if tech.status != OfferStatus.PUBLISHED and not is_ip_staff(request.user):
        raise Http404
    return file_response(image.image, inline=True)


# -- the office's offers ---------------------------------------------------------------------


@login_required
def technology_list(request):
    user = request.user
    if not can_see_offers(user):
        raise Http404
    qs = sel.filter_technologies(sel.technologies_for(user), request.GET)
    fmt = _export_fmt(request)
    if fmt:
        rows = [
            [
                t.reference,
                t.title,
                t.get_status_display(),
                sel.field_label(t.field) if t.field else "",
                t.trl,
                t.ip_status,
                t.unit.name if t.unit else "",
                t.published_at.date() if t.published_at else "",
            ]
            for t in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Reference"),
                _("Title"),
                _("Status"),
                _("Field"),
                _("TRL"),
                _("IP status"),
                _("KCDIO"),
                _("Published"),
            ],
            rows=rows,
            filename="technologies",
            fmt=fmt,
        )
    ctx = {
        "f": request.GET,
        "page": paginate(request, qs),
        "statuses": OfferStatus.choices,
        "fields": sel.field_choices(),
        "can_create": can_manage_offers(user),
    }
    return render_page_or_partial(
        request, "technologies/offers/list.html", "technologies/offers/_rows.html", ctx
    )


def _technology_form_save(request, form, technology=None):
    data = dict(form.cleaned_data)
    assets = data.pop("assets", [])
    inventors = data.pop("inventors", [])
    if technology is None:
        disclosure = data.pop("disclosure", None)
        return services.technology_create(
            by=request.user, disclosure=disclosure, assets=assets, inventors=inventors, **data
        )
    return services.technology_update(
        technology=technology, by=request.user, assets=assets, inventors=inventors, **data
    )


@login_required
def technology_create(request):
    if not can_manage_offers(request.user):
        if not can_see_offers(request.user):
            raise Http404
        raise PermissionDenied
    initial = {}
    disclosure_id = request.GET.get("disclosure", "")
    if disclosure_id.isdigit():
        from .permissions.disclosures import get_disclosure_for_user

        d = get_disclosure_for_user(request.user, int(disclosure_id))
        initial = {
            "disclosure": d.pk,
            "title": d.title,
            "trl": d.trl,
            "unit": d.unit_id,
            "assets": list(d.assets.values_list("pk", flat=True)),
            "inventors": list(
                d.inventors.exclude(user__expert_profile=None).values_list(
                    "user__expert_profile", flat=True
                )
            ),
        }
    form = TechnologyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tech = _technology_form_save(request, form)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Offer saved as a draft."))
            return redirect(tech.get_absolute_url())
    return render(request, "technologies/offers/form.html", {"form": form, "technology": None})


@login_required
def technology_edit(request, pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    form = TechnologyForm(request.POST or None, instance=tech)
    if request.method == "POST" and form.is_valid():
        try:
            _technology_form_save(request, form, tech)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Offer saved."))
            return redirect(tech.get_absolute_url())
    return render(request, "technologies/offers/form.html", {"form": form, "technology": tech})


@login_required
def technology_detail(request, pk):
    user = request.user
    tech = get_technology_for_user(user, pk)
    can_change = can_change_technology(user, tech)
    ctx = {
        "technology": tech,
        "field_label": sel.field_label(tech.field) if tech.field else "",
        "images": tech.images.all(),
        "assets": tech.assets.all(),
        "inventors": tech.inventors.select_related("user"),
        "licences": sel.licences_for(user).filter(technology=tech),
        "enquiries": sel.enquiries_for(user).filter(technology=tech)[:20],
        "can_change": can_change,
        "image_form": ImageForm() if can_change else None,
        "history": history_for(tech)[:30] if can_change else None,
    }
    if is_ip_staff(user):
        from .licensees import suggest_licensees

        ctx["licensee_suggestions"] = suggest_licensees(tech, user=user)
    return render(request, "technologies/offers/detail.html", ctx)


@login_required
@require_POST
def technology_publish(request, pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    try:
        services.technology_publish(technology=tech, by=request.user)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Published in the catalogue."))
    return redirect(tech.get_absolute_url())


@login_required
@require_POST
def technology_withdraw(request, pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    try:
        services.technology_withdraw(technology=tech, by=request.user)
    except ValidationError as exc:
        for msg in exc.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("Withdrawn from the catalogue."))
    return redirect(tech.get_absolute_url())


@login_required
@require_POST
def technology_image_add(request, pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(
                technology=tech,
                by=request.user,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("Image added."))
    else:
        for errs in form.errors.values():
            for msg in errs:
                messages.error(request, msg)
    return redirect(tech.get_absolute_url())


@login_required
@require_POST
def technology_image_remove(request, pk, image_pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    image = get_object_or_404(TechnologyImage, pk=image_pk, technology=tech)
    services.image_remove(image=image, by=request.user)
    messages.success(request, _("Image removed."))
    return redirect(tech.get_absolute_url())


# -- enquiries -------------------------------------------------------------------------------


@login_required
def enquiry_list(request):
    user = request.user
    if not can_see_enquiries(user):
        raise Http404
    qs = sel.filter_enquiries(sel.enquiries_for(user), request.GET)
    fmt = _export_fmt(request)
    if fmt:
        rows = [
            [
                e.created_at.date(),
                e.technology.title,
                e.get_kind_display(),
                e.organisation_name,
                e.name,
                e.email,
                e.phone,
                e.opportunity.reference if e.opportunity_id else "",
                e.nda.reference if e.nda_id else "",
            ]
            for e in qs[:50000]
        ]
        return export_response(
            headers=[
                _("Date"),
                _("Technology"),
                _("Kind"),
                _("Organisation"),
                _("Name"),
                _("E-mail"),
                _("Phone"),
                _("Opportunity"),
                _("NDA"),
            ],
            rows=rows,
            filename="technology-enquiries",
            fmt=fmt,
        )
    ctx = {"f": request.GET, "page": paginate(request, qs), "kinds": EnquiryKind.choices}
    return render_page_or_partial(
        request, "technologies/offers/enquiries.html", "technologies/offers/_enquiry_rows.html", ctx
    )


@login_required
def enquiry_detail(request, pk):
    enquiry = get_enquiry_for_user(request.user, pk)
    return render(
        request,
        "technologies/offers/enquiry_detail.html",
        {"enquiry": enquiry, "history": history_for(enquiry)[:20]},
    )


@login_required
@require_POST
def enquiry_open_nda(request, pk):
    enquiry = get_enquiry_for_user(request.user, pk)
    existed = bool(enquiry.nda_id)
    try:
        memo = services.enquiry_open_nda(enquiry=enquiry, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for msg in getattr(exc, "messages", [str(exc)]):
            messages.error(request, msg)
        return redirect("technologies:enquiry_detail", pk=enquiry.pk)
    if existed:
        messages.info(request, _("This enquiry already has its NDA."))
    else:
        messages.success(request, _("NDA drafted. Complete it and send it for review."))
    return redirect(memo.get_absolute_url())


# -- licences --------------------------------------------------------------------------------


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
    base = sel.licences_for(user)
    qs = sel.filter_licences(base, request.GET)
    fmt = _export_fmt(request)
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
        "years": sel.licence_years(base),
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
            licence = services.licence_create(
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
            services.licence_update(licence=licence, by=request.user, **data)
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
    years = sel.payments_by_year(licence)
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
            services.licence_link_agreement(
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
        memo = services.licence_draft_agreement(licence=licence, by=request.user)
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
            preview = services.preview_split(
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
                services.payment_record(
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
                no_policy = sel.policy_in_force(received_on) is None
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
    qs = sel.filter_payments(sel.payments_for(user), request.GET)
    fmt = _export_fmt(request)
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
    years = sorted(set(sel.payments_for(user).values_list("period_year", flat=True)), reverse=True)
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


# -- policies --------------------------------------------------------------------------------


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
                services.policy_create(by=user, **form.cleaned_data)
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Policy added."))
                return redirect("technologies:policy_list")
    from django.utils import timezone

    current = sel.policy_in_force(timezone.localdate())
    ctx = {
        "policies": RevenuePolicy.objects.all(),
        "current": current,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "technologies/licences/policies.html", ctx)


# -- spin-offs -------------------------------------------------------------------------------


@login_required
def spinoff_list(request):
    user = request.user
    if not can_see_spinoffs(user):
        raise Http404
    qs = sel.filter_spinoffs(sel.spinoffs_for(user), request.GET).prefetch_related("founders")
    fmt = _export_fmt(request)
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
            spinoff = services.spinoff_create(
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
            services.spinoff_update(spinoff=spinoff, by=request.user, founders=founders, **data)
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
        "licence_visible": bool(licence) and sel.licences_for(user).filter(pk=licence.pk).exists(),
        "org_visible": can_view_organisation(user, spinoff.organisation),
        "can_change": can_change_spinoff(user, spinoff),
        "history": history_for(spinoff)[:20] if can_change_spinoff(user, spinoff) else None,
    }
    return render(request, "technologies/spinoffs/detail.html", ctx)


def policy_url() -> str:
    return reverse("technologies:policy_list")
