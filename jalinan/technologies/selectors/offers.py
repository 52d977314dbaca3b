"""Reads of technology offers as the office sees them (drafts included), limited to what the
user may see, and the fields of the catalogue."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import is_signed_in

from ..choices import OfferStatus
from ..models import Technology
from ..permissions.common import is_ip_staff

# The fields of the catalogue, as stored in ``Technology.field`` (labels in FIELD_CHOICES).
FIELDS = [
    "agritech",
    "biotech",
    "education",
    "energy",
    "engineering",
    "halal",
    "health",
    "ict",
    "materials",
]


def field_choices():
    from django.utils.translation import gettext_lazy as _

    labels = {
        "agritech": _("Agriculture and food"),
        "biotech": _("Biotechnology"),
        "education": _("Education"),
        "energy": _("Energy and environment"),
        "engineering": _("Engineering"),
        "halal": _("Halal products and services"),
        "health": _("Health and medicine"),
        "ict": _("ICT and digital"),
        "materials": _("Advanced materials"),
    }
    return [(k, labels[k]) for k in FIELDS]


def field_label(value: str) -> str:
    return str(dict(field_choices()).get(value, value))


def technologies_for(user) -> QuerySet[Technology]:
    qs = Technology.objects.select_related("unit", "disclosure")
    if is_ip_staff(user):
        return qs
    if not is_signed_in(user):
        return qs.none()
    return qs.filter(Q(inventors__user=user) | Q(disclosure__inventors__user=user)).distinct()


def filter_technologies(qs: QuerySet[Technology], params: Mapping) -> QuerySet[Technology]:
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(reference__icontains=q) | Q(tagline__icontains=q))
    if get("status") in OfferStatus.values:
        qs = qs.filter(status=get("status"))
    if get("field"):
        qs = qs.filter(field=get("field"))
    return qs.order_by("-created_at", "-pk")
