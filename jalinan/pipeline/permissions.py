"""Who may see and change the pipeline.

- OIL admins and officers: every opportunity, and move and edit any of them.
- KCDIO coordinators: the opportunities led by their unit (or a unit below it); they move and
  edit those, and log new ones for their units.
- Everyone else (academics, students, partner users, the committee…): nothing; every record
  answers 404. The public enquiry form needs no account.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from .models import Opportunity


def can_see_pipeline(user) -> bool:
    return is_oil(user) or has_role(user, Role.COORDINATOR)


def can_create_opportunity(user) -> bool:
    return can_see_pipeline(user)


def can_view_opportunity(user, opportunity: Opportunity) -> bool:
    if is_oil(user):
        return True
    return (
        has_role(user, Role.COORDINATOR)
        and opportunity.unit_id is not None
        and opportunity.unit_id in unit_ids(user)
    )


def can_change_opportunity(user, opportunity: Opportunity) -> bool:
    return can_view_opportunity(user, opportunity)


def get_opportunity_for_user(user, pk, *, write: bool = False) -> Opportunity:
    opp = (
        Opportunity.objects.select_related(
            "organisation", "unit", "owner", "memorandum", "project", "source_type"
        )
        .filter(pk=pk)
        .first()
    )
    if opp is None or not can_view_opportunity(user, opp):
        raise Http404
    if write and not can_change_opportunity(user, opp):
        raise PermissionDenied
    return opp
