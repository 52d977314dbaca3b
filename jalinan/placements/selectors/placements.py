"""Reads of placements and their logbooks, limited to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import is_oil, is_partner_user, unit_ids

from ..choices import PlacementStatus
from ..models import LogbookEntry, Placement
from ..permissions import is_coordinator


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
    return (
        LogbookEntry.objects.filter(placement__academic_supervisor=user, status="submitted")
        .select_related("placement__student", "placement__organisation")
        .order_by("submitted_at")
    )
