"""Who may see and change invention disclosures and the IP portfolio.

Disclosures are confidential:

- the inventors who are users and the person who submitted it see it, and change it while it
  is a draft;
- OIL (admins and officers) see and change every disclosure;
- the IP committee sees every disclosure that is not a draft of someone else and assesses it
  with OIL;
- everyone else (another academic, a coordinator, a partner user, the outsider): 404.

The IP portfolio (assets and their deadlines): OIL and the IP committee see it all, OIL changes
it; inventors see the assets of their own disclosures.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil

from .choices import DisclosureStatus
from .models import Deadline, Disclosure, Inventor, IPAsset


def is_ip_staff(user) -> bool:
    """OIL officers and admins, and IP committee members."""
    return is_oil(user) or has_role(user, Role.IP_COMMITTEE)


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_inventor(user, disclosure: Disclosure) -> bool:
    """``user`` is one of the disclosure's inventors (uses prefetched inventors if any)."""
    if not _authenticated(user):
        return False
    cache = getattr(disclosure, "_prefetched_objects_cache", {})
    if "inventors" in cache:
        return any(i.user_id == user.pk for i in disclosure.inventors.all())
    return Inventor.objects.filter(disclosure=disclosure, user=user).exists()


def _is_own(user, disclosure: Disclosure) -> bool:
    if not _authenticated(user):
        return False
    return disclosure.submitted_by_id == user.pk or is_inventor(user, disclosure)


def can_create_disclosure(user) -> bool:
    return is_oil(user) or has_role(user, Role.ACADEMIC, Role.IP_COMMITTEE)


def can_view_disclosure(user, disclosure: Disclosure) -> bool:
    if not _authenticated(user):
        return False
    if is_oil(user) or _is_own(user, disclosure):
        return True
    if has_role(user, Role.IP_COMMITTEE):
        return disclosure.status != DisclosureStatus.DRAFT
    return False


def can_change_disclosure(user, disclosure: Disclosure) -> bool:
    if is_oil(user):
        return True
    return disclosure.status == DisclosureStatus.DRAFT and _is_own(user, disclosure)


def can_submit_disclosure(user, disclosure: Disclosure) -> bool:
    return disclosure.status == DisclosureStatus.DRAFT and (
        is_oil(user) or _is_own(user, disclosure)
    )


def can_assess_disclosure(user, disclosure: Disclosure | None = None) -> bool:
    """OIL and the IP committee run the review (start assessment, decide)."""
    return is_ip_staff(user)


def can_see_portfolio(user) -> bool:
    """The portfolio pages: IP staff, and inventors with at least one asset."""
    if is_ip_staff(user):
        return True
    if not _authenticated(user):
        return False
    return IPAsset.objects.filter(disclosure__inventors__user=user).exists()


def can_view_asset(user, asset: IPAsset) -> bool:
    if is_ip_staff(user):
        return True
    if not _authenticated(user) or asset.disclosure_id is None:
        return False
    return _is_own(user, asset.disclosure)


def can_change_asset(user, asset: IPAsset | None = None) -> bool:
    return is_oil(user)


def can_create_asset(user) -> bool:
    return is_oil(user)


def get_disclosure_for_user(user, pk, *, write: bool = False) -> Disclosure:
    """The disclosure if ``user`` may see it (else 404); with ``write``, 403 when they may see
    but not change it."""
    disclosure = (
        Disclosure.objects.select_related("unit", "submitted_by", "decided_by")
        .prefetch_related("inventors__user", "inventors__unit", "public_disclosures")
        .filter(pk=pk)
        .first()
    )
    if disclosure is None or not can_view_disclosure(user, disclosure):
        raise Http404
    if write and not can_change_disclosure(user, disclosure):
        raise PermissionDenied
    return disclosure


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
