"""Reads of invention disclosures, each limited to what the user may see."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import Role, has_role, is_oil

from ..choices import DisclosureStatus
from ..models import Disclosure, Inventor
from ..permissions.common import is_ip_staff
from .common import int_or_none, unit_ids

AWAITING = (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT)


def own_disclosure_ids(user):
    return Inventor.objects.filter(user=user).values("disclosure_id")


def disclosures_for(user) -> QuerySet[Disclosure]:
    """Every disclosure ``user`` may open (see :mod:`..permissions.disclosures`)."""
    qs = Disclosure.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_oil(user):
        return qs
    own = Q(submitted_by=user) | Q(pk__in=own_disclosure_ids(user))
    if has_role(user, Role.IP_COMMITTEE):
        return qs.filter(own | ~Q(status=DisclosureStatus.DRAFT))
    return qs.filter(own)


def my_disclosures(user) -> QuerySet[Disclosure]:
    """The disclosures ``user`` submitted or is an inventor of."""
    if user is None or not user.is_authenticated:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(Q(submitted_by=user) | Q(pk__in=own_disclosure_ids(user)))


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "submitted": ("submitted_at", "pk"),
    "title": ("title", "pk"),
}


def filter_disclosures(qs: QuerySet[Disclosure], params: Mapping) -> QuerySet[Disclosure]:
    """The list filters (page and API): q, status, decision, unit, year (of submission, else
    creation), sort."""
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(reference__icontains=q)
            | Q(description__icontains=q)
            | Q(inventors__name__icontains=q)
            | Q(inventors__user__full_name__icontains=q)
        ).distinct()
    if get("status") in DisclosureStatus.values:
        qs = qs.filter(status=get("status"))
    elif get("status") == "awaiting":
        qs = qs.filter(status__in=AWAITING)
    if get("decision"):
        qs = qs.filter(decision=get("decision"))
    unit = int_or_none(get("unit"))
    if unit:
        qs = qs.filter(unit_id__in=unit_ids(unit))
    year = int_or_none(get("year"))
    if year:
        qs = qs.filter(
            Q(submitted_at__year=year) | Q(submitted_at__isnull=True, created_at__year=year)
        )
    return qs.order_by(*SORTS.get(get("sort") or "", SORTS["newest"]))


def disclosure_rows(qs: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return qs.select_related("unit", "submitted_by").prefetch_related("inventors__user")


def review_queue(user) -> QuerySet[Disclosure]:
    """Disclosures awaiting the office: received or under assessment, oldest first."""
    if not is_ip_staff(user):
        return Disclosure.objects.none()
    return Disclosure.objects.filter(status__in=AWAITING).order_by("submitted_at", "pk")
