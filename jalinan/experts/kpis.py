"""What the experts app gives the dashboards and reports (see :mod:`jalinan.reports.registry`):
its two SDG sources, the expert profiles and their publications. A profile counts when it
existed by the end of the period, under its KCDIO; a publication when its year falls in the
period, under its author's profile's KCDIO. Neither has a partner, so neither appears in the
matrix by partner's sector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jalinan.reports.kpi_helpers import AppKpis, SdgRecords

from .models import Publication
from .selectors import profiles_for


def _profiles(scope):
    return (
        profiles_for(scope.user)
        .filter(created_at__date__lte=scope.as_of)
        .filter(scope.unit_q("unit_id"))
    )


def _publications(scope):
    return Publication.objects.filter(
        profile__in=profiles_for(scope.user),
        year__gte=scope.year_from,
        year__lte=scope.year_to,
    ).filter(scope.unit_q("profile__unit_id"))


# -- SDGs ----------------------------------------------------------------------------------

PROFILES = SdgRecords(
    _profiles,
    describe=lambda p: f"{p.name} ({p.get_position_display()})",
    order_by=("user__full_name", "pk"),
)
PUBLICATIONS = SdgRecords(
    _publications,
    unit="profile__unit_id",
    describe=lambda p: f"{p.title} ({p.profile.name})",
    period=lambda p: str(p.year),
    order_by=("year", "title", "pk"),
    related=("profile__user",),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("experts")
    kpis.sdg_records("profiles", _("Expert profiles"), PROFILES, order=70)
    kpis.sdg_records("publications", _("Publications"), PUBLICATIONS, order=75)
