"""Technology offers, enquiries, licences and spin-offs in the REST API.

The catalogue (search, a technology's public fields) and the enquiry are public: no token
needed; the enquiry has the page's defences (rate limit per address, honeypot, form timer) and,
when sent with a browser session, its CSRF check. Licences, payments and spin-offs
follow the pages' permissions (``permissions_transfer``)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.utils import check_csrf

from jalinan.api.params import DB_INT_MAX, Offset, Year
from jalinan.core import ratelimit
from jalinan.core.antispam import form_token, too_soon

from . import selectors as sel
from . import services
from .choices import EnquiryKind
from .forms.enquiries import EnquiryForm
from .permissions.licences import can_see_licences, get_licence_for_user, split_visibility
from .permissions.offers import get_published_technology
from .permissions.spinoffs import can_see_spinoffs

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


class ShareOut(Schema):
    party: str
    name: str
    amount: Decimal


class PaymentOut(Schema):
    id: int
    licence_id: int
    kind: str
    received_on: datetime.date
    period_year: int
    amount: Decimal
    costs: Decimal
    reference: str
    shares: list[ShareOut] | None


class LicenceOut(Schema):
    id: int
    reference: str
    technology_id: int
    technology_title: str
    licensee_id: int
    licensee_name: str
    exclusivity: str
    field_of_use: str
    territory: str
    upfront_fee: Decimal
    royalty_rate: Decimal
    milestones: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: str
    memorandum_id: int | None


class LicenceFilters(Schema):
    q: str | None = None
    status: str | None = None
    exclusivity: str | None = None
    year: Year | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


class SpinoffOut(Schema):
    id: int
    organisation_id: int
    name: str
    status: str
    incorporated_on: datetime.date | None
    equity_percent: Decimal
    licence_id: int | None
    founders: list[str]


def _params(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


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
        "ip_kinds": sel.public_asset_kinds(tech),
        "inventors": [
            {"name": p.name, "url": p.get_public_url()} for p in sel.public_inventors(tech)
        ],
        "sdgs": accepted_goals_for([tech]).get(tech.pk, []),
        "published_at": tech.published_at,
        "url": tech.get_public_url(),
    }


@router.get("/catalogue", response=CataloguePage, auth=None, summary="Search the public catalogue")
def catalogue_search(request, filters: Query[CatalogueFilters]):
    params = _params(filters)
    hits = sel.catalogue_search(params)
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
)
def catalogue_detail(request, slug: str):
    return _public_out(get_published_technology(slug))


@router.get(
    "/catalogue/{slug}/enquiry-token",
    response=EnquiryTokenOut,
    auth=None,
    summary="A form token for an enquiry (public)",
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
    limit, window = services.enquiry_limits()
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
    enquiry = services.enquiry_submit(technology=tech, by=user, ip=ip, **form.service_fields())
    ref = enquiry.opportunity.reference if enquiry.opportunity_id else ""
    return 201, {"received": True, "reference": ref}


def _licence_out(lic) -> dict:
    return {
        "id": lic.pk,
        "reference": lic.reference,
        "technology_id": lic.technology_id,
        "technology_title": lic.technology.title,
        "licensee_id": lic.licensee_id,
        "licensee_name": lic.licensee.legal_name,
        "exclusivity": lic.exclusivity,
        "field_of_use": lic.field_of_use,
        "territory": lic.territory,
        "upfront_fee": lic.upfront_fee,
        "royalty_rate": lic.royalty_rate,
        "milestones": lic.milestones,
        "start_date": lic.start_date,
        "end_date": lic.end_date,
        "status": lic.status,
        "memorandum_id": lic.memorandum_id,
    }


@router.get("/licences", response=list[LicenceOut], summary="Licences you may see")
def licence_list(request, filters: Query[LicenceFilters]):
    user = request.auth
    if not can_see_licences(user):
        return []
    qs = sel.filter_licences(sel.licences_for(user), _params(filters))
    return [_licence_out(lic) for lic in qs[filters.offset : filters.offset + filters.limit]]


@router.get("/licences/{licence_id}", response=LicenceOut)
def licence_detail(request, licence_id: int):
    return _licence_out(get_licence_for_user(request.auth, licence_id))


def _payment_out(p, visibility: str, user) -> dict:
    shares = None
    if visibility != "none":
        shares = [
            {"party": s.party, "name": s.name, "amount": s.amount}
            for s in p.shares.all()
            if visibility == "all" or s.user_id == user.pk
        ]
    return {
        "id": p.pk,
        "licence_id": p.licence_id,
        "kind": p.kind,
        "received_on": p.received_on,
        "period_year": p.period_year,
        "amount": p.amount,
        "costs": p.costs,
        "reference": p.reference,
        "shares": shares,
    }


@router.get(
    "/licences/{licence_id}/payments",
    response=list[PaymentOut],
    summary="A licence's payments (with the revenue split you may see)",
)
def licence_payments(request, licence_id: int):
    user = request.auth
    licence = get_licence_for_user(user, licence_id)
    visibility = split_visibility(user, licence)
    return [_payment_out(p, visibility, user) for p in licence.payments.prefetch_related("shares")]


@router.get("/payments", response=list[PaymentOut], summary="Payments you may see")
def payment_list(
    request,
    year: int | None = Query(None, ge=1, le=9999),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=DB_INT_MAX),
):
    user = request.auth
    if not can_see_licences(user):
        return []
    qs = sel.filter_payments(sel.payments_for(user), {"year": year}).prefetch_related("shares")
    out = []
    for p in qs[offset : offset + limit]:
        out.append(_payment_out(p, split_visibility(user, p.licence), user))
    return out


@router.get("/spinoffs", response=list[SpinoffOut], summary="Spin-offs you may see")
def spinoff_list(request):
    user = request.auth
    if not can_see_spinoffs(user):
        return []
    return [
        {
            "id": s.pk,
            "organisation_id": s.organisation_id,
            "name": s.organisation.legal_name,
            "status": s.status,
            "incorporated_on": s.incorporated_on,
            "equity_percent": s.equity_percent,
            "licence_id": s.licence_id,
            "founders": [f.display_name for f in s.founders.all()],
        }
        for s in sel.spinoffs_for(user).prefetch_related("founders")
    ]
