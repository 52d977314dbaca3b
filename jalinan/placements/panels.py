"""Cards this app adds to shared pages: *My work* for each role, and an organisation's page.
Each returns its template's context, or None when it has nothing for this person."""

from __future__ import annotations

from jalinan.accounts.roles import is_oil, is_partner_user

from . import selectors
from .choices import (
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    OpeningStatus,
    PlacementStatus,
)
from .models import Placement, StudentProfile
from .permissions import can_see_overview, is_coordinator, is_student


def student(request, obj=None):
    user = request.user
    if not is_student(user):
        return None
    profile = StudentProfile.objects.filter(user=user).select_related("programme").first()
    return {
        "profile": profile,
        "applications": list(
            selectors.applications.applications_for(user)
            .filter(student=user)
            .order_by("-updated_at")[:5]
        ),
        "offers": selectors.applications.applications_for(user)
        .filter(student=user, status=ApplicationStatus.OFFERED)
        .count(),
        "placement": selectors.placements.current_placement(user),
        "eligible_count": selectors.openings.openings_for_student(user, user).count()
        if profile
        else 0,
    }


def partner(request, obj=None):
    user = request.user
    if not is_partner_user(user):
        return None
    apps = selectors.applications.applications_for(user).filter(
        opening__organisation_id=user.organisation_id
    )
    return {
        "waiting": apps.filter(status=ApplicationStatus.SUBMITTED).count(),
        "recent": list(
            apps.filter(status__in=OPEN_APPLICATION_STATUSES).order_by("-created_at")[:5]
        ),
        "placements": list(
            selectors.placements.placements_for(user)
            .filter(organisation_id=user.organisation_id, status=PlacementStatus.ACTIVE)
            .order_by("ends_on")[:5]
        ),
        "pending_openings": selectors.openings.openings_for(user)
        .filter(organisation_id=user.organisation_id, status=OpeningStatus.PENDING)
        .count(),
    }


def coordinator(request, obj=None):
    user = request.user
    if not is_coordinator(user):
        return None
    needing = selectors.overview.students_needing_placement(user)
    return {
        "needing_count": needing.count(),
        "needing": list(needing[:5]),
        "overdue_count": len(selectors.overview.overdue_items(user)),
    }


def academic(request, obj=None):
    user = request.user
    supervising = Placement.objects.filter(
        academic_supervisor=user, status=PlacementStatus.ACTIVE
    ).count()
    entries = selectors.placements.logbooks_to_review(user)
    count = entries.count()
    if not supervising and not count:
        return None
    return {"supervising": supervising, "to_review": list(entries[:8]), "review_count": count}


def office(request, obj=None):
    user = request.user
    if not is_oil(user):
        return None
    pending = selectors.openings.openings_for(user).filter(status=OpeningStatus.PENDING)
    return {
        "pending_count": pending.count(),
        "pending": list(pending.order_by("created_at")[:5]),
        "active_count": Placement.objects.filter(status=PlacementStatus.ACTIVE).count(),
    }


MY_WORK = [
    # (key, context function, order, width)
    ("student", student, 400, 6),
    ("partner", partner, 400, 6),
    ("office", office, 400, 6),
    ("coordinator", coordinator, 410, 6),
    ("academic", academic, 420, 6),
]


def partner_detail(request, organisation):
    """Openings and placements with this organisation, as far as the viewer may see them."""
    user = request.user
    openings = selectors.openings.openings_for(user).filter(organisation=organisation)
    placements = selectors.placements.placements_for(user).filter(organisation=organisation)
    opening_count, placement_count = openings.count(), placements.count()
    if not (opening_count or placement_count or is_oil(user)):
        return None
    return {
        "org": organisation,
        "openings": list(openings.order_by("-created_at")[:5]),
        "opening_count": opening_count,
        "placements": list(placements.order_by("-starts_on")[:5]),
        "placement_count": placement_count,
        "rating": selectors.overview.rating_for_organisation(organisation.pk)
        if can_see_overview(user)
        else None,
    }
