"""Cards the projects app contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.utils import timezone

from . import selectors
from .forms import LINKABLE
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


def memorandum_projects(request, memo):
    """A memorandum's page: the projects run under it that this user may see, and a way to
    open one under it for those who may."""
    user = request.user
    if memo is None or not can_see_projects(user):
        return None
    projects = list(
        selectors.projects_for(user).filter(memorandum=memo).order_by("-created_at", "-pk")
    )
    can_create = can_create_project(user) and memo.status in LINKABLE
    if not projects and not can_create:
        return None
    return {"projects": projects, "memo": memo, "can_create": can_create}
