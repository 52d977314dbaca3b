"""Openings: the list (or the student's eligible ones), the student's recommended openings
with the reasons, posting, changing, approving or rejecting, closing."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from jalinan.accounts.models import User
from jalinan.accounts.roles import is_oil
from jalinan.agreements.permissions import can_view_memorandum
from jalinan.agreements.selectors import memoranda_for
from jalinan.api.params import Id, Pagination
from jalinan.partners.selectors import organisations_for

from .. import selectors, services
from ..choices import OpeningKind, WorkMode
from ..models import Programme
from ..permissions import (
    can_close_opening,
    can_post_opening,
    can_review_opening,
    can_use_placements,
    get_opening_for_user,
    is_student,
)
from .common import PlacementsRouter

router = PlacementsRouter()


class OpeningOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(..., alias="organisation.legal_name")
    kind: str
    title: str
    description: str
    skills: list[str]
    programmes: list[str]
    min_year: int | None
    max_year: int | None
    work_mode: str
    state: str
    city: str
    starts_on: date
    ends_on: date
    allowance_rm: Decimal | None
    places: int
    deadline: date
    status: str
    memorandum_id: int | None = Field(
        None, description="The Internship Agreement this opening falls under, if any."
    )
    memorandum_reference: str | None = Field(
        None, description="Its reference, when you may see that memorandum."
    )

    @staticmethod
    def resolve_programmes(obj):
        return [p.code for p in obj.programmes.all()]

    @staticmethod
    def resolve_memorandum_reference(obj, context):
        memo = obj.memorandum if obj.memorandum_id else None
        if memo is None or not can_view_memorandum(context["request"].auth, memo):
            return None
        return memo.reference


class FitOut(Schema):
    """Why an opening fits a student, or an applicant an opening."""

    score: float | None = Field(
        None, description="The matching engine's score; null when it could not score this one."
    )
    skills: list[str] = Field(
        [], description="The student's skills the opening names (exact, ignoring case)."
    )
    terms: list[str] = Field([], description="Other words the two texts share.")
    programme: bool = Field(False, description="The opening names the student's programme.")
    hidden: bool = Field(
        False, description="Some reasons left out: the student does not share that part."
    )


class RecommendedOpeningOut(OpeningOut):
    has_applied: bool
    fit: FitOut


class OpeningIn(Schema):
    organisation_id: int | None = Field(
        None, description="The office only; a partner always posts for its own organisation."
    )
    kind: OpeningKind
    title: str = Field(..., max_length=200)
    description: str
    skills: list[str] = []
    programmes: list[str] = Field([], description="Programme codes; empty = every programme.")
    min_year: int | None = None
    max_year: int | None = None
    work_mode: WorkMode = WorkMode.ON_SITE
    state: str = ""
    city: str = ""
    starts_on: date
    ends_on: date
    allowance_rm: Decimal | None = None
    places: int = 1
    deadline: date
    memorandum_id: int | None = Field(
        None, description="The office only: an Internship Agreement the organisation is party to."
    )


class OpeningPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    kind: OpeningKind = None
    title: str = Field(None, max_length=200)
    description: str = None
    skills: list[str] = None
    programmes: list[str] = None
    min_year: int | None = None
    max_year: int | None = None
    work_mode: WorkMode = None
    state: str = None
    city: str = None
    starts_on: date = None
    ends_on: date = None
    allowance_rm: Decimal | None = None
    places: int = None
    deadline: date = None
    memorandum_id: int | None = Field(
        None, description="The office only: an Internship Agreement, or null to unlink."
    )


class OpeningFilters(Schema):
    q: str | None = None
    kind: str | None = None
    status: str | None = None
    organisation_id: Id | None = None
    eligible: bool | None = Field(
        None, description="Students: only the openings you may apply to, soonest deadline first."
    )


class OpeningReviewIn(Schema):
    note: str = ""


def _memorandum(user, data: dict) -> None:
    """Turn the payload's ``memorandum_id`` into the memorandum the services take; only the
    office links memoranda (a partner's value is ignored, as on the form)."""
    if "memorandum_id" not in data:
        return
    pk = data.pop("memorandum_id")
    if not is_oil(user):
        return
    memo = memoranda_for(user).filter(pk=pk).first() if pk is not None else None
    if pk is not None and memo is None:
        raise ValidationError({"memorandum_id": ["There is no such memorandum."]})
    data["memorandum"] = memo


def _programmes(codes):
    found = list(Programme.objects.filter(code__in=codes))
    missing = set(codes) - {p.code for p in found}
    if missing:
        raise ValidationError({"programmes": [f"Unknown programme code(s): {sorted(missing)}"]})
    return found


@router.get("/openings", response=list[OpeningOut], summary="Openings you may see")
@paginate(Pagination)
def list_openings(request, filters: Query[OpeningFilters]):
    user = request.auth
    if filters.eligible:
        qs = selectors.openings.openings_for_student(user, user) if is_student(user) else None
        if qs is None:
            return selectors.openings.openings_for(user).none()
    else:
        qs = selectors.openings.openings_for(user).order_by("deadline", "pk")
    if filters.q:
        qs = qs.filter(
            Q(title__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(skills__icontains=filters.q)
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    return qs.prefetch_related("programmes", "memorandum__parties")


@router.get(
    "/openings/recommended",
    response=list[RecommendedOpeningOut],
    summary="Students: the openings you may apply to, best fit first, with the reasons",
)
@paginate(Pagination)
def recommended_openings(request, student_id: int | None = None):
    """The openings the student may apply to, ranked by fit with their skills, programme and
    languages (those the matching engine cannot score follow, soonest deadline first). The
    office may ask on a student's behalf with ``student_id``."""
    user = request.auth
    if student_id is not None and student_id != user.pk:
        student = User.objects.filter(pk=student_id).first() if is_oil(user) else None
        if student is None or not is_student(student):
            raise Http404
    elif is_student(user):
        student = user
    elif can_use_placements(user):
        raise PermissionDenied
    else:
        raise Http404
    return selectors.openings.recommended_openings(student, user)


@router.get("/openings/{opening_id}", response=OpeningOut)
def get_opening(request, opening_id: int):
    return get_opening_for_user(request.auth, opening_id)


@router.post("/openings", response={201: OpeningOut})
def create_opening(request, payload: OpeningIn):
    user = request.auth
    if not can_post_opening(user):
        raise Http404
    data = payload.dict()
    org_id = data.pop("organisation_id")
    programmes = _programmes(data.pop("programmes"))
    _memorandum(user, data)
    if not is_oil(user):
        org_id = user.organisation_id
    organisation = organisations_for(user).exclude(status="merged").filter(pk=org_id).first()
    if organisation is None:
        raise Http404
    opening = services.openings.opening_create(
        by=user, organisation=organisation, programmes=programmes, **data
    )
    return 201, opening


@router.patch("/openings/{opening_id}", response=OpeningOut)
def update_opening(request, opening_id: int, payload: OpeningPatch):
    user = request.auth
    opening = get_opening_for_user(user, opening_id, write=True)
    data = payload.dict(exclude_unset=True)
    programmes = _programmes(data.pop("programmes")) if "programmes" in data else None
    _memorandum(user, data)
    return services.openings.opening_update(opening=opening, by=user, programmes=programmes, **data)


@router.post("/openings/{opening_id}/approve", response=OpeningOut)
def approve_opening(request, opening_id: int, payload: OpeningReviewIn):
    opening = get_opening_for_user(request.auth, opening_id)
    if not can_review_opening(request.auth, opening):
        raise PermissionDenied
    return services.openings.opening_approve(opening=opening, by=request.auth, note=payload.note)


@router.post("/openings/{opening_id}/reject", response=OpeningOut)
def reject_opening(request, opening_id: int, payload: OpeningReviewIn):
    opening = get_opening_for_user(request.auth, opening_id)
    if not can_review_opening(request.auth, opening):
        raise PermissionDenied
    return services.openings.opening_reject(opening=opening, by=request.auth, note=payload.note)


@router.post("/openings/{opening_id}/close", response=OpeningOut)
def close_opening(request, opening_id: int):
    opening = get_opening_for_user(request.auth, opening_id)
    if not can_close_opening(request.auth, opening):
        raise PermissionDenied
    return services.openings.opening_close(opening=opening, by=request.auth)
