"""The public technology catalogue: search, a technology's page with the enquiry form, its
pictures. No sign-in needed; only published offers and their public fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jalinan.core import ratelimit
from jalinan.core.antispam import form_token
from jalinan.core.files import file_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import accepted_goals_for

from .. import selectors, services
from ..choices import TRL_CHOICES, AssetKind, OfferStatus
from ..forms.enquiries import EnquiryForm, is_spam
from ..models import TechnologyImage
from ..permissions.offers import can_manage_offers, can_view_technology, get_published_technology


def _catalogue_context(request):
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "fields": selectors.offers.field_choices(),
        "trls": TRL_CHOICES,
        "ip_kinds": AssetKind.choices,
        "goals": GOAL_CHOICES,
    }


def catalogue(request):
    """The public technology catalogue: semantic search, filters, newest first without a
    query. No sign-in needed; only published offers and their public fields."""
    hits = selectors.catalogue.catalogue_search(request.GET)
    page = paginate(request, hits, per_page=12)
    goals = accepted_goals_for([h.technology for h in page.object_list])
    for h in page.object_list:
        h.goals = goals.get(h.technology.pk, [])
        h.field_label = (
            selectors.offers.field_label(h.technology.field) if h.technology.field else ""
        )
    ctx = {**_catalogue_context(request), "page": page}
    return render_page_or_partial(
        request, "technologies/catalogue/list.html", "technologies/catalogue/_results.html", ctx
    )


def _enquiry_limit():
    return services.enquiries.enquiry_limits()


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
                enquiry = services.enquiries.enquiry_submit(
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
        "field_label": selectors.offers.field_label(tech.field) if tech.field else "",
        "images": tech.images.all(),
        "inventors": selectors.catalogue.public_inventors(tech),
        "ip_kinds": [AssetKind(k).label for k in selectors.catalogue.public_asset_kinds(tech)],
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
    """An offer's picture: anyone's while the offer is published; otherwise only for those who
    see the offer's office page, which shows it (the office, the IP committee, the inventors)."""
    image = get_object_or_404(TechnologyImage.objects.select_related("technology"), pk=pk)
    tech = image.technology
    if tech.slug != slug:
        raise Http404
    if tech.status != OfferStatus.PUBLISHED and not can_view_technology(request.user, tech):
        raise Http404
    return file_response(image.image, inline=True)
