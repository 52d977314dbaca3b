"""Placements and their logbooks."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from jalinan.accounts.models import User
from jalinan.api.params import Id, Pagination

from .. import selectors, services
from ..permissions import can_write_logbook, get_placement_for_user
from .common import PlacementsRouter

router = PlacementsRouter()


class PlacementOut(Schema):
    id: int
    application_id: int | None = Field(
        ..., description="null: recorded from the office's register (no application)."
    )
    reference: str = Field(..., description="The office's reference, for a recorded placement.")
    kind: str
    student_id: int
    student_name: str = Field(..., alias="student.full_name")
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.legal_name")
    starts_on: date
    ends_on: date
    status: str
    industry_supervisor_name: str
    industry_supervisor_email: str
    industry_supervisor_phone: str
    academic_supervisor_id: int | None


class PlacementPatch(Schema):
    """Only the fields sent change; none but the academic supervisor may be set to null."""

    industry_supervisor_name: str = None
    industry_supervisor_email: str = None
    industry_supervisor_phone: str = None
    academic_supervisor_id: int | None = Field(None, description="null: no academic supervisor.")
    starts_on: date = None
    ends_on: date = None
    status: str = None


class PlacementFilters(Schema):
    status: str | None = None
    organisation_id: Id | None = None


class LogbookOut(Schema):
    id: int
    week: int
    activities: str
    learning: str
    hours: int | None
    status: str
    review_comment: str
    submitted_at: datetime


class LogbookIn(Schema):
    week: int
    activities: str
    learning: str = ""
    hours: int | None = None


@router.get("/placements", response=list[PlacementOut], summary="Placements you may see")
@paginate(Pagination)
def list_placements(request, filters: Query[PlacementFilters]):
    qs = selectors.placements.placements_for(request.auth).order_by("-starts_on", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    return qs


@router.get("/placements/{placement_id}", response=PlacementOut)
def get_placement(request, placement_id: int):
    return get_placement_for_user(request.auth, placement_id)


@router.patch("/placements/{placement_id}", response=PlacementOut)
def update_placement(request, placement_id: int, payload: PlacementPatch):
    user = request.auth
    placement = get_placement_for_user(user, placement_id, write=True)
    data = payload.dict(exclude_unset=True)
    if "academic_supervisor_id" in data:
        sid = data.pop("academic_supervisor_id")
        data["academic_supervisor"] = User.objects.filter(pk=sid).first() if sid else None
    return services.placements.placement_update(placement=placement, by=user, **data)


@router.get("/placements/{placement_id}/logbook", response=list[LogbookOut])
def list_logbook(request, placement_id: int):
    placement = get_placement_for_user(request.auth, placement_id)
    return placement.logbook_entries.order_by("week")


@router.post("/placements/{placement_id}/logbook", response={201: LogbookOut})
def write_logbook(request, placement_id: int, payload: LogbookIn):
    placement = get_placement_for_user(request.auth, placement_id)
    if not can_write_logbook(request.auth, placement):
        raise PermissionDenied
    return 201, services.logbooks.logbook_entry_save(
        placement=placement, by=request.auth, **payload.dict()
    )
