"""Reads of placement records, each limited to what the user may see.

Recommendations (issue 6, item 3) are not here yet: :func:`openings_for_student` and
:func:`applicants_for_opening` are the two seams where the matching engine's ranking will go.
Until it lands they list, in a plain default order, the openings a student is eligible for
(soonest deadline first) and an opening's applicants (in the order they applied); the pages
call them "eligible openings" and "applicants", never "recommended".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user

from . import conf
from .choices import (
    EMPLOYABLE_OUTCOMES,
    ApplicationStatus,
    EvaluationStage,
    OpeningStatus,
    OutcomeStatus,
    PlacementStatus,
)
from .models import (
    Application,
    GraduateOutcome,
    Opening,
    Placement,
    PlacementFeedback,
    StudentProfile,
)
from .permissions import BROWSING_ROLES, is_academic, is_coordinator, unit_ids

# -- openings -------------------------------------------------------------------------------


def openings_for(user) -> QuerySet[Opening]:
    """Openings ``user`` may see: the office all; a partner its organisation's; students and
    staff those published (or closed since)."""
    qs = Opening.objects.select_related("organisation")
    if is_oil(user):
        return qs
    visible = Q(pk__in=[])
    if is_partner_user(user):
        visible |= Q(organisation_id=user.organisation_id)
    if has_role(user, *BROWSING_ROLES):
        visible |= Q(status__in=[OpeningStatus.PUBLISHED, OpeningStatus.CLOSED])
    return qs.filter(visible)


def eligible_openings_qs(profile: StudentProfile | None, *, today: date | None = None):
    """Published openings still taking applications that the profile's programme and year
    qualify for, with places left (the SQL form of eligibility.py's rules)."""
    today = today or timezone.localdate()
    qs = Opening.objects.filter(status=OpeningStatus.PUBLISHED, deadline__gte=today)
    if profile is None or not profile.is_complete:
        return qs.none()
    through = Opening.programmes.through
    qs = qs.filter(
        ~Exists(through.objects.filter(opening_id=OuterRef("pk")))
        | Exists(
            through.objects.filter(opening_id=OuterRef("pk"), programme_id=profile.programme_id)
        )
    )
    year = profile.year_of_study
    qs = qs.filter(Q(min_year__isnull=True) | Q(min_year__lte=year)).filter(
        Q(max_year__isnull=True) | Q(max_year__gte=year)
    )
    qs = qs.annotate(
        accepted=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED))
    ).filter(accepted__lt=F("places"))
    held = Placement.objects.filter(
        student_id=profile.user_id,
        starts_on__lte=OuterRef("ends_on"),
        ends_on__gte=OuterRef("starts_on"),
    ).exclude(status=PlacementStatus.CANCELLED)
    return qs.filter(~Exists(held))


def openings_for_student(student, user) -> QuerySet[Opening]:
    """SEAM for recommendations: the openings ``student`` may apply to, for ``user`` (the
    student, or the office looking on their behalf).

    Today: every eligible opening, soonest deadline first, each marked ``has_applied``.
    When the matching engine's API lands, the follow-up ranks this list by fit (skills and
    text) and attaches the reasons; callers keep calling this function.
    """
    if not (user.pk == student.pk or is_oil(user)):
        return Opening.objects.none()
    profile = StudentProfile.objects.filter(user=student).select_related("programme").first()
    applied = Application.objects.filter(opening_id=OuterRef("pk"), student=student)
    return (
        eligible_openings_qs(profile)
        .select_related("organisation")
        .annotate(has_applied=Exists(applied))
        .order_by("deadline", "pk")
    )


def applicants_for_opening(opening: Opening, user) -> QuerySet[Application]:
    """SEAM for recommendations: the applications to ``opening`` that ``user`` (its partner
    or the office) may see.

    Today: in the order the students applied. When the matching engine's API lands, the
    follow-up ranks them by fit with reasons; callers keep calling this function.
    """
    from .permissions import can_see_applicants

    if not can_see_applicants(user, opening):
        return Application.objects.none()
    return (
        Application.objects.filter(opening=opening)
        .select_related("student__student_profile__programme", "opening")
        .order_by("created_at", "pk")
    )


# -- student profiles -----------------------------------------------------------------------


def profiles_for(user) -> QuerySet[StudentProfile]:
    qs = StudentProfile.objects.select_related("user", "programme", "kulliyyah")
    if is_oil(user):
        return qs
    visible = Q(user_id=user.pk)
    if is_coordinator(user):
        visible |= Q(kulliyyah_id__in=unit_ids(user))
    if is_partner_user(user):
        visible |= Q(user__placement_applications__opening__organisation_id=user.organisation_id)
    if is_academic(user):
        visible |= Q(user__placements__academic_supervisor=user)
    return qs.filter(visible).distinct()


# -- applications ---------------------------------------------------------------------------


def applications_for(user) -> QuerySet[Application]:
    qs = Application.objects.select_related(
        "opening__organisation", "student__student_profile__programme"
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk)
    if is_partner_user(user):
        visible |= Q(opening__organisation_id=user.organisation_id)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


# -- placements -----------------------------------------------------------------------------


def placements_for(user) -> QuerySet[Placement]:
    qs = Placement.objects.select_related(
        "application__opening",
        "organisation",
        "student__student_profile__programme",
        "student__student_profile__kulliyyah",
        "academic_supervisor",
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk) | Q(academic_supervisor_id=user.pk)
    if is_partner_user(user):
        visible |= Q(organisation_id=user.organisation_id)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def current_placement(student) -> Placement | None:
    """The student's placement in progress (or the next one), else the latest."""
    qs = Placement.objects.filter(student=student).select_related("organisation")
    return (
        qs.filter(status=PlacementStatus.ACTIVE).order_by("starts_on").first()
        or qs.order_by("-ends_on").first()
    )


def logbooks_to_review(user) -> QuerySet:
    from .models import LogbookEntry

    return (
        LogbookEntry.objects.filter(placement__academic_supervisor=user, status="submitted")
        .select_related("placement__student", "placement__organisation")
        .order_by("submitted_at")
    )


# -- the coordinators' views ----------------------------------------------------------------


def _scope_profiles(user) -> QuerySet[StudentProfile]:
    if is_oil(user):
        return StudentProfile.objects.all()
    if is_coordinator(user):
        return StudentProfile.objects.filter(kulliyyah_id__in=unit_ids(user))
    return StudentProfile.objects.none()


def students_needing_placement(user, *, today: date | None = None) -> QuerySet[StudentProfile]:
    """Students (of the user's units; all for the office) whose required training period has
    not ended and who hold no placement overlapping it, soonest period first."""
    today = today or timezone.localdate()
    held = Placement.objects.filter(
        student_id=OuterRef("user_id"),
        starts_on__lte=OuterRef("training_to"),
        ends_on__gte=OuterRef("training_from"),
    ).exclude(status=PlacementStatus.CANCELLED)
    open_statuses = [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
    ]
    return (
        _scope_profiles(user)
        .filter(training_from__isnull=False, training_to__gte=today)
        .filter(~Exists(held))
        .select_related("user", "programme", "kulliyyah")
        .annotate(
            open_applications=Count(
                "user__placement_applications",
                filter=Q(user__placement_applications__status__in=open_statuses),
            ),
            offers=Count(
                "user__placement_applications",
                filter=Q(user__placement_applications__status=ApplicationStatus.OFFERED),
            ),
        )
        .order_by("training_from", "user__full_name")
    )


@dataclass
class Overdue:
    placement: Placement
    what: str  # "logbook" or an EvaluationStage value
    detail: list[int]  # missing weeks, for the logbook
    due_on: date | None = None


def overdue_items(user, *, today: date | None = None) -> list[Overdue]:
    """Placements in progress (in the user's scope) with logbook weeks missing, or with an
    evaluation past due: a bounded number of queries whatever the size."""
    today = today or timezone.localdate()
    grace = conf.logbook_grace_days()
    eval_grace = timedelta(days=conf.evaluation_grace_days())
    from .models import LogbookEntry

    qs = (
        placements_for(user)
        .filter(status=PlacementStatus.ACTIVE, starts_on__lte=today)
        .prefetch_related(
            Prefetch("logbook_entries", queryset=LogbookEntry.objects.only("placement_id", "week")),
            "evaluations",
        )
        .order_by("ends_on", "pk")
    )
    if not (is_oil(user) or is_coordinator(user)):
        qs = qs.none()
    out: list[Overdue] = []
    for p in qs:
        have = {e.week for e in p.logbook_entries.all()}
        missing = [w for w in range(1, p.weeks_due(today, grace) + 1) if w not in have]
        if missing:
            out.append(Overdue(p, "logbook", missing))
        done = {e.stage for e in p.evaluations.all()}
        for stage in EvaluationStage.values:
            due_on = p.evaluation_due_on(stage)
            if stage not in done and today > due_on + eval_grace:
                out.append(Overdue(p, stage, [], due_on))
    return out


def partner_ratings(user) -> QuerySet:
    """Each partner's average rating by students who were placed there (office and
    coordinators only), best first."""
    if not (is_oil(user) or is_coordinator(user)):
        return PlacementFeedback.objects.none().values("placement__organisation_id")
    return (
        PlacementFeedback.objects.values(
            "placement__organisation_id", "placement__organisation__legal_name"
        )
        .annotate(
            ratings=Count("pk"),
            average=Avg("rating"),
            supervision=Avg("supervision_rating"),
            learning=Avg("learning_rating"),
            recommend=Count("pk", filter=Q(would_recommend=True)),
        )
        .order_by("-average", "placement__organisation__legal_name")
    )


def rating_for_organisation(organisation_id) -> dict:
    return PlacementFeedback.objects.filter(placement__organisation_id=organisation_id).aggregate(
        ratings=Count("pk"), average=Avg("rating")
    )


# -- outcomes and the employability figure --------------------------------------------------


def outcomes_for(user) -> QuerySet[GraduateOutcome]:
    qs = GraduateOutcome.objects.select_related(
        "student__student_profile__programme",
        "student__student_profile__kulliyyah",
        "employer_organisation",
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def employability(
    *,
    user,
    unit_ids_in: set[int] | None = None,
    programme_id: int | None = None,
    graduated_from: date | None = None,
    graduated_to: date | None = None,
) -> dict:
    """The graduate employability figure for the graduates ``user`` may count (the office and
    management: all; a coordinator: their units'), optionally for some units, a programme or
    a graduation window.

    A graduate counts as employable when employed, self-employed, in further study or in an
    upskilling programme, started within six months of graduating (the ministry's tracer
    study). Returns ``{"graduates", "employable", "rate", "employed",
    "with_placement_partner", "partner_share"}`` (``rate`` and ``partner_share`` in percent,
    or None when there is nothing to divide by). Other apps (reports) call this.
    """
    if is_oil(user) or has_role(user, Role.MANAGEMENT):
        qs = GraduateOutcome.objects.all()
    elif is_coordinator(user):
        qs = GraduateOutcome.objects.filter(
            student__student_profile__kulliyyah_id__in=unit_ids(user)
        )
    else:
        qs = GraduateOutcome.objects.none()
    if unit_ids_in:
        qs = qs.filter(student__student_profile__kulliyyah_id__in=unit_ids_in)
    if programme_id:
        qs = qs.filter(student__student_profile__programme_id=programme_id)
    if graduated_from:
        qs = qs.filter(graduated_on__gte=graduated_from)
    if graduated_to:
        qs = qs.filter(graduated_on__lte=graduated_to)
    figures = qs.aggregate(
        graduates=Count("pk"),
        employable=Count("pk", filter=Q(status__in=EMPLOYABLE_OUTCOMES, within_six_months=True)),
        employed=Count(
            "pk",
            filter=Q(
                status__in=[OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED],
                within_six_months=True,
            ),
        ),
        with_placement_partner=Count(
            "pk", filter=Q(with_placement_partner=True, within_six_months=True)
        ),
    )
    graduates, employable = figures["graduates"], figures["employable"]
    figures["rate"] = round(100 * employable / graduates, 1) if graduates else None
    employed = figures["employed"]
    figures["partner_share"] = (
        round(100 * figures["with_placement_partner"] / employed, 1) if employed else None
    )
    return figures
