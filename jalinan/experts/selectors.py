"""Reads of expert profiles, each limited to what the user may see, and expert search."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from .models import ExpertProfile, Publication
from .permissions import can_search_experts

COLLECTION = "experts"


def profiles_for(user) -> QuerySet[ExpertProfile]:
    """The profiles ``user`` may see (public ones, plus their own, their unit's as
    coordinator, or all for the office), of active people."""
    qs = ExpertProfile.objects.select_related("user", "unit").filter(user__is_active=True)
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_oil(user):
        return qs
    visible = Q(user_id=user.pk)
    if can_search_experts(user):
        visible |= Q(is_public=True)
    if has_role(user, Role.COORDINATOR) and unit_ids(user):
        visible |= Q(unit_id__in=unit_ids(user))
    return qs.filter(visible)


def filter_profiles(qs, filters: dict | None):
    """Apply the search page's filters: unit (with the units below it), position,
    availability, public/private, sdg (an accepted tag for that goal)."""
    from jalinan.accounts.models import Unit

    f = filters or {}
    unit = f.get("unit")
    if unit:
        u = Unit.objects.filter(pk=unit).first()
        qs = qs.filter(unit_id__in=u.descendant_ids()) if u else qs.none()
    if f.get("position"):
        qs = qs.filter(position=f["position"])
    if f.get("availability"):
        qs = qs.filter(availability=f["availability"])
    if f.get("visibility") in ("public", "private"):
        qs = qs.filter(is_public=f["visibility"] == "public")
    goal = f.get("sdg")
    if goal and 1 <= goal <= 17:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    return qs


@dataclass
class Evidence:
    """One publication (or the profile, or a project) that made an expert match."""

    kind: str  # "publication", "profile" or "project"
    title: str
    text: str
    year: int | None
    score: float
    terms: list[str]
    publication: Publication | None = None
    url: str = ""


@dataclass
class ExpertMatch:
    profile: ExpertProfile
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # the profile's keywords in the text


def experts_for_text(
    text: str,
    user,
    filters: dict | None = None,
    *,
    k: int = 20,
    evidence: int = 3,
    exclude: set[int] | None = None,
) -> list[ExpertMatch]:
    """The experts ``user`` may see that best match ``text`` (a problem statement, an
    opening, a technology), best first, each with the publications and keywords that made the
    match. ``filters``: ``unit`` (id, units below included), ``position``, ``availability``,
    ``visibility`` ("public"/"private"), ``sdg`` (goal number). ``exclude``: profile ids to
    leave out."""
    from jalinan import matching

    text = (text or "").strip()
    if not text or not getattr(user, "is_authenticated", False):
        return []
    qs = filter_profiles(profiles_for(user), filters)
    restrict = None
    if not (is_oil(user) and not any((filters or {}).values())):
        restrict = set(qs.values_list("pk", flat=True))
        if not restrict:
            return []
    results = matching.search(
        COLLECTION, text, k=k, entity_ids=restrict, exclude_ids=exclude, evidence=evidence
    )
    return _matches(results, qs)


def similar_experts(profile: ExpertProfile, user, *, k: int = 5) -> list[ExpertMatch]:
    """Experts whose work is closest to ``profile``'s, among those ``user`` may see."""
    from jalinan import matching

    qs = profiles_for(user)
    restrict = None if is_oil(user) else set(qs.values_list("pk", flat=True))
    results = matching.similar(COLLECTION, profile.pk, k=k, entity_ids=restrict)
    return _matches(results, qs)


def _matches(results, qs) -> list[ExpertMatch]:
    profiles = qs.in_bulk([r.entity_id for r in results])
    pub_ids = [
        int(d.key.split(":")[1]) for r in results for d in r.docs if d.key.startswith("pub:")
    ]
    pubs = Publication.objects.in_bulk(pub_ids)
    out = []
    for r in results:
        profile = profiles.get(r.entity_id)
        if profile is None:
            continue
        ev = []
        for d in r.docs:
            pub = pubs.get(int(d.key.split(":")[1])) if d.key.startswith("pub:") else None
            if d.key.startswith("pub:") and (pub is None or pub.profile_id != profile.pk):
                continue  # deleted since it was indexed
            if pub is not None:
                pub.profile = profile  # for its URL, without a query per publication
            ev.append(
                Evidence(
                    kind=d.kind,
                    title=d.title,
                    text=d.text,
                    year=d.year,
                    score=d.score,
                    terms=d.terms,
                    publication=pub,
                    url=pub.get_absolute_url() if pub else profile.get_absolute_url(),
                )
            )
        out.append(ExpertMatch(profile=profile, score=r.score, evidence=ev, keywords=r.keywords))
    return out


def profile_completeness(profile: ExpertProfile) -> tuple[int, list[str]]:
    """How complete a profile is (percent) and what its owner should add, most useful first."""
    from django.utils.translation import gettext as _

    pubs = profile.publications.count()
    with_abstract = profile.publications.exclude(abstract="").count()
    checks = [
        (len(profile.keywords) >= 3, _("Add at least three expertise keywords.")),
        (len(profile.biography) >= 200, _("Write a biography of a paragraph or more.")),
        (pubs >= 3, _("Add your publications (import them from BibTeX, RIS, CSV or ORCID).")),
        (
            pubs == 0 or with_abstract >= pubs / 2,
            _("Add abstracts to your publications: they are what industry searches match."),
        ),
        (bool(profile.department), _("Name your department.")),
        (bool(profile.languages), _("List the languages you can consult in.")),
        (
            bool(profile.orcid or profile.scopus_id or profile.google_scholar),
            _("Add your ORCID iD, Scopus author ID or Google Scholar ID."),
        ),
        (profile.projects.exists(), _("Add a project you led or took part in.")),
        (profile.is_public, _("Make your profile public so that industry partners can find you.")),
    ]
    done = sum(1 for ok, _hint in checks if ok)
    return round(100 * done / len(checks)), [hint for ok, hint in checks if not ok]


def public_profiles() -> QuerySet[ExpertProfile]:
    """The profiles anyone may see, signed in or not: public profiles of active people."""
    return ExpertProfile.objects.select_related("user", "unit").filter(
        user__is_active=True, is_public=True
    )


def public_experts_for_text(text: str, *, k: int = 5, evidence: int = 1) -> list[ExpertMatch]:
    """The public experts who best match ``text``, for visitors who are not signed in (the
    public enquiry form, the technology catalogue). Only public profiles are searched, and
    each evidence link points to the public profile page, never to a signed-in page."""
    from jalinan import matching

    text = (text or "").strip()
    if not text:
        return []
    qs = public_profiles()
    allowed = set(qs.values_list("pk", flat=True))
    if not allowed:
        return []
    results = matching.search(COLLECTION, text, k=k, entity_ids=allowed, evidence=evidence)
    matches = _matches(results, qs)
    for m in matches:
        for ev in m.evidence:
            anchor = f"#pub-{ev.publication.pk}" if ev.publication else ""
            ev.url = m.profile.get_public_url() + anchor
    return matches
