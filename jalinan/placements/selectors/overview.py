"""The coordinators' and the office's views: students still without a placement, overdue
logbooks and evaluations, and partners' ratings by students."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from jalinan.accounts.roles import is_oil, unit_ids

from .. import conf
from ..choices import ApplicationStatus, EvaluationStage, PlacementStatus
from ..models import LogbookEntry, Placement, PlacementFeedback, StudentProfile
from ..permissions import is_coordinator
from .placements import placements_for


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
