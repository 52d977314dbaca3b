"""The pipeline in the REST API, mounted at /api/v1/pipeline/, with the pages' filters,
permissions and validation."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.api.params import Id, Offset, Year

from . import selectors, services
from .forms import MoveForm, OpportunityForm
from .permissions import can_create_opportunity, can_see_pipeline, get_opportunity_for_user

router = Router(tags=["pipeline"])


class OpportunityOut(Schema):
    id: int
    reference: str
    title: str
    description: str
    source: str
    stage: str
    stage_entered_at: datetime.datetime
    lost_reason: str
    lost_note: str
    organisation_id: int | None
    organisation_name: str
    contact_name: str
    contact_email: str
    contact_phone: str
    unit_id: int | None
    owner_id: int | None
    memorandum_id: int | None
    project_id: int | None
    estimated_value: Decimal | None
    created_at: datetime.datetime
    closed_at: datetime.datetime | None


class OpportunityIn(Schema):
    title: str = Field(..., max_length=300)
    source: str = "direct"
    stage: str = "enquiry"
    description: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    unit_id: int | None = None
    owner_id: int | None = None
    estimated_value: Decimal | None = None


class MoveIn(Schema):
    to_stage: str
    lost_reason: str = ""
    note: str = ""


class OpportunityFilters(Schema):
    q: str | None = None
    source: str | None = None
    stage: str | None = None
    unit: Id | None = None
    owner: str | None = None
    sector: str | None = None
    year: Year | None = None
    partner: Id | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    sort: str | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


class OpportunityPage(Schema):
    items: list[OpportunityOut]
    count: int


class StageFigures(Schema):
    stage: str
    label: str
    reached: int
    current: int
    converted: int | None
    conversion: float | None
    median_days: float | None
    lost_here: int


class LostReasonCount(Schema):
    reason: str
    label: str
    count: int


class LostFigures(Schema):
    total: int
    by_reason: list[LostReasonCount]


class FunnelGroup(Schema):
    key: str | int | None
    label: str
    total: int
    open: int
    stages: list[StageFigures]
    to_agreement: int
    to_project: int
    agreement_rate: float | None
    project_rate: float | None
    lost: LostFigures


class FunnelOut(Schema):
    total: int
    open: int
    stages: list[StageFigures]
    to_agreement: int
    to_project: int
    agreement_rate: float | None
    project_rate: float | None
    lost: LostFigures
    by: str | None = None
    groups: list[FunnelGroup] | None = None


def _need_access(user):
    if not can_see_pipeline(user):
        raise Http404


def _params(filters) -> dict:
    data = filters.dict(exclude={"limit", "offset"})
    return {k: v for k, v in data.items() if v is not None}


@router.get("/", response=OpportunityPage, summary="Opportunities you may see")
def list_opportunities(request, filters: Query[OpportunityFilters]):
    user = request.auth
    _need_access(user)
    qs = selectors.filter_opportunities(selectors.opportunities_for(user), _params(filters))
    page = list(qs[filters.offset : filters.offset + filters.limit])
    return {"items": page, "count": qs.count()}


@router.get("/funnel", response=FunnelOut, summary="Funnel figures of the opportunities")
def get_funnel(request, filters: Query[OpportunityFilters], by: str | None = None):
    user = request.auth
    _need_access(user)
    if by not in (None, "", "unit", "sector"):
        raise ValidationError({"by": "Use unit or sector."})
    qs = selectors.filter_opportunities(selectors.opportunities_for(user), _params(filters))
    return selectors.funnel(qs, by=by or None)


@router.get("/{opportunity_id}", response=OpportunityOut)
def get_opportunity(request, opportunity_id: int):
    return get_opportunity_for_user(request.auth, opportunity_id)


@router.post("/", response={201: OpportunityOut})
def create_opportunity(request, payload: OpportunityIn):
    user = request.auth
    if not can_create_opportunity(user):
        raise Http404
    data = payload.dict()
    form_data = {
        "title": data["title"],
        "source": data["source"],
        "stage": data["stage"],
        "description": data["description"],
        "organisation": data["organisation_id"] or "",
        "organisation_name": data["organisation_name"],
        "contact_name": data["contact_name"],
        "contact_email": data["contact_email"],
        "contact_phone": data["contact_phone"],
        "unit": data["unit_id"] or "",
        "owner": data["owner_id"] or "",
        "estimated_value": "" if data["estimated_value"] is None else str(data["estimated_value"]),
    }
    form = OpportunityForm(data=form_data, user=user)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return 201, services.opportunity_create(by=user, **form.service_fields())


@router.post("/{opportunity_id}/move", response=OpportunityOut)
def move_opportunity(request, opportunity_id: int, payload: MoveIn):
    user = request.auth
    opp = get_opportunity_for_user(user, opportunity_id, write=True)
    form = MoveForm(data=payload.dict(), current=opp.stage)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    c = form.cleaned_data
    return services.opportunity_move(
        opportunity=opp,
        to_stage=c["to_stage"],
        by=user,
        note=c["note"],
        lost_reason=c["lost_reason"],
    )
