"""Cards the engagement log contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.utils import timezone

from . import selectors
from .permissions import can_create_activity, can_see_activities


def partner_activities(request, org):
    """An organisation's page: every activity with it this user may see."""
    user = request.user
    if org is None or not can_see_activities(user):
        return None
    qs = selectors.activities_of_organisation(user, org.pk)
    return {
        "activities": list(qs[:15]),
        "count": qs.count(),
        "org": org,
        "can_create": can_create_activity(user),
    }


def my_activities(request, obj=None):
    """My work: recent and upcoming activities I take part in."""
    user = request.user
    if not can_see_activities(user):
        return None
    items = list(selectors.upcoming_for(user)[:8])
    if not items:
        return None
    return {"activities": items, "today": timezone.localdate()}
