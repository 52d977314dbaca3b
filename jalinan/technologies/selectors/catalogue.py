"""Reads of the public catalogue: the published offers and only their public fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import QuerySet

from ..choices import OfferStatus
from ..models import Technology
from .common import int_or_none

# The matching collection that indexes the published offers (their public fields only).
COLLECTION = "technologies"


def published_technologies() -> QuerySet[Technology]:
    """What anyone may see: the published offers, newest first."""
    return Technology.objects.filter(status=OfferStatus.PUBLISHED).order_by("-published_at", "-pk")


def newest_published(n: int = 4) -> list[Technology]:
    return list(published_technologies()[:n])


def filter_catalogue(qs: QuerySet[Technology], params: Mapping) -> QuerySet[Technology]:
    """The catalogue's filters: ``field``, ``trl`` (at least), ``ip`` (the kind of a linked IP
    asset: patent, design…), ``sdg`` (an accepted SDG tag)."""
    get = params.get
    if get("field"):
        qs = qs.filter(field=get("field"))
    trl = int_or_none(get("trl"))
    if trl:
        qs = qs.filter(trl__gte=trl)
    if get("ip"):
        qs = qs.filter(assets__kind=get("ip")).distinct()
    goal = int_or_none(get("sdg"))
    if goal:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    return qs


@dataclass
class CatalogueHit:
    technology: Technology
    score: float | None = None
    terms: list[str] = field(default_factory=list)


def catalogue_search(params: Mapping, *, limit: int = 200) -> list[CatalogueHit]:
    """The published offers after the filters; with ``q``, ranked by the matching engine
    (semantic and lexical) with the words that matched, else newest first."""
    from jalinan import matching

    qs = filter_catalogue(published_technologies(), params).select_related("unit")
    q = (params.get("q") or "").strip()[:500]
    if not q:
        return [CatalogueHit(t) for t in qs[:limit]]
    ids = set(qs.values_list("pk", flat=True))
    if not ids:
        return []
    results = matching.search(COLLECTION, q, k=min(limit, len(ids)), entity_ids=ids, evidence=1)
    by_pk = qs.in_bulk([r.entity_id for r in results])
    hits = []
    for r in results:
        tech = by_pk.get(r.entity_id)
        if tech is None:
            continue
        terms: list[str] = []
        for doc in r.docs:
            terms.extend(t for t in doc.terms if t not in terms)
        terms.extend(k for k in r.keywords if k not in terms)
        hits.append(CatalogueHit(tech, r.score, terms))
    return hits


def public_inventors(technology: Technology):
    """The inventors' profiles the catalogue may show: public profiles of active people."""
    from jalinan.experts.selectors import public_profiles

    return public_profiles().filter(technologies=technology)


def public_asset_kinds(technology: Technology) -> list[str]:
    """The kinds of IP behind an offer (patent, design…), the only asset detail made public."""
    return sorted(set(technology.assets.values_list("kind", flat=True)))
