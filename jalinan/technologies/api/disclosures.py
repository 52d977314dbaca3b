"""Invention disclosures in the REST API: inventors see only theirs; everyone else 404."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.accounts.models import Unit
from jalinan.api.params import Id, Offset, Year

from .. import selectors, services
from ..deadlines import first_filing_date, patentability_warnings
from ..forms.disclosures import inventor_candidates
from ..permissions.disclosures import (
    can_create_disclosure,
    can_submit_disclosure,
    get_disclosure_for_user,
)

router = Router(tags=["technologies"])


class InventorOut(Schema):
    user_id: int | None
    name: str
    is_student: bool
    unit_id: int | None
    share: Decimal


class PublicDisclosureOut(Schema):
    kind: str
    date: datetime.date
    details: str


class DisclosureSummaryOut(Schema):
    id: int
    reference: str
    title: str
    status: str
    decision: str
    unit_id: int | None
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None


class DisclosureOut(DisclosureSummaryOut):
    description: str
    novelty: str
    prior_art: str
    funding_source: str
    sponsor_obligations: str
    trl: int
    applications: str
    target_industries: str
    decision_reasons: str
    inventors: list[InventorOut]
    public_disclosures: list[PublicDisclosureOut]
    warnings: list[str]
    asset_ids: list[int]


class InventorIn(Schema):
    user_id: int | None = None
    name: str = Field("", max_length=200)
    is_student: bool = False
    unit_id: int | None = None
    share: Decimal = Field(..., gt=0, le=100, decimal_places=2)


class PublicDisclosureIn(Schema):
    kind: str
    date: datetime.date
    details: str = Field("", max_length=500)


class DisclosureIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    description: str = Field(..., min_length=1)
    novelty: str = Field(..., min_length=1)
    prior_art: str = ""
    funding_source: str = Field("", max_length=300)
    sponsor_obligations: str = ""
    trl: int = Field(3, ge=1, le=9)
    applications: str = ""
    target_industries: str = Field("", max_length=300)
    unit_id: int | None = None
    inventors: list[InventorIn] = Field(..., min_length=1)
    public_disclosures: list[PublicDisclosureIn] = []
    submit: bool = False


class DisclosurePage(Schema):
    items: list[DisclosureSummaryOut]
    count: int


class DisclosureFilters(Schema):
    q: str | None = None
    status: str | None = None
    decision: str | None = None
    unit: Id | None = None
    year: Year | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


def _disclosure_out(user, d) -> dict:
    assets = list(selectors.assets.assets_of_disclosure(user, d))
    return {
        **{f: getattr(d, f) for f in DisclosureOut.model_fields if hasattr(d, f)},
        "unit_id": d.unit_id,
        "inventors": [
            {
                "user_id": i.user_id,
                "name": str(i),
                "is_student": i.is_student,
                "unit_id": i.unit_id,
                "share": i.share,
            }
            for i in d.inventors.all()
        ],
        "public_disclosures": [
            {"kind": p.kind, "date": p.date, "details": p.details}
            for p in d.public_disclosures.all()
        ],
        # As on the page: novelty is judged at the first filing, not today, once filed.
        "warnings": patentability_warnings(
            d.public_disclosures.all(), filing_date=first_filing_date(assets)
        ),
        "asset_ids": [a.pk for a in assets],
    }


@router.get(
    "/disclosures/",
    response=DisclosurePage,
    summary="Disclosures you may see",
    operation_id="jalinan_technologies_api_list_disclosures",
)
def list_disclosures(request, filters: Query[DisclosureFilters]):
    user = request.auth
    params = filters.dict(exclude={"limit", "offset"})
    qs = selectors.disclosures.filter_disclosures(
        selectors.disclosures.disclosures_for(user), params
    )
    return {
        "items": list(qs[filters.offset : filters.offset + filters.limit]),
        "count": qs.count(),
    }


@router.get(
    "/disclosures/{disclosure_id}",
    response=DisclosureOut,
    operation_id="jalinan_technologies_api_get_disclosure",
)
def get_disclosure(request, disclosure_id: int):
    user = request.auth
    return _disclosure_out(user, get_disclosure_for_user(user, disclosure_id))


def _user(pk):
    if pk is None:
        return None
    # The people the form offers (staff and students): naming a partner or an outsider as an
    # inventor would show them the confidential disclosure. Others are named by ``name``.
    user = inventor_candidates().filter(pk=pk).first()
    if user is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"inventors": [f"No user {pk}."]})
    return user


def _unit(pk):
    return Unit.objects.filter(pk=pk).first() if pk is not None else None


@router.post(
    "/disclosures/",
    response={201: DisclosureOut},
    summary="Disclose an invention",
    operation_id="jalinan_technologies_api_create_disclosure",
)
def create_disclosure(request, payload: DisclosureIn):
    user = request.auth
    if not can_create_disclosure(user):
        raise Http404
    data = payload.dict()
    inventors = []
    for row in data.pop("inventors"):
        item = {"share": row["share"], "is_student": row["is_student"], "name": row["name"]}
        if row["user_id"] is not None:
            item["user"] = _user(row["user_id"])
        if row["unit_id"] is not None:
            item["unit"] = _unit(row["unit_id"])
        inventors.append(item)
    public = data.pop("public_disclosures")
    submit = data.pop("submit")
    unit_id = data.pop("unit_id")
    if unit_id is not None:
        data["unit"] = _unit(unit_id)
    disclosure = services.disclosures.disclosure_create(
        by=user, inventors=inventors, public_disclosures=public, **data
    )
    if submit:
        services.disclosures.disclosure_submit(disclosure=disclosure, by=user)
    return 201, _disclosure_out(user, get_disclosure_for_user(user, disclosure.pk))


@router.post(
    "/disclosures/{disclosure_id}/submit",
    response=DisclosureOut,
    operation_id="jalinan_technologies_api_submit_disclosure",
)
def submit_disclosure(request, disclosure_id: int):
    user = request.auth
    disclosure = get_disclosure_for_user(user, disclosure_id)
    if not can_submit_disclosure(user, disclosure):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    services.disclosures.disclosure_submit(disclosure=disclosure, by=user)
    return _disclosure_out(user, get_disclosure_for_user(user, disclosure_id))
