"""The office's pages of technology offers (drafts included) and their pictures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from .. import selectors, services
from ..choices import OfferStatus
from ..forms.offers import ImageForm, TechnologyForm
from ..models import TechnologyImage
from ..permissions.common import is_ip_staff
from ..permissions.disclosures import get_disclosure_for_user
from ..permissions.offers import (
    can_change_technology,
    can_manage_offers,
    can_see_offers,
    get_technology_for_user,
)
from .common import export_format


@login_required
def technology_list(request):
    user = request.user
    if not can_see_offers(user):
        raise Http404
    qs = selectors.offers.filter_technologies(selectors.offers.technologies_for(user), request.GET)
    fmt = export_format(request)
    if fmt:
        rows = [
            [
                t.reference,
                t.title,
                t.get_status_display(),
                selectors.offers.field_label(t.field) if t.field else "",
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
        "fields": selectors.offers.field_choices(),
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
        return services.offers.technology_create(
            by=request.user, disclosure=disclosure, assets=assets, inventors=inventors, **data
        )
    return services.offers.technology_update(
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
        "field_label": selectors.offers.field_label(tech.field) if tech.field else "",
        "images": tech.images.all(),
        "assets": tech.assets.all(),
        "inventors": tech.inventors.select_related("user"),
        "licences": selectors.licences.licences_for(user).filter(technology=tech),
        "enquiries": selectors.enquiries.enquiries_for(user).filter(technology=tech)[:20],
        "can_change": can_change,
        "image_form": ImageForm() if can_change else None,
        "history": history_for(tech)[:30] if can_change else None,
    }
    if is_ip_staff(user):
        from ..licensees import suggest_licensees

        ctx["licensee_suggestions"] = suggest_licensees(tech, user=user)
    return render(request, "technologies/offers/detail.html", ctx)


@login_required
@require_POST
def technology_publish(request, pk):
    tech = get_technology_for_user(request.user, pk, write=True)
    try:
        services.offers.technology_publish(technology=tech, by=request.user)
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
        services.offers.technology_withdraw(technology=tech, by=request.user)
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
            services.offers.image_add(
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
    services.offers.image_remove(image=image, by=request.user)
    messages.success(request, _("Image removed."))
    return redirect(tech.get_absolute_url())
