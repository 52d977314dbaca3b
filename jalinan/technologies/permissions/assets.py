"""Who may see and change the IP portfolio (assets and their deadlines): OIL and the IP
committee see it all, OIL changes it; inventors see the assets of their own disclosures."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import is_oil, is_signed_in

from ..models import Deadline, IPAsset
from .common import is_ip_staff
from .disclosures import is_own_disclosure


def can_see_portfolio(user) -> bool:
    """The portfolio pages: IP staff, and inventors with at least one asset."""
    if is_ip_staff(user):
        return True
    if not is_signed_in(user):
        return False
    return IPAsset.objects.filter(disclosure__inventors__user=user).exists()


def can_view_asset(user, asset: IPAsset) -> bool:
    if is_ip_staff(user):
        return True
    if not is_signed_in(user) or asset.disclosure_id is None:
        return False
    return is_own_disclosure(user, asset.disclosure)


def can_change_asset(user, asset: IPAsset | None = None) -> bool:
    return is_oil(user)


def can_create_asset(user) -> bool:
    return is_oil(user)


def get_asset_for_user(user, pk, *, write: bool = False) -> IPAsset:
    asset = (
        IPAsset.objects.select_related("disclosure", "unit", "family", "created_by")
        .filter(pk=pk)
        .first()
    )
    if asset is None or not can_view_asset(user, asset):
        raise Http404
    if write and not can_change_asset(user, asset):
        raise PermissionDenied
    return asset


def get_deadline_for_user(user, pk, *, write: bool = False) -> Deadline:
    deadline = Deadline.objects.select_related("asset__disclosure").filter(pk=pk).first()
    if deadline is None or not can_view_asset(user, deadline.asset):
        raise Http404
    if write and not can_change_asset(user, deadline.asset):
        raise PermissionDenied
    return deadline
