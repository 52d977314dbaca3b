"""Cards the projects app contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.utils import timezone

from . import selectors
from .permissions import can_create_project, can_see_projects


def partner_projects(request, org):
    """An organisation's page: the projects it is a partner in that this user may see."""
    user = request.user
    if org is None or not can_see_projects(user):
        return None
    qs = selectors.projects_of_organisation(user, org.pk).select_related("lead")
    return {
        "projects": list(qs[:15]),
        "count": qs.count(),
        "org": org,
        "can_create": can_create_project(user),
    }


def my_projects(request, obj=None):
    """My work: the open projects I lead or work on, and their late milestones."""
    user = request.user
    if not can_see_projects(user):
        return None
    projects = list(selectors.my_projects(user)[:8])
    if not projects:
        return None
    return {
        "projects": projects,
        "late": list(selectors.late_milestones(user)[:8]),
        "today": timezone.localdate(),
    }
