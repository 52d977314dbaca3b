"""Who may see and change which placement records. Views, the API and exports all ask here.

- OIL admins and officers: everything; they approve openings and keep the rubric and
  programmes.
- Partner users (approved, attached to an organisation): their organisation's openings, the
  applications to them, the applicants' profiles as far as each student shares them, and the
  placements at their organisation.
- Students: published openings; their own profile, applications, placements and outcome.
- KCDIO coordinators: published openings; the students of their unit (and the units below it),
  with their applications, placements and outcomes, but never a student's CGPA.
- Academic staff: published openings; the placements they supervise (with the student's
  profile, without the CGPA), whose logbooks they review.
- Management: published openings and the figures.
- Everyone else (outsiders, pending partner users): nothing; records answer 404.

A student's CGPA is seen only by the student, OIL, and partners the student applied to (and
only with the student's consent or choice to share it).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import (
    Role,
    has_role,
    is_academic,
    is_oil,
    is_partner_user,
    unit_ids,
)

from .choices import OpeningStatus, PlacementStatus, ShareableField
from .models import (
    Application,
    GraduateOutcome,
    Opening,
    Placement,
    StudentProfile,
)

ALL_FIELDS = frozenset(ShareableField.values)
BROWSING_ROLES = (Role.STUDENT, Role.COORDINATOR, Role.ACADEMIC, Role.MANAGEMENT)


def is_student(user) -> bool:
    return has_role(user, Role.STUDENT)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR) and bool(getattr(user, "unit_id", None))


def can_use_placements(user) -> bool:
    """The placements section (openings list) is there for this user."""
    return is_oil(user) or is_partner_user(user) or has_role(user, *BROWSING_ROLES)


def can_see_overview(user) -> bool:
    """The coordinators' views: students without a placement, overdue items, ratings."""
    return is_oil(user) or is_coordinator(user)


def can_manage_settings(user) -> bool:
    """Programmes and the evaluation rubric."""
    return is_oil(user)


def _coordinates(user, kulliyyah_id) -> bool:
    return is_coordinator(user) and kulliyyah_id is not None and kulliyyah_id in unit_ids(user)


def _student_unit_id(student):
    profile = getattr(student, "student_profile", None)
    return profile.kulliyyah_id if profile is not None else None


# -- openings -------------------------------------------------------------------------------


def can_view_opening(user, opening: Opening) -> bool:
    if is_oil(user):
        return True
    if is_partner_user(user) and user.organisation_id == opening.organisation_id:
        return True
    return opening.status in (OpeningStatus.PUBLISHED, OpeningStatus.CLOSED) and has_role(
        user, *BROWSING_ROLES
    )


def can_post_opening(user) -> bool:
    return is_oil(user) or is_partner_user(user)


def can_change_opening(user, opening: Opening) -> bool:
    if opening.status == OpeningStatus.CLOSED:
        return False
    if is_oil(user):
        return True
    return is_partner_user(user) and user.organisation_id == opening.organisation_id


def can_close_opening(user, opening: Opening) -> bool:
    return opening.status == OpeningStatus.PUBLISHED and can_change_opening(user, opening)


def can_review_opening(user, opening: Opening) -> bool:
    return is_oil(user) and opening.status == OpeningStatus.PENDING


def can_see_applicants(user, opening: Opening) -> bool:
    return is_oil(user) or (
        is_partner_user(user) and user.organisation_id == opening.organisation_id
    )


def get_opening_for_user(user, pk, *, write: bool = False) -> Opening:
    opening = Opening.objects.select_related("organisation", "memorandum").filter(pk=pk).first()
    if opening is None or not can_view_opening(user, opening):
        raise Http404
    if write and not can_change_opening(user, opening):
        raise PermissionDenied
    return opening


# -- student profiles -----------------------------------------------------------------------


def _partner_applications(user, student_id):
    return Application.objects.filter(
        student_id=student_id, opening__organisation_id=user.organisation_id
    )


def _supervises(user, student_id) -> bool:
    return Placement.objects.filter(student_id=student_id, academic_supervisor=user).exists()


def visible_profile_fields(user, profile: StudentProfile) -> frozenset[str]:
    """Which parts of ``profile`` ``user`` may see (beyond the student's name): the keys of
    :class:`ShareableField`. Empty when the user may not see the profile at all."""
    if user.pk == profile.user_id or is_oil(user):
        return ALL_FIELDS
    if is_partner_user(user):
        apps = list(_partner_applications(user, profile.user_id).values_list("consent_to_share"))
        if not apps:
            return frozenset()
        if any(consent for (consent,) in apps):
            return ALL_FIELDS
        return frozenset(profile.shared_fields) & ALL_FIELDS
    if _coordinates(user, profile.kulliyyah_id) or (
        is_academic(user) and _supervises(user, profile.user_id)
    ):
        return ALL_FIELDS - {ShareableField.CGPA}
    return frozenset()


def profile_fields_map(user, profiles) -> dict[int, frozenset[str]]:
    """:func:`visible_profile_fields` for many profiles at once (lists and exports), in a
    fixed number of queries; keyed by the student's user id."""
    profiles = [p for p in profiles if p is not None]
    if not profiles:
        return {}
    if is_oil(user):
        return {p.user_id: ALL_FIELDS for p in profiles}
    ids = [p.user_id for p in profiles]
    applied: set[int] = set()
    consenting: set[int] = set()
    partner = is_partner_user(user)
    if partner:
        for sid, consent in Application.objects.filter(
            student_id__in=ids, opening__organisation_id=user.organisation_id
        ).values_list("student_id", "consent_to_share"):
            applied.add(sid)
            if consent:
                consenting.add(sid)
    supervised: set[int] = set()
    if is_academic(user):
        supervised = set(
            Placement.objects.filter(student_id__in=ids, academic_supervisor=user).values_list(
                "student_id", flat=True
            )
        )
    out: dict[int, frozenset[str]] = {}
    for p in profiles:
        if p.user_id == user.pk:
            out[p.user_id] = ALL_FIELDS
        elif partner:
            if p.user_id in consenting:
                out[p.user_id] = ALL_FIELDS
            elif p.user_id in applied:
                out[p.user_id] = frozenset(p.shared_fields) & ALL_FIELDS
            else:
                out[p.user_id] = frozenset()
        elif _coordinates(user, p.kulliyyah_id) or p.user_id in supervised:
            out[p.user_id] = ALL_FIELDS - {ShareableField.CGPA}
        else:
            out[p.user_id] = frozenset()
    return out


def can_view_profile(user, profile: StudentProfile) -> bool:
    if user.pk == profile.user_id or is_oil(user):
        return True
    if is_partner_user(user):
        return _partner_applications(user, profile.user_id).exists()
    return _coordinates(user, profile.kulliyyah_id) or (
        is_academic(user) and _supervises(user, profile.user_id)
    )


def can_see_cgpa(user, profile: StudentProfile) -> bool:
    return ShareableField.CGPA in visible_profile_fields(user, profile)


def can_change_profile(user, profile: StudentProfile) -> bool:
    return user.pk == profile.user_id or is_oil(user)


def can_download_cv(user, profile: StudentProfile) -> bool:
    return bool(profile.cv) and ShareableField.CV in visible_profile_fields(user, profile)


def get_profile_for_user(user, pk, *, write: bool = False) -> StudentProfile:
    profile = (
        StudentProfile.objects.select_related("user", "programme", "kulliyyah")
        .filter(pk=pk)
        .first()
    )
    if profile is None or not can_view_profile(user, profile):
        raise Http404
    if write and not can_change_profile(user, profile):
        raise PermissionDenied
    return profile


# -- applications ---------------------------------------------------------------------------


def can_view_application(user, application: Application) -> bool:
    if application.student_id == user.pk or is_oil(user):
        return True
    if is_partner_user(user):
        return user.organisation_id == application.opening.organisation_id
    return _coordinates(user, _student_unit_id(application.student))


def get_application_for_user(user, pk) -> Application:
    application = (
        Application.objects.select_related(
            "opening__organisation",
            "student__student_profile__programme",
            "student__student_profile__kulliyyah",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None or not can_view_application(user, application):
        raise Http404
    return application


# -- placements -----------------------------------------------------------------------------


def can_view_placement(user, placement: Placement) -> bool:
    if placement.student_id == user.pk or is_oil(user):
        return True
    if placement.academic_supervisor_id == user.pk:
        return True
    if is_partner_user(user):
        return user.organisation_id == placement.organisation_id
    return _coordinates(user, _student_unit_id(placement.student))


def can_manage_placement(user, placement: Placement) -> bool:
    """Dates, status and the academic supervisor: the office and the student's coordinator."""
    return is_oil(user) or _coordinates(user, _student_unit_id(placement.student))


def can_change_industry_supervisor(user, placement: Placement) -> bool:
    if placement.status == PlacementStatus.CANCELLED:
        return False
    return can_manage_placement(user, placement) or (
        is_partner_user(user) and user.organisation_id == placement.organisation_id
    )


def can_change_placement(user, placement: Placement) -> bool:
    return can_manage_placement(user, placement) or can_change_industry_supervisor(user, placement)


def can_write_logbook(user, placement: Placement) -> bool:
    return placement.student_id == user.pk and placement.status == PlacementStatus.ACTIVE


def can_review_logbook(user, placement: Placement) -> bool:
    return placement.academic_supervisor_id == user.pk or is_oil(user)


def can_view_evaluations(user, placement: Placement) -> bool:
    """The supervisors' scores: staff and the partner, not the student."""
    return placement.student_id != user.pk and can_view_placement(user, placement)


def can_send_evaluation_link(user, placement: Placement) -> bool:
    return (
        placement.status == PlacementStatus.ACTIVE
        and placement.student_id != user.pk
        and can_view_placement(user, placement)
    )


def can_give_feedback(user, placement: Placement) -> bool:
    return placement.student_id == user.pk and placement.status != PlacementStatus.CANCELLED


def can_view_feedback(user, placement: Placement) -> bool:
    """Students' ratings of a placement: the student, the office, the coordinator and the
    academic supervisor; partners see only averages where shown."""
    return (
        placement.student_id == user.pk
        or placement.academic_supervisor_id == user.pk
        or can_manage_placement(user, placement)
    )


def get_placement_for_user(user, pk, *, write: bool = False) -> Placement:
    placement = (
        Placement.objects.select_related(
            "application__opening",
            "organisation",
            "student__student_profile__programme",
            "student__student_profile__kulliyyah",
            "academic_supervisor",
        )
        .filter(pk=pk)
        .first()
    )
    if placement is None or not can_view_placement(user, placement):
        raise Http404
    if write and not can_change_placement(user, placement):
        raise PermissionDenied
    return placement


# -- outcomes -------------------------------------------------------------------------------


def can_see_outcomes(user) -> bool:
    return is_oil(user) or is_coordinator(user) or has_role(user, Role.MANAGEMENT)


def can_record_outcome_for(user, student) -> bool:
    """The graduate, the office, or the graduate's coordinator."""
    if student.pk == user.pk:
        return is_student(user)
    return is_oil(user) or _coordinates(user, _student_unit_id(student))


def can_view_outcome(user, outcome: GraduateOutcome) -> bool:
    return can_record_outcome_for(user, outcome.student) or (outcome.student_id == user.pk)


def get_outcome_for_user(user, pk, *, write: bool = False) -> GraduateOutcome:
    outcome = (
        GraduateOutcome.objects.select_related("student__student_profile", "employer_organisation")
        .filter(pk=pk)
        .first()
    )
    if outcome is None or not can_view_outcome(user, outcome):
        raise Http404
    return outcome
