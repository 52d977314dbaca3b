"""Applications: applying, an opening's applicants (best fit first), the list, one
application with what the caller may see of the applicant, moving it along workflow.py."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from jalinan.api.params import Id, Pagination

from .. import selectors, services, workflow
from ..choices import ApplicationStatus, ShareableField
from ..permissions import (
    can_see_applicants,
    get_application_for_user,
    get_opening_for_user,
    is_student,
    visible_profile_fields,
)
from .common import PlacementsRouter
from .openings import FitOut

router = PlacementsRouter()


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
