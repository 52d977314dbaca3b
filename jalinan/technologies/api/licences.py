"""Licences and their payments in the REST API, with the pages' permissions (the revenue
split only as far as the reader may see it)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema

from jalinan.api.params import DB_INT_MAX, Offset, Year

from .. import selectors
from ..permissions.licences import can_see_licences, get_licence_for_user, split_visibility
from .common import query_params

router = Router(tags=["technologies"])


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


@router.get(
    "/licences",
    response=list[LicenceOut],
    summary="Licences you may see",
    operation_id="jalinan_technologies_api_transfer_licence_list",
)
def licence_list(request, filters: Query[LicenceFilters]):
    user = request.auth
    if not can_see_licences(user):
        return []
    qs = selectors.licences.filter_licences(
        selectors.licences.licences_for(user), query_params(filters)
    )
    return [_licence_out(lic) for lic in qs[filters.offset : filters.offset + filters.limit]]


@router.get(
    "/licences/{licence_id}",
    response=LicenceOut,
    operation_id="jalinan_technologies_api_transfer_licence_detail",
)
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
    operation_id="jalinan_technologies_api_transfer_licence_payments",
)
def licence_payments(request, licence_id: int):
    user = request.auth
    licence = get_licence_for_user(user, licence_id)
    visibility = split_visibility(user, licence)
    return [_payment_out(p, visibility, user) for p in licence.payments.prefetch_related("shares")]


@router.get(
    "/payments",
    response=list[PaymentOut],
    summary="Payments you may see",
    operation_id="jalinan_technologies_api_transfer_payment_list",
)
def payment_list(
    request,
    year: int | None = Query(None, ge=1, le=9999),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=DB_INT_MAX),
):
    user = request.auth
    if not can_see_licences(user):
        return []
    qs = selectors.licences.filter_payments(
        selectors.licences.payments_for(user), {"year": year}
    ).prefetch_related("shares")
    out = []
    for p in qs[offset : offset + limit]:
        out.append(_payment_out(p, split_visibility(user, p.licence), user))
    return out
