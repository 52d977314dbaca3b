"""Reads of enquiries about technologies (OIL only)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q, QuerySet

from ..models import Enquiry
from ..permissions.enquiries import can_see_enquiries
from .common import int_or_none


def enquiries_for(user) -> QuerySet[Enquiry]:
    if not can_see_enquiries(user):
        return Enquiry.objects.none()
    return Enquiry.objects.select_related("technology", "organisation", "nda", "opportunity")


def filter_enquiries(qs: QuerySet[Enquiry], params: Mapping) -> QuerySet[Enquiry]:
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(organisation_name__icontains=q)
            | Q(name__icontains=q)
            | Q(email__icontains=q)
            | Q(technology__title__icontains=q)
        )
    if get("kind"):
        qs = qs.filter(kind=get("kind"))
    tech = int_or_none(get("technology"))
    if tech:
        qs = qs.filter(technology_id=tech)
    if get("nda") == "1":
        qs = qs.exclude(nda=None)
    return qs
