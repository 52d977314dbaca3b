"""Reads of licences, their royalty payments and the revenue sharing policies, each limited to
what the user may see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Q, QuerySet, Sum

from jalinan.accounts.roles import is_partner_user, is_signed_in

from ..choices import Exclusivity, LicenceStatus
from ..models import Licence, RevenuePolicy, RoyaltyPayment
from ..permissions.common import is_ip_staff
from .common import int_or_none


def licences_for(user) -> QuerySet[Licence]:
    qs = Licence.objects.select_related("technology", "licensee", "memorandum")
    if is_ip_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    cond = Q(technology__inventors__user=user) | Q(technology__disclosure__inventors__user=user)
    if is_partner_user(user):
        cond |= Q(licensee_id=user.organisation_id)
    return qs.filter(pk__in=Licence.objects.filter(cond).values("pk"))


def filter_licences(qs: QuerySet[Licence], params: Mapping) -> QuerySet[Licence]:
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(office_reference__icontains=q)
            | Q(technology__title__icontains=q)
            | Q(licensee__legal_name__icontains=q)
        )
    if get("status") in LicenceStatus.values:
        qs = qs.filter(status=get("status"))
    if get("exclusivity") in Exclusivity.values:
        qs = qs.filter(exclusivity=get("exclusivity"))
    year = int_or_none(get("year"))
    if year:
        qs = qs.filter(start_date__year=year)
    return qs


def licence_years(qs: QuerySet[Licence]) -> list[int]:
    return sorted(
        {d.year for d in qs.exclude(start_date=None).values_list("start_date", flat=True)},
        reverse=True,
    )


def payments_for(user) -> QuerySet[RoyaltyPayment]:
    return RoyaltyPayment.objects.select_related(
        "licence__technology", "licence__licensee", "policy"
    ).filter(licence__in=licences_for(user).values("pk"))


def filter_payments(qs: QuerySet[RoyaltyPayment], params: Mapping) -> QuerySet[RoyaltyPayment]:
    get = params.get
    year = int_or_none(get("year"))
    if year:
        qs = qs.filter(period_year=year)
    if get("kind"):
        qs = qs.filter(kind=get("kind"))
    licence = int_or_none(get("licence"))
    if licence:
        qs = qs.filter(licence_id=licence)
    return qs


def payments_by_year(licence: Licence) -> list[dict]:
    """``[{"year", "payments": [...], "total"}]``, newest year first."""
    years: dict[int, list] = {}
    for p in licence.payments.select_related("policy").prefetch_related("shares__unit"):
        years.setdefault(p.period_year, []).append(p)
    return [
        {"year": y, "payments": ps, "total": sum((p.amount for p in ps), start=0)}
        for y, ps in sorted(years.items(), reverse=True)
    ]


def licence_income(licence: Licence):
    return licence.payments.aggregate(total=Sum("amount"))["total"] or 0


def policy_in_force(on: datetime.date) -> RevenuePolicy | None:
    """The newest policy in force on ``on`` (``effective_from`` on or before it)."""
    return RevenuePolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
