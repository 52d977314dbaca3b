"""Reads of the IP portfolio (assets and their deadlines), each limited to what the user may
see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..choices import AssetKind, AssetStatus, IPOffice
from ..models import Deadline, IPAsset
from ..permissions.common import is_ip_staff
from .common import int_or_none, unit_ids
from .disclosures import own_disclosure_ids


def assets_for(user) -> QuerySet[IPAsset]:
    qs = IPAsset.objects.all()
    if is_ip_staff(user):
        return qs
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    return qs.filter(
        Q(disclosure__submitted_by=user) | Q(disclosure_id__in=own_disclosure_ids(user))
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
    unit = int_or_none(get("unit"))
    if unit:
        qs = qs.filter(unit_id__in=unit_ids(unit))
    within = int_or_none(get("within"))
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
