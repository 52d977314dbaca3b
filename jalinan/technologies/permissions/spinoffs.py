"""Who may see and change spin-offs: OIL, the IP committee and management see every
spin-off; founders and the spin-off's own partner users see theirs; OIL changes them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user, is_signed_in

from ..models import Spinoff
from .common import is_ip_staff


def can_see_all_spinoffs(user) -> bool:
    return is_ip_staff(user) or has_role(user, Role.MANAGEMENT)


def can_see_spinoffs(user) -> bool:
    if can_see_all_spinoffs(user):
        return True
    if not is_signed_in(user):
        return False
    from ..selectors.spinoffs import spinoffs_for

    return spinoffs_for(user).exists()


def can_view_spinoff(user, spinoff: Spinoff) -> bool:
    if can_see_all_spinoffs(user):
        return True
    if not is_signed_in(user):
        return False
    if is_partner_user(user) and user.organisation_id == spinoff.organisation_id:
        return True
    return spinoff.founders.filter(pk=user.pk).exists()


def can_change_spinoff(user, spinoff: Spinoff | None = None) -> bool:
    return is_oil(user)


def get_spinoff_for_user(user, pk, *, write: bool = False) -> Spinoff:
    spinoff = (
        Spinoff.objects.select_related("organisation", "licence__technology").filter(pk=pk).first()
    )
    if spinoff is None or not can_view_spinoff(user, spinoff):
        raise Http404
    if write and not can_change_spinoff(user, spinoff):
        raise PermissionDenied
    return spinoff
