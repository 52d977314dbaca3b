"""Who may see and change technology offers.

- The public catalogue: anyone, signed in or not, sees the *published* offers, and only their
  public fields. A draft or withdrawn offer answers 404 there.
- Offers (the office's pages): OIL creates, edits, publishes and withdraws; OIL and the IP
  committee see every offer; the inventors see the offers of their technologies.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import is_oil, is_signed_in

from ..choices import OfferStatus
from ..models import Technology
from .common import is_ip_staff


def inventor_user_ids(technology: Technology) -> set[int]:
    """The users behind a technology: those of its shown inventors' profiles and the
    inventors of its disclosure."""
    ids = set(technology.inventors.values_list("user_id", flat=True))
    if technology.disclosure_id:
        ids |= set(
            technology.disclosure.inventors.exclude(user=None).values_list("user_id", flat=True)
        )
    return {i for i in ids if i}


def is_technology_inventor(user, technology: Technology) -> bool:
    if not is_signed_in(user):
        return False
    cached = getattr(technology, "_inventor_ids", None)
    if cached is None:
        cached = technology._inventor_ids = inventor_user_ids(technology)
    return user.pk in cached


def can_manage_offers(user) -> bool:
    return is_oil(user)


def can_see_offers(user) -> bool:
    """The office's list of offers (drafts included)."""
    if is_ip_staff(user):
        return True
    if not is_signed_in(user):
        return False
    return (
        Technology.objects.filter(inventors__user=user).exists()
        or Technology.objects.filter(disclosure__inventors__user=user).exists()
    )


def can_view_technology(user, technology: Technology) -> bool:
    """The office's page of an offer (not the public one)."""
    return is_ip_staff(user) or is_technology_inventor(user, technology)


def can_change_technology(user, technology: Technology | None = None) -> bool:
    return is_oil(user)


def is_public(technology: Technology) -> bool:
    return technology.status == OfferStatus.PUBLISHED


def get_technology_for_user(user, pk, *, write: bool = False) -> Technology:
    tech = (
        Technology.objects.select_related("disclosure", "unit", "published_by", "created_by")
        .filter(pk=pk)
        .first()
    )
    if tech is None or not can_view_technology(user, tech):
        raise Http404
    if write and not can_change_technology(user, tech):
        raise PermissionDenied
    return tech


def get_published_technology(slug: str) -> Technology:
    """The public page's technology: 404 unless it is published."""
    tech = (
        Technology.objects.select_related("unit")
        .filter(slug=slug, status=OfferStatus.PUBLISHED)
        .first()
    )
    if tech is None:
        raise Http404
    return tech
