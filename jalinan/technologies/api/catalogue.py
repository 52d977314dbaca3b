"""The public catalogue in the REST API: search, a technology's public fields, and the
enquiry. No token needed; the enquiry has the page's defences (rate limit per address,
honeypot, form timer) and, when sent with a browser session, its CSRF check."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.utils import check_csrf

from jalinan.api.params import Offset
from jalinan.core import ratelimit
from jalinan.core.antispam import form_token, too_soon

from .. import selectors, services
from ..choices import EnquiryKind
from ..forms.enquiries import EnquiryForm
from ..permissions.offers import get_published_technology
from .common import query_params

router = Router(tags=["technologies"])


class PublicInventorOut(Schema):
    name: str
    url: str


class TechnologyPublicOut(Schema):
    slug: str
    reference: str
    title: str
    tagline: str
    field: str
    problem: str
    solution: str
    advantages: str
    applications: str
    trl: int
    ip_status: str
    ip_kinds: list[str]
    inventors: list[PublicInventorOut]
    sdgs: list[int]
    published_at: datetime.datetime | None
    url: str


class CatalogueHitOut(Schema):
    slug: str
    title: str
    tagline: str
    field: str
    trl: int
    ip_status: str
    score: float | None
    matched_terms: list[str]
    url: str


class CataloguePage(Schema):
    count: int
    items: list[CatalogueHitOut]


class CatalogueFilters(Schema):
    q: str | None = None
    field: str | None = None
    trl: int | None = Field(None, ge=1, le=9)
    ip: str | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    limit: int = Field(20, ge=1, le=100)
    offset: Offset = 0


class EnquiryIn(Schema):
    kind: str = EnquiryKind.INFORMATION
    name: str
    email: str
    phone: str = ""
    organisation_name: str
    message: str
    consent: bool
    website: str = Field("", description="A honeypot: leave it empty.")
    ts: str = Field(
        "",
        description=(
            "The form token from `GET /catalogue/{slug}/enquiry-token`, sent back no sooner "
            "than its `min_seconds` (and within a day)."
        ),
    )


class EnquiryTokenOut(Schema):
    ts: str
    min_seconds: float


class EnquiryOut(Schema):
    received: bool
    reference: str


def _public_out(tech) -> dict:
    from jalinan.sdgs.selectors import accepted_goals_for

    return {
        "slug": tech.slug,
        "reference": tech.reference,
        "title": tech.title,
        "tagline": tech.tagline,
        "field": tech.field,
        "problem": tech.problem,
        "solution": tech.solution,
        "advantages": tech.advantages,
        "applications": tech.applications,
        "trl": tech.trl,
        "ip_status": tech.ip_status,
        "ip_kinds": selectors.catalogue.public_asset_kinds(tech),
        "inventors": [
            {"name": p.name, "url": p.get_public_url()}
            for p in selectors.catalogue.public_inventors(tech)
        ],
        "sdgs": accepted_goals_for([tech]).get(tech.pk, []),
        "published_at": tech.published_at,
        "url": tech.get_public_url(),
    }


@router.get(
    "/catalogue",
    response=CataloguePage,
    auth=None,
    summary="Search the public catalogue",
    operation_id="jalinan_technologies_api_transfer_catalogue_search",
)
def catalogue_search(request, filters: Query[CatalogueFilters]):
    params = query_params(filters)
    hits = selectors.catalogue.catalogue_search(params)
    window = hits[filters.offset : filters.offset + filters.limit]
    return {
        "count": len(hits),
        "items": [
            {
                "slug": h.technology.slug,
                "title": h.technology.title,
                "tagline": h.technology.tagline,
                "field": h.technology.field,
                "trl": h.technology.trl,
                "ip_status": h.technology.ip_status,
                "score": h.score,
                "matched_terms": h.terms,
                "url": h.technology.get_public_url(),
            }
            for h in window
        ],
    }


@router.get(
    "/catalogue/{slug}",
    response=TechnologyPublicOut,
    auth=None,
    summary="A published technology (public fields only)",
    operation_id="jalinan_technologies_api_transfer_catalogue_detail",
)
def catalogue_detail(request, slug: str):
    return _public_out(get_published_technology(slug))


@router.get(
    "/catalogue/{slug}/enquiry-token",
    response=EnquiryTokenOut,
    auth=None,
    summary="A form token for an enquiry (public)",
    operation_id="jalinan_technologies_api_transfer_enquiry_token",
)
def enquiry_token(request, slug: str):
    """Fetch this first, as a person opens the form: the enquiry sends it back as `ts`, no
    sooner than `min_seconds` later (a bot that posts at once is refused, as on the page)."""
    get_published_technology(slug)
    return {"ts": form_token(), "min_seconds": settings.JALINAN_ENQUIRY_MIN_SECONDS}


@router.post(
    "/catalogue/{slug}/enquiries",
    response={201: EnquiryOut, 403: dict, 422: dict, 429: dict},
    auth=None,
    summary="Request information or express interest (public, rate-limited)",
    operation_id="jalinan_technologies_api_transfer_enquiry_create",
)
def enquiry_create(request, slug: str, payload: EnquiryIn):
    """No token needed. Send `ts` from `GET /catalogue/{slug}/enquiry-token` (422 without it
    or when sent too soon). With a browser session the enquiry is filed in the signed-in
    person's name, so the session's CSRF check applies (403 without the `X-CSRFToken`
    header); a token in `Authorization` is not read here."""
    tech = get_published_technology(slug)
    user = request.user if request.user.is_authenticated else None
    if user is not None and check_csrf(request) is not None:
        return 403, {"detail": "CSRF check failed: send the X-CSRFToken header with a session."}
    ip = ratelimit.client_ip(request)
    limit, window = services.enquiries.enquiry_limits()
    if not ratelimit.allowed("tech-enquiry", ip, limit=limit, window=window):
        return 429, {"detail": "Too many enquiries from this address; try again later."}
    ratelimit.hit("tech-enquiry", ip, window=window)
    if (payload.website or "").strip():
        # Answer as if accepted: a bot learns nothing.
        return 201, {"received": True, "reference": ""}
    if too_soon(payload.ts):
        raise ValidationError(
            {"ts": ["Fetch a form token first and send the enquiry a few seconds later."]}
        )
    form = EnquiryForm(payload.dict())
    if not form.is_valid():
        errors = form.errors.get_json_data()
        raise ValidationError({k: [e["message"] for e in v] for k, v in errors.items()})
    enquiry = services.enquiries.enquiry_submit(
        technology=tech, by=user, ip=ip, **form.service_fields()
    )
    ref = enquiry.opportunity.reference if enquiry.opportunity_id else ""
    return 201, {"received": True, "reference": ref}
