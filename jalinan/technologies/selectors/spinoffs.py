"""Reads of spin-offs, limited to what the user may see."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import is_partner_user, is_signed_in

from ..models import Spinoff
from ..permissions.spinoffs import can_see_all_spinoffs


def spinoffs_for(user) -> QuerySet[Spinoff]:
    qs = Spinoff.objects.select_related("organisation", "licence__technology")
    if can_see_all_spinoffs(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    cond = Q(founders=user)
    if is_partner_user(user):
        cond |= Q(organisation_id=user.organisation_id)
    return qs.filter(pk__in=Spinoff.objects.filter(cond).values("pk"))


def filter_spinoffs(qs: QuerySet[Spinoff], params: Mapping) -> QuerySet[Spinoff]:
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(organisation__legal_name__icontains=q)
    if get("status"):
        qs = qs.filter(status=get("status"))
    return qs
