"""What the experts app gives the dashboards and reports (see :mod:`jalinan.reports.registry`):
its two SDG sources, the expert profiles and their publications. A profile counts when it
existed by the end of the period, under its KCDIO; a publication when its year falls in the
period, under its author's profile's KCDIO. Neither has a partner, so neither appears in the
matrix by partner's sector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jalinan.reports.registry import Evidence, register_sdg_source
from jalinan.sdgs import kpis as sdg_kpis
from jalinan.sdgs.selectors import filter_by_goal

from .models import ExpertProfile, Publication
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


def _no_sector(scope) -> dict:
    return {}


def profile_evidence(scope, goal: int) -> list[Evidence]:
    items = list(filter_by_goal(_profiles(scope), goal).order_by("user__full_name", "pk"))
    tags = sdg_kpis.accepted_tags(ExpertProfile, [p.pk for p in items], goal)
    return [
        Evidence(
            record=f"{p.name} ({p.get_position_display()})",
            url=p.get_absolute_url(),
            date=None,
            period="",
            partners=[],
            unit=scope.unit_name(p.unit_id) if p.unit_id else "",
            tag=tags.get(p.pk, {}),
        )
        for p in items
    ]


def publication_evidence(scope, goal: int) -> list[Evidence]:
    items = list(
        filter_by_goal(_publications(scope), goal)
        .select_related("profile__user")
        .order_by("year", "title", "pk")
    )
    tags = sdg_kpis.accepted_tags(Publication, [p.pk for p in items], goal)
    return [
        Evidence(
            record=f"{p.title} ({p.profile.name})",
            url=p.get_absolute_url(),
            date=None,
            period=str(p.year),
            partners=[],
            unit=scope.unit_name(p.profile.unit_id) if p.profile.unit_id else "",
            tag=tags.get(p.pk, {}),
        )
        for p in items
    ]


def register():
    register_sdg_source(
        "experts.profiles",
        label=_("Expert profiles"),
        by_unit=lambda scope: sdg_kpis.goal_counts(_profiles(scope), by="unit_id"),
        by_sector=_no_sector,
        evidence=profile_evidence,
        order=70,
    )
    register_sdg_source(
        "experts.publications",
        label=_("Publications"),
        by_unit=lambda scope: sdg_kpis.goal_counts(_publications(scope), by="profile__unit_id"),
        by_sector=_no_sector,
        evidence=publication_evidence,
        order=75,
    )
