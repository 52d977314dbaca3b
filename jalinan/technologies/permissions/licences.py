"""Who may see and change licences, their payments and the revenue sharing policies.

- Licences: OIL and the IP committee see every licence and its revenue split; OIL changes
  them. The inventors of the licensed technology see the licence and *their own* share lines.
  Users of the licensee organisation see the terms and the payments, never the internal
  split. Everyone else: 404.
- Revenue sharing policies: OIL sees them; OIL administrators add them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import is_oil, is_oil_admin, is_partner_user, is_signed_in

from ..models import Licence, RoyaltyPayment
from .common import is_ip_staff
from .offers import is_technology_inventor


def is_licensee_user(user, licence: Licence) -> bool:
    return is_partner_user(user) and user.organisation_id == licence.licensee_id


def can_see_licences(user) -> bool:
    if is_ip_staff(user):
        return True
    if not is_signed_in(user):
        return False
    from ..selectors.licences import licences_for

    return licences_for(user).exists()


def can_view_licence(user, licence: Licence) -> bool:
    if is_ip_staff(user):
        return True
    return is_licensee_user(user, licence) or is_technology_inventor(user, licence.technology)


def can_change_licence(user, licence: Licence | None = None) -> bool:
    return is_oil(user)


def split_visibility(user, licence: Licence) -> str:
    """How much of the revenue split ``user`` sees: "all" (IP staff), "own" (an inventor:
    their own lines) or "none" (the licensee)."""
    if is_ip_staff(user):
        return "all"
    if is_technology_inventor(user, licence.technology):
        return "own"
    return "none"


def get_licence_for_user(user, pk, *, write: bool = False) -> Licence:
    licence = (
        Licence.objects.select_related("technology__disclosure", "licensee", "memorandum")
        .filter(pk=pk)
        .first()
    )
    if licence is None or not can_view_licence(user, licence):
        raise Http404
    if write and not can_change_licence(user, licence):
        raise PermissionDenied
    return licence


def get_payment_for_user(user, pk) -> RoyaltyPayment:
    payment = RoyaltyPayment.objects.select_related("licence__technology").filter(pk=pk).first()
    if payment is None or not can_view_licence(user, payment.licence):
        raise Http404
    return payment


def can_see_policies(user) -> bool:
    return is_oil(user)


def can_manage_policies(user) -> bool:
    return is_oil_admin(user)
