"""The engagement log in the REST API, mounted at /api/v1/engagements/, with the pages' filters,
permissions and form validation."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.accounts.roles import is_staff_member
from jalinan.agreements.selectors import memoranda_for
from jalinan.api.params import Id, Offset
from jalinan.core.files import file_response

from . import selectors, services
from .forms import ActivityForm
from .permissions import (
    can_create_activity,
    can_see_activities,
    can_see_students,
    get_activity_for_user,
    get_attachment_for_user,
)

router = Router(tags=["engagements"])


class ActivityOut(Schema):
    id: int
    title: str
    activity_type: str
    date: datetime.date
    location: str
    description: str
    outcome: str
    unit_id: int | None
    organisation_ids: list[int]
    memorandum_ids: list[int]
    deliverable_ids: list[int]
    staff_ids: list[int]
    student_ids: list[int] | None


class ActivityIn(Schema):
    title: str = Field(..., max_length=300)
    activity_type: str
    date: datetime.date
    location: str = ""
    description: str = ""
    outcome: str = ""
    unit_id: int | None = None
    organisation_ids: list[Id] = Field(..., min_length=1)
    memorandum_ids: list[Id] = []
    deliverable_ids: list[Id] = []
    staff_ids: list[Id] = []
    student_ids: list[Id] = []


class ActivityPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    title: str = Field(None, max_length=300)
    activity_type: str = None
    date: datetime.date = None
    location: str = None
    description: str = None
    outcome: str = None
    unit_id: int | None = None
    organisation_ids: list[Id] = None
    memorandum_ids: list[Id] = None
    deliverable_ids: list[Id] = None
    staff_ids: list[Id] = None
    student_ids: list[Id] = None


class AttachmentOut(Schema):
    id: int
    original_name: str
    size: int
    content_type: str
    is_internal: bool
    uploaded_at: datetime.datetime


class ActivityFilters(Schema):
    q: str | None = None
    type: str | None = None
    partner: Id | None = None
    memorandum: Id | None = None
    unit: Id | None = None
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")
    sdg: int | None = Field(None, ge=1, le=17)
    mine: bool | None = None
    sort: str | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


RELATION_KEYS = {
    "organisation_ids": "organisations",
    "memorandum_ids": "memoranda",
    "deliverable_ids": "deliverables",
    "staff_ids": "staff",
    "student_ids": "students",
    "unit_id": "unit",
}


def _out(user, a, visible_memos: set | None = None) -> dict:
    if visible_memos is None:
        visible_memos = set(memoranda_for(user).filter(activities=a).values_list("pk", flat=True))
    return {
        "id": a.pk,
        "title": a.title,
        "activity_type": a.activity_type,
        "date": a.date,
        "location": a.location,
        "description": a.description,
        "outcome": a.outcome,
        "unit_id": a.unit_id,
        "organisation_ids": [o.pk for o in a.organisations.all()],
        "memorandum_ids": sorted(m.pk for m in a.memoranda.all() if m.pk in visible_memos),
        "deliverable_ids": [d.pk for d in a.deliverables.all() if d.memorandum_id in visible_memos],
        "staff_ids": [u.pk for u in a.staff.all()],
        "student_ids": [u.pk for u in a.students.all()] if can_see_students(user, a) else None,
    }


def _validated(user, data: dict, instance=None) -> ActivityForm:
    form_data = {}
    for key, value in data.items():
        key = RELATION_KEYS.get(key, key)
        if value is None:
            value = ""
        elif isinstance(value, (datetime.date, int)) and not isinstance(value, bool):
            value = str(value)
        form_data[key] = value
    form = ActivityForm(data=form_data, instance=instance, user=user)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form


class ActivityPage(Schema):
    items: list[ActivityOut]
    count: int


@router.get("/", response=ActivityPage, summary="Activities you may see")
def list_activities(request, filters: Query[ActivityFilters]):
    user = request.auth
    limit, offset = filters.limit, filters.offset
    params = {
        "q": filters.q,
        "type": filters.type,
        "partner": filters.partner,
        "memorandum": filters.memorandum,
        "unit": filters.unit,
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
        "sdg": filters.sdg,
        "mine": "1" if filters.mine else None,
        "sort": filters.sort,
    }
    qs = selectors.filter_activities(selectors.activities_for(user), params, user=user)
    page = list(
        selectors.list_rows(qs).prefetch_related("deliverables", "staff", "students")[
            offset : offset + limit
        ]
    )
    visible = set(
        memoranda_for(user).filter(activities__in=[a.pk for a in page]).values_list("pk", flat=True)
    )
    return {"items": [_out(user, a, visible) for a in page], "count": qs.count()}


@router.get("/{activity_id}", response=ActivityOut)
def get_activity(request, activity_id: int):
    return _out(request.auth, get_activity_for_user(request.auth, activity_id))


@router.post("/", response={201: ActivityOut})
def create_activity(request, payload: ActivityIn):
    user = request.auth
    if not can_create_activity(user):
        if can_see_activities(user):
            raise PermissionDenied
        raise Http404
    form = _validated(user, payload.dict())
    return 201, _out(user, services.activity_create(by=user, **form.service_fields()))


@router.patch("/{activity_id}", response=ActivityOut)
def update_activity(request, activity_id: int, payload: ActivityPatch):
    user = request.auth
    activity = get_activity_for_user(user, activity_id, write=True)
    current = {
        "title": activity.title,
        "activity_type": activity.activity_type,
        "date": activity.date,
        "location": activity.location,
        "description": activity.description,
        "outcome": activity.outcome,
        "unit_id": activity.unit_id,
        "organisation_ids": [o.pk for o in activity.organisations.all()],
        "memorandum_ids": [m.pk for m in activity.memoranda.all()],
        "deliverable_ids": [d.pk for d in activity.deliverables.all()],
        "staff_ids": [u.pk for u in activity.staff.all()],
        "student_ids": [u.pk for u in activity.students.all()],
    }
    form = _validated(user, {**current, **payload.dict(exclude_unset=True)}, instance=activity)
    saved = services.activity_update(activity=activity, by=user, **form.service_fields())
    return _out(user, saved)


@router.delete("/{activity_id}", response={204: None})
def delete_activity(request, activity_id: int):
    activity = get_activity_for_user(request.auth, activity_id, write=True)
    services.activity_delete(activity=activity, by=request.auth)
    return 204, None


@router.get("/{activity_id}/attachments", response=list[AttachmentOut])
def list_attachments(request, activity_id: int):
    user = request.auth
    activity = get_activity_for_user(user, activity_id)
    qs = activity.attachments.all()
    return qs if is_staff_member(user) else qs.filter(is_internal=False)


@router.get("/attachments/{attachment_id}/download", response={200: None})
def download_attachment(request, attachment_id: int):
    attachment = get_attachment_for_user(request.auth, attachment_id)
    return file_response(attachment.file, filename=attachment.original_name)
