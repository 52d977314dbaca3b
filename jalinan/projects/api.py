"""The projects part of the REST API, mounted at /api/v1/projects/, with the pages' filters,
permissions and form validation."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.api.params import Id, Offset, Year

from . import selectors, services
from .forms import ProjectForm
from .permissions import (
    can_create_project,
    can_see_internal,
    can_see_projects,
    get_project_for_user,
)

router = Router(tags=["projects"])


class MemberOut(Schema):
    id: int
    user_id: int | None
    name: str
    role: str
    is_student: bool


class FundingOut(Schema):
    id: int
    year: int
    organisation_id: int | None
    cash: Decimal
    in_kind: Decimal


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: datetime.date
    status: str
    is_deliverable: bool
    completed_on: datetime.date | None
    late: bool


class OutputOut(Schema):
    id: int
    kind: str
    title: str
    year: int | None
    url: str


class IncomeOut(Schema):
    id: int
    received_on: datetime.date
    amount: Decimal
    payer_id: int | None
    reference: str


class ProjectOut(Schema):
    id: int
    reference: str
    title: str
    kind: str
    status: str
    summary: str
    lead_id: int
    unit_id: int | None
    organisation_ids: list[int]
    memorandum_id: int | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    funding_cash: Decimal
    funding_in_kind: Decimal
    income_total: Decimal
    url: str


class ProjectDetailOut(ProjectOut):
    internal_notes: str | None
    team: list[MemberOut]
    funding: list[FundingOut]
    milestones: list[MilestoneOut]
    outputs: list[OutputOut]
    income: list[IncomeOut]


class ProjectIn(Schema):
    title: str = Field(..., max_length=300)
    kind: str
    status: str = "planned"
    summary: str = ""
    internal_notes: str = ""
    lead_id: int
    unit_id: int
    organisation_ids: list[Id] = Field(..., min_length=1)
    memorandum_id: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class ProjectPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    title: str = Field(None, max_length=300)
    kind: str = None
    summary: str = None
    internal_notes: str = None
    lead_id: int = None
    unit_id: int | None = None
    organisation_ids: list[Id] = None
    memorandum_id: int | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: str = None


class ProjectFilters(Schema):
    q: str | None = None
    kind: str | None = None
    status: str | None = None
    unit: Id | None = None
    partner: Id | None = None
    year: Year | None = None
    memorandum: Id | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    mine: bool | None = None
    sort: str | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


class ProjectPage(Schema):
    items: list[ProjectOut]
    count: int


KEYS = {
    "lead_id": "lead",
    "unit_id": "unit",
    "organisation_ids": "organisations",
    "memorandum_id": "memorandum",
}


def _cents(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


def _out(p) -> dict:
    return {
        "id": p.pk,
        "reference": p.reference,
        "title": p.title,
        "kind": p.kind,
        "status": p.status,
        "summary": p.summary,
        "lead_id": p.lead_id,
        "unit_id": p.unit_id,
        "organisation_ids": [o.pk for o in p.organisations.all()],
        "memorandum_id": p.memorandum_id,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "funding_cash": _cents(p.cash_total),
        "funding_in_kind": _cents(p.in_kind_total),
        "income_total": _cents(p.income_total),
        "url": p.get_absolute_url(),
    }


def _detail(user, project) -> dict:
    row = selectors.list_rows(selectors.projects_for(user).filter(pk=project.pk), user=user).get()
    internal = can_see_internal(user, project)
    income = project.income.all()
    if not internal:
        income = income.filter(payer_id=getattr(user, "organisation_id", None) or -1)
    return {
        **_out(row),
        "internal_notes": project.internal_notes if internal else None,
        "team": [
            {
                "id": m.pk,
                "user_id": m.user_id,
                "name": m.display_name,
                "role": m.role,
                "is_student": m.is_student,
            }
            for m in selectors.team_of(user, project)
        ],
        "funding": list(project.funding.all()),
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "due_date": m.due_date,
                "status": m.status,
                "is_deliverable": m.is_deliverable,
                "completed_on": m.completed_on,
                "late": m.is_late,
            }
            for m in project.milestones.all()
        ],
        "outputs": list(project.outputs.all()),
        "income": list(income),
    }


def _validated(user, data: dict, instance=None) -> ProjectForm:
    form_data = {}
    for key, value in data.items():
        key = KEYS.get(key, key)
        if value is None:
            value = ""
        elif isinstance(value, (datetime.date, int)) and not isinstance(value, bool):
            value = str(value)
        form_data[key] = value
    form = ProjectForm(data=form_data, instance=instance, user=user)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form


@router.get("/", response=ProjectPage, summary="Projects you may see")
def list_projects(request, filters: Query[ProjectFilters]):
    user = request.auth
    params = filters.dict(exclude={"limit", "offset"})
    params["mine"] = "1" if filters.mine else None
    qs = selectors.filter_projects(selectors.projects_for(user), params, user=user)
    page = selectors.list_rows(qs, user=user)[filters.offset : filters.offset + filters.limit]
    return {"items": [_out(p) for p in page], "count": qs.count()}


@router.get("/{project_id}", response=ProjectDetailOut)
def get_project(request, project_id: int):
    user = request.auth
    return _detail(user, get_project_for_user(user, project_id))


@router.post("/", response={201: ProjectDetailOut})
def create_project(request, payload: ProjectIn):
    user = request.auth
    if not can_create_project(user):
        if can_see_projects(user):
            raise PermissionDenied
        raise Http404
    form = _validated(user, payload.dict())
    project = services.project_create(by=user, **form.service_fields())
    return 201, _detail(user, project)


@router.patch("/{project_id}", response=ProjectDetailOut)
def update_project(request, project_id: int, payload: ProjectPatch):
    user = request.auth
    project = get_project_for_user(user, project_id, write=True)
    changes = payload.dict(exclude_unset=True)
    status = changes.pop("status", None)
    if changes:
        current = {
            "title": project.title,
            "kind": project.kind,
            "summary": project.summary,
            "internal_notes": project.internal_notes,
            "lead_id": project.lead_id,
            "unit_id": project.unit_id,
            "organisation_ids": [o.pk for o in project.organisations.all()],
            "memorandum_id": project.memorandum_id,
            "start_date": project.start_date,
            "end_date": project.end_date,
        }
        form = _validated(user, {**current, **changes}, instance=project)
        project = services.project_update(project=project, by=user, **form.service_fields())
    if status and status != project.status:
        project = services.project_set_status(project=project, by=user, status=status)
    return _detail(user, project)
