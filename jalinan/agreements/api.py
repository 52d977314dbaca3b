"""The memoranda part of the REST API, mounted at /api/v1/memoranda/, with the same filters,
permissions and services as the pages. Writes are validated by the pages' own form, so the
rules (which units, people, partners and types one may choose) are the same."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from jalinan.api.params import Id, Pagination
from jalinan.core.files import file_response

from . import selectors, services
from .choices import Health
from .forms import MemorandumForm
from .models import MemorandumType
from .permissions import (
    can_add_document,
    can_create_memorandum,
    can_manage_deliverables,
    can_see_internal_comments,
    can_see_memoranda,
    get_document_for_user,
    get_memorandum_for_user,
)
from .workflow import TransitionNotPermitted, transitions_for

router = Router(tags=["memoranda"])


class TypeOut(Schema):
    id: int
    code: str
    name: str
    name_ms: str
    abbreviation: str
    needs_committee: bool
    is_active: bool


class PartyOut(Schema):
    organisation_id: int
    name: str

    @staticmethod
    def resolve_name(obj):
        return obj.organisation.legal_name


class MemorandumOut(Schema):
    id: int
    reference: str
    title: str
    memo_type_id: int
    memo_type: str
    status: str
    health: str = ""
    initiating_unit_id: int
    initiating_unit: str
    person_in_charge_id: int
    person_in_charge: str
    parties: list[PartyOut]
    scope: str
    objectives: str
    value_cash: Decimal
    value_in_kind: Decimal
    financial_terms: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    duration_months: int | None
    renewal_terms: str
    confidentiality: str
    renews_id: int | None
    proposal_id: int | None = Field(
        ...,
        description="The proposal this memorandum came from (read-only: the proposal names "
        "its memorandum).",
    )
    project_id: int | None = Field(
        ...,
        description="The first project run under this memorandum (read-only: a project "
        "names its memorandum).",
    )
    signed_on: datetime.date | None
    last_activity_on: datetime.date | None
    status_changed_at: datetime.datetime
    version: int

    @staticmethod
    def resolve_memo_type(obj):
        return obj.memo_type.code

    @staticmethod
    def resolve_initiating_unit(obj):
        return obj.initiating_unit.name

    @staticmethod
    def resolve_person_in_charge(obj):
        return obj.person_in_charge.display_name

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_health(obj):
        return getattr(obj, "health", "") or ""

    # The links are stored once, on the records of the apps above this one; these read them
    # back (prefetched on the list, see LINKS).
    @staticmethod
    def resolve_proposal_id(obj):
        return _first_pk(obj.challenge_proposals.all())

    @staticmethod
    def resolve_project_id(obj):
        return _first_pk(obj.projects.all())


# The reverse relations MemorandumOut reads its links from.
LINKS = ("challenge_proposals", "projects")


def _first_pk(rows) -> int | None:
    return min((r.pk for r in rows), default=None)


class StepOut(Schema):
    action: str
    label: str
    target: str
    needs_comment: bool
    fields: list[str]
    blocked_by: str | None


class MemorandumDetailOut(MemorandumOut):
    next_steps: list[StepOut] = []


class MemorandumIn(Schema):
    title: str = Field(..., max_length=300)
    memo_type_id: int
    initiating_unit_id: int
    person_in_charge_id: int | None = None
    party_ids: list[Id] = Field(..., min_length=1)
    scope: str
    objectives: str = ""
    value_cash: Decimal = Decimal("0")
    value_in_kind: Decimal = Decimal("0")
    financial_terms: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    duration_months: int | None = None
    renewal_terms: str = ""
    confidentiality: str = "internal"
    renews_id: int | None = None


class MemorandumPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    version: int = Field(..., description="The version you read; a stale one is refused (409).")
    title: str = Field(None, max_length=300)
    memo_type_id: int = None
    initiating_unit_id: int = None
    person_in_charge_id: int = None
    party_ids: list[Id] = None
    scope: str = None
    objectives: str = None
    value_cash: Decimal = None
    value_in_kind: Decimal = None
    financial_terms: str = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    duration_months: int | None = None
    renewal_terms: str = None
    confidentiality: str = None
    renews_id: int | None = None


class ConflictOut(Schema):
    detail: str
    version: int
    changes: list[dict]


class TransitionIn(Schema):
    comment: str = ""
    meeting_date: datetime.date | None = None
    reference: str = ""
    signed_on: datetime.date | None = None
    start_date: datetime.date | None = None


class StatusChangeOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    comment: str | None
    meeting_date: datetime.date | None
    reference: str
    created_at: datetime.datetime


class DocumentOut(Schema):
    id: int
    kind: str
    version: int
    original_name: str
    size: int
    content_type: str
    is_confidential: bool
    uploaded_at: datetime.datetime


class DeliverableOut(Schema):
    id: int
    title: str
    description: str
    target_quantity: int | None
    due_date: datetime.date | None
    owner_id: int | None
    status: str


class DeliverableIn(Schema):
    title: str = Field(..., max_length=300)
    description: str = ""
    target_quantity: int | None = None
    due_date: datetime.date | None = None
    owner_id: int | None = None
    status: str = "planned"


class MemorandumFilters(Schema):
    q: str | None = None
    status: str | None = None
    type: Id | None = None
    unit: Id | None = None
    partner: Id | None = None
    sector: str | None = None
    country: str | None = None
    expiring: int | None = Field(
        None, ge=0, le=36500, description="in force and ending within this many days"
    )
    health: Health | None = None
    sdg: int | None = Field(None, ge=1, le=17)
    mine: bool | None = None
    sort: str | None = None


FORM_KEYS = {
    "memo_type_id": "memo_type",
    "initiating_unit_id": "initiating_unit",
    "person_in_charge_id": "person_in_charge",
    "party_ids": "parties",
    "renews_id": "renews",
}


def _form_data(values: dict) -> dict:
    data = {}
    for key, value in values.items():
        key = FORM_KEYS.get(key, key)
        if value is None:
            data[key] = ""
        elif isinstance(value, (datetime.date, Decimal, int)) and not isinstance(value, bool):
            data[key] = str(value)
        else:
            data[key] = value
    return data


def _validated(user, data: dict, instance=None) -> MemorandumForm:
    form = MemorandumForm(data=data, instance=instance, user=user)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form


def _detail(user, memo):
    memo.health = selectors.health_of(memo)
    memo.next_steps = [
        {
            "action": t.action,
            "label": str(t.label),
            "target": t.target,
            "needs_comment": t.comment,
            "fields": list(t.fields),
            "blocked_by": problem,
        }
        for t, problem in transitions_for(user, memo)
    ]
    return memo


@router.get("/", response=list[MemorandumOut], summary="Memoranda you may see")
@paginate(Pagination)
def list_memoranda(request, filters: Query[MemorandumFilters]):
    user = request.auth
    if not can_see_memoranda(user):
        return selectors.memoranda_for(user).none()
    params = {k: v for k, v in filters.dict().items() if v is not None}
    if params.get("mine"):
        params["mine"] = "1"
    return selectors.list_rows(
        selectors.filter_memoranda(selectors.memoranda_for(user), params, user=user)
    ).prefetch_related(*LINKS)


@router.get("/types", response=list[TypeOut], summary="Memorandum types")
def list_types(request):
    if not can_see_memoranda(request.auth):
        raise Http404
    return MemorandumType.objects.all()


@router.get("/{memo_id}", response=MemorandumDetailOut)
def get_memorandum(request, memo_id: int):
    user = request.auth
    return _detail(user, get_memorandum_for_user(user, memo_id))


@router.post("/", response={201: MemorandumDetailOut})
def create_memorandum(request, payload: MemorandumIn):
    user = request.auth
    if not can_create_memorandum(user):
        if can_see_memoranda(user):
            raise PermissionDenied
        raise Http404
    values = payload.dict()
    values["person_in_charge_id"] = values["person_in_charge_id"] or user.pk
    form = _validated(user, _form_data(values))
    memo = services.memorandum_create(
        by=user, parties=form.cleaned_data["parties"], **form.service_fields()
    )
    return 201, _detail(user, memo)


@router.patch("/{memo_id}", response={200: MemorandumDetailOut, 409: ConflictOut})
def update_memorandum(request, memo_id: int, payload: MemorandumPatch):
    user = request.auth
    memo = get_memorandum_for_user(user, memo_id, write=True)
    patch = payload.dict(exclude_unset=True)
    version = patch.pop("version")
    current = {
        FORM_KEYS.get(k + "_id", k): v
        for k, v in model_to_dict(memo, fields=MemorandumForm._meta.fields).items()
    }
    current["parties"] = [p.organisation_id for p in memo.parties.all()]
    data = _form_data({**current, **{FORM_KEYS.get(k, k): v for k, v in patch.items()}})
    form = _validated(user, data, instance=memo)
    fields = form.service_fields()
    if "person_in_charge_id" not in patch:
        # only a person in charge given in the patch is a choice (OIL's saves confirm it)
        fields.pop("person_in_charge", None)
    try:
        memo = services.memorandum_update(
            memorandum=memo,
            by=user,
            version=version,
            parties=form.cleaned_data["parties"],
            **fields,
        )
    except services.StaleEdit as exc:
        return 409, {
            "detail": "Someone else saved this memorandum after the version you read.",
            "version": exc.memorandum.version,
            "changes": [
                {"by": e.actor_repr, "at": e.created_at.isoformat(), "changes": e.changes}
                for e in exc.changes
            ],
        }
    return 200, _detail(user, memo)


@router.post("/{memo_id}/transitions/{action}", response=MemorandumDetailOut)
def take_step(request, memo_id: int, action: str, payload: TransitionIn):
    """Take one step of the workflow (see `next_steps` on the memorandum). Recording the
    signing needs the signed copy uploaded first (`POST /{memo_id}/documents`, kind `signed`)."""
    user = request.auth
    memo = get_memorandum_for_user(user, memo_id)
    try:
        applied = services.memorandum_transition(
            memorandum=memo, action=action, by=user, **payload.dict()
        )
    except TransitionNotPermitted as exc:
        raise PermissionDenied(str(exc)) from exc
    return _detail(user, applied.memorandum)


@router.get("/{memo_id}/history", response=list[StatusChangeOut])
def history(request, memo_id: int):
    user = request.auth
    memo = get_memorandum_for_user(user, memo_id)
    internal = can_see_internal_comments(user, memo)
    return [
        {
            "action": c.action,
            "from_status": c.from_status,
            "to_status": c.to_status,
            "actor": c.actor.display_name if c.actor else None,
            "comment": c.comment if internal else None,
            "meeting_date": c.meeting_date,
            "reference": c.reference,
            "created_at": c.created_at,
        }
        for c in selectors.status_changes_for(memo)
    ]


@router.get("/{memo_id}/documents", response=list[DocumentOut])
def list_documents(request, memo_id: int):
    user = request.auth
    return selectors.documents_for(user, get_memorandum_for_user(user, memo_id))


@router.post("/{memo_id}/documents", response={201: DocumentOut})
def upload_document(
    request,
    memo_id: int,
    file: File[UploadedFile],
    kind: Form[str],
    is_confidential: Form[bool] = True,
    note: Form[str] = "",
):
    user = request.auth
    memo = get_memorandum_for_user(user, memo_id)
    if not can_add_document(user, memo):
        raise PermissionDenied
    doc = services.document_add(
        memorandum=memo,
        by=user,
        kind=kind,
        upload=file,
        is_confidential=is_confidential,
        note=note,
    )
    return 201, doc


@router.get("/documents/{doc_id}/download", response={200: None})
def download_document(request, doc_id: int):
    doc = get_document_for_user(request.auth, doc_id)
    return file_response(doc.file, filename=doc.original_name)


@router.get("/{memo_id}/deliverables", response=list[DeliverableOut])
def list_deliverables(request, memo_id: int):
    memo = get_memorandum_for_user(request.auth, memo_id)
    return memo.deliverables.all()


@router.post("/{memo_id}/deliverables", response={201: DeliverableOut})
def create_deliverable(request, memo_id: int, payload: DeliverableIn):
    from .forms import DeliverableForm

    user = request.auth
    memo = get_memorandum_for_user(user, memo_id)
    if not can_manage_deliverables(user, memo):
        raise PermissionDenied
    data = _form_data({**payload.dict(), "owner": payload.owner_id})
    data.pop("owner_id", None)
    form = DeliverableForm(data=data)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return 201, services.deliverable_create(memorandum=memo, by=user, **form.cleaned_data)
