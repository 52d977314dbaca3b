"""Reads of technology offers, the public catalogue, enquiries, licences, payments and
spin-offs, each limited to what the user may see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from jalinan.accounts.roles import is_partner_user

from .choices import OfferStatus
from .models import Enquiry, Licence, RevenuePolicy, RoyaltyPayment, Spinoff, Technology
from .permissions.common import is_ip_staff
from .permissions.enquiries import can_see_enquiries
from .permissions.spinoffs import can_see_all_spinoffs

COLLECTION = "technologies"
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


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


# -- the public catalogue --------------------------------------------------------------------


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
    trl = _int(get("trl"))
    if trl:
        qs = qs.filter(trl__gte=trl)
    if get("ip"):
        qs = qs.filter(assets__kind=get("ip")).distinct()
    goal = _int(get("sdg"))
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


# -- the office's offers ---------------------------------------------------------------------


def technologies_for(user) -> QuerySet[Technology]:
    qs = Technology.objects.select_related("unit", "disclosure")
    if is_ip_staff(user):
        return qs
    if not _authenticated(user):
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
    tech = _int(get("technology"))
    if tech:
        qs = qs.filter(technology_id=tech)
    if get("nda") == "1":
        qs = qs.exclude(nda=None)
    return qs


# -- licences and payments -------------------------------------------------------------------


def licences_for(user) -> QuerySet[Licence]:
    qs = Licence.objects.select_related("technology", "licensee", "memorandum")
    if is_ip_staff(user):
        return qs
    if not _authenticated(user):
        return qs.none()
    cond = Q(technology__inventors__user=user) | Q(technology__disclosure__inventors__user=user)
    if is_partner_user(user):
        cond |= Q(licensee_id=user.organisation_id)
    return qs.filter(pk__in=Licence.objects.filter(cond).values("pk"))


def filter_licences(qs: QuerySet[Licence], params: Mapping) -> QuerySet[Licence]:
    from .choices import Exclusivity, LicenceStatus

    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(technology__title__icontains=q)
            | Q(licensee__legal_name__icontains=q)
        )
    if get("status") in LicenceStatus.values:
        qs = qs.filter(status=get("status"))
    if get("exclusivity") in Exclusivity.values:
        qs = qs.filter(exclusivity=get("exclusivity"))
    year = _int(get("year"))
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
    year = _int(get("year"))
    if year:
        qs = qs.filter(period_year=year)
    if get("kind"):
        qs = qs.filter(kind=get("kind"))
    licence = _int(get("licence"))
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


# -- spin-offs -------------------------------------------------------------------------------


def spinoffs_for(user) -> QuerySet[Spinoff]:
    qs = Spinoff.objects.select_related("organisation", "licence__technology")
    if can_see_all_spinoffs(user):
        return qs
    if not _authenticated(user):
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
