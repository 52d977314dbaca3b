"""Who may see and change which expert profiles. Views, the API and exports all ask here.

- The owner (an academic): sees and edits their own profile, public or private.
- KCDIO coordinators: see and edit the profiles of their unit and the units below it.
- OIL admins and officers: see and edit every profile.
- Everyone who may search experts (staff, students, approved partner users): sees public
  profiles only.
- Everyone else (no role, pending partner users): nothing; profiles answer 404.
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

from .models import ExpertProfile, ProfileProject, Publication


def can_search_experts(user) -> bool:
    return is_staff_member(user) or has_role(user, Role.STUDENT) or is_partner_user(user)


def can_have_profile(user) -> bool:
    return has_role(user, Role.ACADEMIC)


def coordinates(user, profile: ExpertProfile) -> bool:
    return (
        has_role(user, Role.COORDINATOR)
        and profile.unit_id is not None
        and profile.unit_id in unit_ids(user)
    )


def can_change_profile(user, profile: ExpertProfile) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return profile.user_id == user.pk or is_oil(user) or coordinates(user, profile)


def can_view_profile(user, profile: ExpertProfile) -> bool:
    # The profiles of people who have left are gone for everyone, as in ``profiles_for``.
    if not profile.user.is_active:
        return False
    if can_change_profile(user, profile):
        return True
    return profile.is_public and profile.user.is_active and can_search_experts(user)


def can_see_private(user) -> bool:
    return is_oil(user)


def get_profile_for_user(user, pk, *, write: bool = False) -> ExpertProfile:
    """The profile ``pk`` if ``user`` may see it (404 otherwise); with ``write``, 403 when they
    may see but not change it."""
    profile = ExpertProfile.objects.select_related("user", "unit").filter(pk=pk).first()
    if profile is None or not can_view_profile(user, profile):
        raise Http404
    if write and not can_change_profile(user, profile):
        raise PermissionDenied
    return profile


def get_publication_for_user(user, pk, *, write: bool = False) -> Publication:
    pub = Publication.objects.select_related("profile__user").filter(pk=pk).first()
    if pub is None:
        raise Http404
    get_profile_for_user(user, pub.profile_id, write=write)
    return pub


def get_profile_project_for_user(user, pk, *, write: bool = False) -> ProfileProject:
    project = ProfileProject.objects.select_related("profile__user").filter(pk=pk).first()
    if project is None:
        raise Http404
    get_profile_for_user(user, project.profile_id, write=write)
    return project
