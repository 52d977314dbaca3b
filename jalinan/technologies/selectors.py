"""Reads of disclosures and the IP portfolio, each limited to what the user may see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Q, QuerySet
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_oil

from .choices import AssetKind, AssetStatus, DisclosureStatus, IPOffice
from .models import Deadline, Disclosure, Inventor, IPAsset
from .permissions.common import is_ip_staff

AWAITING = (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT)


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _unit_ids(pk) -> list[int]:
    from jalinan.accounts.models import Unit

    unit = Unit.objects.filter(pk=pk).first()
    return unit.descendant_ids() if unit else []


def _own_disclosure_ids(user):
    return Inventor.objects.filter(user=user).values("disclosure_id")


def disclosures_for(user) -> QuerySet[Disclosure]:
    """Every disclosure ``user`` may open (see :mod:`.permissions`)."""
    qs = Disclosure.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_oil(user):
        return qs
    own = Q(submitted_by=user) | Q(pk__in=_own_disclosure_ids(user))
    if has_role(user, Role.IP_COMMITTEE):
        return qs.filter(own | ~Q(status=DisclosureStatus.DRAFT))
    return qs.filter(own)


def my_disclosures(user) -> QuerySet[Disclosure]:
    """The disclosures ``user`` submitted or is an inventor of."""
    if user is None or not user.is_authenticated:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(Q(submitted_by=user) | Q(pk__in=_own_disclosure_ids(user)))


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
    unit = _int(get("unit"))
    if unit:
        qs = qs.filter(unit_id__in=_unit_ids(unit))
    year = _int(get("year"))
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


# --- portfolio ---------------------------------------------------------------------------


def assets_for(user) -> QuerySet[IPAsset]:
    qs = IPAsset.objects.all()
    if is_ip_staff(user):
        return qs
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    return qs.filter(
        Q(disclosure__submitted_by=user) | Q(disclosure_id__in=_own_disclosure_ids(user))
    )


ASSET_SORTS = {
    "newest": ("-created_at", "-pk"),
    "filing": ("-filing_date", "-pk"),
    "title": ("title", "pk"),
}


def filter_assets(qs: QuerySet[IPAsset], params: Mapping, *, today=None) -> QuerySet[IPAsset]:
    """The portfolio filters: q, kind, status, office, unit, within (an open deadline within
    so many days), sort."""
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(reference__icontains=q)
            | Q(application_number__icontains=q)
            | Q(grant_number__icontains=q)
        )
    if get("kind") in AssetKind.values:
        qs = qs.filter(kind=get("kind"))
    if get("status") in AssetStatus.values:
        qs = qs.filter(status=get("status"))
    if get("office") in IPOffice.values:
        qs = qs.filter(office=get("office"))
    unit = _int(get("unit"))
    if unit:
        qs = qs.filter(unit_id__in=_unit_ids(unit))
    within = _int(get("within"))
    if within is not None and within >= 0:
        today = today or timezone.localdate()
        qs = qs.filter(
            pk__in=Deadline.objects.filter(
                done_on__isnull=True, due_date__lte=today + datetime.timedelta(days=within)
            ).values("asset_id")
        )
    return qs.order_by(*ASSET_SORTS.get(get("sort") or "", ASSET_SORTS["newest"]))


def asset_rows(qs: QuerySet[IPAsset]) -> QuerySet[IPAsset]:
    from django.db.models import Min

    return qs.select_related("unit", "disclosure").annotate(
        next_due=Min("deadlines__due_date", filter=Q(deadlines__done_on__isnull=True))
    )


def deadlines_for(user) -> QuerySet[Deadline]:
    return Deadline.objects.filter(asset__in=assets_for(user))


def upcoming_deadlines(
    user, *, today: datetime.date | None = None, days: int = 180, overdue: bool = True
) -> QuerySet[Deadline]:
    """Open deadlines due within ``days`` (and, with ``overdue``, those already past), of the
    assets ``user`` may see; lapsed and abandoned assets left out."""
    today = today or timezone.localdate()
    qs = deadlines_for(user).filter(
        done_on__isnull=True, due_date__lte=today + datetime.timedelta(days=days)
    )
    if not overdue:
        qs = qs.filter(due_date__gte=today)
    return (
        qs.exclude(asset__status__in=[AssetStatus.LAPSED, AssetStatus.ABANDONED])
        .select_related("asset", "asset__unit")
        .order_by("due_date", "pk")
    )


def assets_of_disclosure(user, disclosure) -> QuerySet[IPAsset]:
    return assets_for(user).filter(disclosure=disclosure).order_by("filing_date", "pk")
