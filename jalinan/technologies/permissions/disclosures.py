"""Who may see and change invention disclosures. Disclosures are confidential:

- the inventors who are users and the person who submitted it see it, and change it while it
  is a draft;
- OIL (admins and officers) see and change every disclosure;
- the IP committee sees every disclosure that is not a draft of someone else and assesses it
  with OIL;
- everyone else (another academic, a coordinator, a partner user, the outsider): 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, is_signed_in

from ..choices import DisclosureStatus
from ..models import Disclosure, Inventor
from .common import is_ip_staff


def is_inventor(user, disclosure: Disclosure) -> bool:
    """``user`` is one of the disclosure's inventors (uses prefetched inventors if any)."""
    if not is_signed_in(user):
        return False
    cache = getattr(disclosure, "_prefetched_objects_cache", {})
    if "inventors" in cache:
        return any(i.user_id == user.pk for i in disclosure.inventors.all())
    return Inventor.objects.filter(disclosure=disclosure, user=user).exists()


def is_own_disclosure(user, disclosure: Disclosure) -> bool:
    """``user`` submitted the disclosure or is one of its inventors."""
    if not is_signed_in(user):
        return False
    return disclosure.submitted_by_id == user.pk or is_inventor(user, disclosure)


def can_create_disclosure(user) -> bool:
    return is_oil(user) or has_role(user, Role.ACADEMIC, Role.IP_COMMITTEE)


def can_view_disclosure(user, disclosure: Disclosure) -> bool:
    if not is_signed_in(user):
        return False
    if is_oil(user) or is_own_disclosure(user, disclosure):
        return True
    if has_role(user, Role.IP_COMMITTEE):
        return disclosure.status != DisclosureStatus.DRAFT
    return False


def can_change_disclosure(user, disclosure: Disclosure) -> bool:
    if is_oil(user):
        return True
    return disclosure.status == DisclosureStatus.DRAFT and is_own_disclosure(user, disclosure)


def can_submit_disclosure(user, disclosure: Disclosure) -> bool:
    return disclosure.status == DisclosureStatus.DRAFT and (
        is_oil(user) or is_own_disclosure(user, disclosure)
    )


def can_assess_disclosure(user, disclosure: Disclosure | None = None) -> bool:
    """OIL and the IP committee run the review (start assessment, decide)."""
    return is_ip_staff(user)


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
