"""The IP portfolio and its upcoming deadlines in the REST API (IP staff, and inventors for
the assets of their disclosures)."""

import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.api.params import Id, Offset

from .. import selectors
from ..permissions.assets import can_see_portfolio, get_asset_for_user

router = Router(tags=["technologies"])


class DeadlineOut(Schema):
    id: int
    asset_id: int
    kind: str
    due_date: datetime.date
    description: str
    is_computed: bool
    done_on: datetime.date | None


class AssetSummaryOut(Schema):
    id: int
    reference: str
    kind: str
    title: str
    office: str
    application_number: str
    filing_date: datetime.date | None
    priority_date: datetime.date | None
    status: str
    granted_on: datetime.date | None
    disclosure_id: int | None
    unit_id: int | None


class AssetOut(AssetSummaryOut):
    publication_number: str
    grant_number: str
    expires_on: datetime.date | None
    family_id: int | None
    family_member_ids: list[int]
    deadlines: list[DeadlineOut]


class AssetPage(Schema):
    items: list[AssetSummaryOut]
    count: int


class AssetFilters(Schema):
    q: str | None = None
    kind: str | None = None
    status: str | None = None
    office: str | None = None
    unit: Id | None = None
    within: int | None = Field(None, ge=0, le=36500)
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


def _asset_out(a) -> dict:
    return {
        **{f: getattr(a, f) for f in AssetOut.model_fields if hasattr(a, f)},
        "family_member_ids": list(a.family_members.values_list("pk", flat=True)),
        "deadlines": list(a.deadlines.all()),
    }


@router.get(
    "/assets/",
    response=AssetPage,
    summary="IP assets you may see",
    operation_id="jalinan_technologies_api_list_assets",
)
def list_assets(request, filters: Query[AssetFilters]):
    user = request.auth
    if not can_see_portfolio(user):
        raise Http404
    params = filters.dict(exclude={"limit", "offset"})
    qs = selectors.assets.filter_assets(selectors.assets.assets_for(user), params)
    return {
        "items": list(qs[filters.offset : filters.offset + filters.limit]),
        "count": qs.count(),
    }


@router.get(
    "/assets/{asset_id}", response=AssetOut, operation_id="jalinan_technologies_api_get_asset"
)
def get_asset(request, asset_id: int):
    return _asset_out(get_asset_for_user(request.auth, asset_id))


@router.get(
    "/deadlines/upcoming",
    response=list[DeadlineOut],
    summary="Open IP deadlines",
    operation_id="jalinan_technologies_api_upcoming_deadlines",
)
def upcoming_deadlines(request, days: int = Query(180, ge=0, le=3650)):
    user = request.auth
    if not can_see_portfolio(user):
        raise Http404
    return list(selectors.assets.upcoming_deadlines(user, days=days)[:1000])
