"""Who may see and change which projects.

- OIL: sees and changes every project.
- University staff (every staff role): see every project. The project leader, the staff on
  its team and the coordinator of its KCDIO (or of a unit above it) change it.
- OIL, coordinators and academic staff open new projects.
- Approved partner users: the projects their organisation is a partner in, without the
  internal notes and without income paid by other organisations.
- Students: the projects they are on the team of.
- Everyone else: nothing; every project answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import (
    Role,
    has_role,
    is_oil,
    is_partner_user,
    is_staff_member,
    unit_ids,
)

from .models import Project


def can_see_projects(user) -> bool:
    return is_staff_member(user) or is_partner_user(user) or has_role(user, Role.STUDENT)


def can_create_project(user) -> bool:
    return is_oil(user) or has_role(user, Role.COORDINATOR, Role.ACADEMIC)


def _member_ids(project: Project) -> set[int]:
    cache = getattr(project, "_prefetched_objects_cache", {})
    if "members" in cache:
        return {m.user_id for m in project.members.all() if m.user_id}
    ids = getattr(project, "_member_user_ids", None)
    if ids is None:
        ids = set(project.members.filter(user__isnull=False).values_list("user_id", flat=True))
        project._member_user_ids = ids
    return ids


def is_member(user, project: Project) -> bool:
    return bool(user.pk) and (project.lead_id == user.pk or user.pk in _member_ids(project))


def is_partner_of(user, project: Project) -> bool:
    if not is_partner_user(user):
        return False
    cache = getattr(project, "_prefetched_objects_cache", {})
    if "organisations" in cache:
        return any(o.pk == user.organisation_id for o in project.organisations.all())
    return project.organisations.filter(pk=user.organisation_id).exists()


def can_view_project(user, project: Project) -> bool:
    if is_staff_member(user):
        return True
    if is_partner_user(user):
        return is_partner_of(user, project)
    if has_role(user, Role.STUDENT):
        return is_member(user, project)
    return False


def can_change_project(user, project: Project) -> bool:
    if is_oil(user):
        return True
    if not is_staff_member(user):
        return False
    if is_member(user, project):
        return True
    return (
        has_role(user, Role.COORDINATOR)
        and project.unit_id is not None
        and project.unit_id in unit_ids(user)
    )


def can_see_internal(user, project: Project | None = None) -> bool:
    """Internal notes, every payer's income, the team's students by name."""
    return is_staff_member(user)


def can_see_history(user, project: Project | None = None) -> bool:
    return is_oil(user)


def get_project_for_user(user, pk, *, write: bool = False) -> Project:
    project = (
        Project.objects.select_related("lead", "unit", "memorandum", "created_by")
        .filter(pk=pk)
        .first()
    )
    if project is None or not can_view_project(user, project):
        raise Http404
    if write and not can_change_project(user, project):
        raise PermissionDenied
    return project
