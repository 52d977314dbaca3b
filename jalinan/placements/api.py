"""The placements part of the REST API, mounted at /api/v1/placements/: openings, applications
and placements, with the same permission helpers and services as the pages."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from jalinan.accounts.roles import is_oil
from jalinan.agreements.permissions import can_view_memorandum
from jalinan.agreements.selectors import memoranda_for
from jalinan.api.params import Id, Pagination
from jalinan.partners.selectors import organisations_for

from . import selectors, services, workflow
from .choices import ApplicationStatus, OpeningKind, ShareableField, WorkMode
from .models import Programme
from .permissions import (
    can_close_opening,
    can_post_opening,
    can_review_opening,
    can_see_applicants,
    can_see_outcomes,
    can_use_placements,
    can_write_logbook,
    get_application_for_user,
    get_opening_for_user,
    get_placement_for_user,
    is_student,
    visible_profile_fields,
)

router = Router(tags=["placements"])


# -- schemas --------------------------------------------------------------------------------


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


class ApplyIn(Schema):
    cover_note: str
    consent_to_share: bool = False


class ApplicantOut(Schema):
    """The applicant as far as the caller may see them (the student's sharing choices)."""

    name: str
    email: str | None = None
    programme: str | None = None
    kulliyyah: str | None = None
    year_of_study: int | None = None
    cgpa: Decimal | None = None
    skills: list[str] | None = None
    languages: list[str] | None = None


class ApplicationOut(Schema):
    id: int
    opening_id: int
    opening_title: str = Field(..., alias="opening.title")
    organisation_id: int = Field(..., alias="opening.organisation_id")
    student_id: int
    student_name: str = Field(..., alias="student.full_name")
    status: str
    consent_to_share: bool
    created_at: datetime
    updated_at: datetime


class RankedApplicationOut(ApplicationOut):
    fit: FitOut


class ApplicantOrder(Schema):
    sort: Literal["fit", "date"] = Field(
        "fit", description="fit: best fit with the opening first; date: as they applied."
    )


class ApplicationDetailOut(ApplicationOut):
    cover_note: str
    last_note: str
    interview_at: datetime | None
    applicant: ApplicantOut
    moves: list[str]


class ApplicationMoveIn(Schema):
    to: ApplicationStatus
    note: str = ""
    interview_at: datetime | None = None


class ApplicationFilters(Schema):
    status: str | None = None
    opening_id: Id | None = None


class PlacementOut(Schema):
    id: int
    application_id: int
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


class EmployabilityOut(Schema):
    graduates: int
    employable: int
    employed: int
    with_placement_partner: int
    rate: float | None
    partner_share: float | None


# -- openings -------------------------------------------------------------------------------


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
    from jalinan.accounts.models import User

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


@router.post("/openings/{opening_id}/applications", response={201: ApplicationOut})
def apply(request, opening_id: int, payload: ApplyIn):
    user = request.auth
    opening = get_opening_for_user(user, opening_id)
    if not is_student(user):
        raise PermissionDenied
    return 201, services.applications.application_submit(
        opening=opening,
        student=user,
        cover_note=payload.cover_note,
        consent_to_share=payload.consent_to_share,
    )


@router.get("/openings/{opening_id}/applicants", response=list[RankedApplicationOut])
@paginate(Pagination)
def opening_applicants(request, opening_id: int, order: Query[ApplicantOrder]):
    """The applicants, best fit with the opening first (or, with ``sort=date``, in the order
    they applied), each with the reasons the student's sharing choices allow."""
    opening = get_opening_for_user(request.auth, opening_id)
    if not can_see_applicants(request.auth, opening):
        raise PermissionDenied
    return selectors.applications.ranked_applicants(
        opening, request.auth, by_date=order.sort == "date"
    )


# -- applications ---------------------------------------------------------------------------


def _applicant(user, application) -> dict:
    student = application.student
    profile = getattr(student, "student_profile", None)
    seen = visible_profile_fields(user, profile) if profile else frozenset()
    out: dict = {"name": student.full_name}
    if profile is None:
        return out
    if ShareableField.EMAIL in seen:
        out["email"] = student.email
    if ShareableField.PROGRAMME in seen:
        out["programme"] = profile.programme.name if profile.programme else None
        out["kulliyyah"] = profile.kulliyyah.name if profile.kulliyyah else None
    if ShareableField.YEAR in seen:
        out["year_of_study"] = profile.year_of_study
    if ShareableField.CGPA in seen:
        out["cgpa"] = profile.cgpa
    if ShareableField.SKILLS in seen:
        out["skills"] = profile.skills
        out["languages"] = profile.languages
    return out


def _detail(user, application):
    application.applicant = _applicant(user, application)
    application.moves = [m.target for m in workflow.moves_for(user, application)]
    return application


@router.get("/applications", response=list[ApplicationOut], summary="Applications you may see")
@paginate(Pagination)
def list_applications(request, filters: Query[ApplicationFilters]):
    qs = selectors.applications.applications_for(request.auth).order_by("-created_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.opening_id:
        qs = qs.filter(opening_id=filters.opening_id)
    return qs


@router.get("/applications/{application_id}", response=ApplicationDetailOut)
def get_application(request, application_id: int):
    return _detail(request.auth, get_application_for_user(request.auth, application_id))


@router.post("/applications/{application_id}/move", response=ApplicationDetailOut)
def move_application(request, application_id: int, payload: ApplicationMoveIn):
    user = request.auth
    application = get_application_for_user(user, application_id)
    if not workflow.can_move(user, application, payload.to):
        if workflow.find_move(application.status, payload.to) is None:
            raise ValidationError({"to": ["This move is not possible from the current status."]})
        raise PermissionDenied
    services.applications.application_move(
        application=application,
        to=payload.to,
        by=user,
        note=payload.note,
        interview_at=payload.interview_at,
    )
    return _detail(user, get_application_for_user(user, application_id))


# -- placements -----------------------------------------------------------------------------


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
        from jalinan.accounts.models import User

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


@router.get("/employability", response=EmployabilityOut)
def employability(
    request, year: int | None = Query(None, ge=1, le=9999), programme_id: int | None = None
):
    """The graduate employability figure for the graduates you may count."""
    user = request.auth
    if not can_see_outcomes(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404
    window = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    return selectors.outcomes.employability(
        user=user,
        programme_id=programme_id,
        graduated_from=window[0],
        graduated_to=window[1],
    )
