"""Who could license this: partner organisations likely to be interested in a technology,
each with the records that make the case.

The index
    A matching collection, ``partners.interests``, holds one entity per partner organisation
    (active or prospect, not merged). Its documents are what the organisation has asked of,
    or done with, the university, in its own words:

    ==================== ==================================================== ======
    kind                 text                                                 weight
    ==================== ==================================================== ======
    challenge            title + problem statement + desired outcome          1.0
    enquiry              a pipeline opportunity: title + description          0.9
    project              title + summary (every partner of the project)       0.9
    technology_enquiry   the enquiry's message + the technology's title       1.0
    licence              the licensed technology's title, tagline, field use  1.0
    ==================== ==================================================== ======

    Each carries its year (recency is the engine's). Draft challenges (not yet sent to the
    university) are left out, and so are the opportunities opened *from* a challenge or a
    technology enquiry: their text is the challenge's or the enquiry's, already indexed.
    Licences are an addition to the brief: having licensed a close technology is the
    strongest sign of all.

    :func:`index_partner` rebuilds one organisation's documents (the engine compares content
    hashes and re-embeds only changed texts; an organisation with nothing left, or no longer
    active, leaves the index). :func:`index_all_partners` does every organisation from four
    bulk reads; it is the daily job ``technologies.partner_interests`` (registered in
    ``apps.py``) and the command ``index_partner_interests``. A full pass over unchanged data
    embeds nothing, so the daily job simply runs it whole: removals (a deleted project) are
    caught too, which a "changed since" pass would miss. ``index_all_partners(since=...)``
    exists for callers that want the cheaper pass anyway.

The suggestion (:func:`suggest_licensees`)
    1. *Text*: ``matching.search("partners.interests", technology.public_text, k=50,
       evidence=3)`` over the eligible organisations; results below ``MIN_TEXT_SCORE`` are
       dropped, so every suggestion rests on at least one concrete record.
    2. *Sector*: a prior over MSIC sections from the organisations that licensed (weight 1)
       or enquired about (0.5) *similar* technologies, i.e. those of the same ``field`` and
       the best matches of the text in the catalogue's ``technologies`` collection, and from
       the text-matched top organisations themselves (their normalised text score × 0.5, a
       pseudo-relevance feedback). An organisation's own contributions are left out of the
       prior it is scored with (it must not vouch for itself). ``affinity`` is the prior of
       its section divided by the largest prior, in [0, 1]; 0 when its sector is unknown.
    3. ``score = text + SECTOR_WEIGHT × affinity`` (``SECTOR_WEIGHT`` = 0.15: text scores
       of real matches are 0.3 to 0.8, so the sector re-orders close candidates but never
       lifts an unrelated one over a real match).
    4. Organisations that hold a licence of this technology (in negotiation or active) and
       inactive or merged ones are excluded; those that already enquired about it are kept
       and marked (``already_enquired``).

    Given ``user``, the evidence is limited to the records that user may open (each app's
    own ``can_view_*``), and an organisation none of whose evidence the user may see is left
    out, so that a confidential challenge never shows through.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import LicenceStatus, OfferStatus
from .models import Enquiry, Licence, Technology

log = logging.getLogger(__name__)

COLLECTION = "partners.interests"
TECH_COLLECTION = "technologies"
JOB_KEY = "technologies.partner_interests"

MIN_TEXT_SCORE = 0.2
SECTOR_WEIGHT = 0.15
FEEDBACK_TOP = 10  # text-matched organisations whose sectors feed the prior
SIMILAR_TECH_K = 10
SIMILAR_TECH_MIN = 0.3
HOLDING = (LicenceStatus.NEGOTIATION, LicenceStatus.ACTIVE)

KIND_WEIGHTS = {
    "challenge": 1.0,
    "enquiry": 0.9,
    "project": 0.9,
    "technology_enquiry": 1.0,
    "licence": 1.0,
}


# -- the index --------------------------------------------------------------------------------


def _year(value) -> int | None:
    return value.year if value else None


def _eligible_orgs():
    from jalinan.partners.choices import OrganisationStatus
    from jalinan.partners.models import Organisation

    return Organisation.objects.filter(
        status__in=[OrganisationStatus.ACTIVE, OrganisationStatus.PROSPECT],
        merged_into__isnull=True,
    )


def _collect_docs(org_ids: set[int] | None) -> dict[int, list]:
    """``{organisation id: [Doc, ...]}`` for the given organisations (all when None), from one
    read per kind of record."""
    from jalinan.challenges.choices import ChallengeStatus
    from jalinan.challenges.models import Challenge
    from jalinan.matching import Doc
    from jalinan.pipeline.choices import LostReason, Source
    from jalinan.pipeline.models import Opportunity
    from jalinan.projects.models import Project

    def only(qs, lookup="organisation_id"):
        return qs if org_ids is None else qs.filter(**{f"{lookup}__in": org_ids})

    docs: dict[int, list] = defaultdict(list)
    challenges = only(
        Challenge.objects.exclude(status=ChallengeStatus.DRAFT).filter(
            organisation_id__isnull=False
        )
    ).only("pk", "organisation_id", "title", "problem_statement", "desired_outcome", "created_at")
    for c in challenges:
        docs[c.organisation_id].append(
            Doc(
                f"challenge:{c.pk}",
                c.title,
                "\n".join(filter(None, [c.problem_statement, c.desired_outcome])),
                _year(c.created_at),
                "challenge",
                KIND_WEIGHTS["challenge"],
            )
        )
    opportunities = (
        only(Opportunity.objects.filter(organisation_id__isnull=False))
        .exclude(source__in=[Source.CHALLENGE, Source.TECHNOLOGY], source_type__isnull=False)
        .exclude(lost_reason=LostReason.DUPLICATE_SPAM)
        .only("pk", "organisation_id", "title", "description", "created_at")
    )
    for o in opportunities:
        docs[o.organisation_id].append(
            Doc(
                f"opportunity:{o.pk}",
                o.title,
                o.description,
                _year(o.created_at),
                "enquiry",
                KIND_WEIGHTS["enquiry"],
            )
        )
    links = only(Project.organisations.through.objects.all()).values_list(
        "organisation_id", "project_id"
    )
    by_project: dict[int, list[int]] = defaultdict(list)
    for org_id, project_id in links:
        by_project[project_id].append(org_id)
    if by_project:
        for p in Project.objects.filter(pk__in=by_project).only(
            "pk", "title", "summary", "start_date", "created_at"
        ):
            doc = Doc(
                f"project:{p.pk}",
                p.title,
                p.summary,
                _year(p.start_date) or _year(p.created_at),
                "project",
                KIND_WEIGHTS["project"],
            )
            for org_id in by_project[p.pk]:
                docs[org_id].append(doc)
    enquiries = only(Enquiry.objects.filter(organisation_id__isnull=False)).select_related(
        "technology"
    )
    for e in enquiries.only("pk", "organisation_id", "message", "created_at", "technology__title"):
        docs[e.organisation_id].append(
            Doc(
                f"enquiry:{e.pk}",
                e.technology.title,
                e.message,
                _year(e.created_at),
                "technology_enquiry",
                KIND_WEIGHTS["technology_enquiry"],
            )
        )
    licences = only(Licence.objects.all(), "licensee_id").select_related("technology")
    for lic in licences.only(
        "pk",
        "licensee_id",
        "field_of_use",
        "start_date",
        "created_at",
        "technology__title",
        "technology__tagline",
    ):
        docs[lic.licensee_id].append(
            Doc(
                f"licence:{lic.pk}",
                lic.technology.title,
                "\n".join(filter(None, [lic.technology.tagline, lic.field_of_use])),
                _year(lic.start_date) or _year(lic.created_at),
                "licence",
                KIND_WEIGHTS["licence"],
            )
        )
    return docs


def _sync(org_ids: Iterable[int], docs: dict[int, list], eligible: set[int]) -> dict:
    from jalinan import matching

    counts = {"organisations": 0, "changed": 0, "embedded": 0, "removed": 0}
    for org_id in sorted(set(org_ids)):
        mine = docs.get(org_id) or []
        if org_id not in eligible or not mine:
            counts["removed"] += int(matching.remove_entity(COLLECTION, org_id))
            continue
        report = matching.index_entity(COLLECTION, org_id, mine, embed=False)
        counts["organisations"] += 1
        counts["changed"] += report.created + report.updated + report.removed
    if counts["changed"]:
        counts["embedded"] = matching.embed_pending_docs(COLLECTION)
    return counts


def index_partner(org_id: int) -> dict:
    """Rebuild the documents of one organisation (only changed texts are re-embedded); an
    organisation with nothing to show, inactive or merged, leaves the index."""
    eligible = set(_eligible_orgs().filter(pk=org_id).values_list("pk", flat=True))
    docs = _collect_docs({org_id}) if eligible else {}
    return _sync([org_id], docs, eligible)


def _changed_since(since: datetime.datetime) -> set[int]:
    from jalinan.challenges.models import Challenge
    from jalinan.pipeline.models import Opportunity
    from jalinan.projects.models import Project

    ids = set(_all_orgs().filter(updated_at__gte=since).values_list("pk", flat=True))
    for qs, column in (
        (Challenge.objects.filter(updated_at__gte=since), "organisation_id"),
        (Opportunity.objects.filter(updated_at__gte=since), "organisation_id"),
        (
            Project.organisations.through.objects.filter(project__updated_at__gte=since),
            "organisation_id",
        ),
        (Enquiry.objects.filter(created_at__gte=since), "organisation_id"),
        (Licence.objects.filter(created_at__gte=since), "licensee_id"),
    ):
        ids.update(i for i in qs.values_list(column, flat=True) if i is not None)
    return ids


def _all_orgs():
    from jalinan.partners.models import Organisation

    return Organisation.objects.all()


def _indexed_ids() -> set[int]:
    # The engine's own table, read for one thing: which entities to drop (an organisation
    # deleted, or that lost its last record). It has no public "list entities" call.
    from jalinan.matching.models import IndexedEntity

    return set(
        IndexedEntity.objects.filter(collection__name=COLLECTION).values_list(
            "entity_id", flat=True
        )
    )


def index_all_partners(*, since: datetime.datetime | None = None) -> dict:
    """Bring the whole ``partners.interests`` collection up to date (or, with ``since``, the
    organisations whose records changed since then). Re-runnable: unchanged texts are not
    re-embedded. Returns counts (organisations indexed, documents changed, embedded, removed).
    """
    eligible = set(_eligible_orgs().values_list("pk", flat=True))
    if since is None:
        targets = eligible | _indexed_ids()
        docs = _collect_docs(None)
    else:
        targets = _changed_since(since)
        docs = _collect_docs(targets & eligible)
    return _sync(targets, docs, eligible)


# -- the suggestion ---------------------------------------------------------------------------


@dataclass
class Evidence:
    """One record of the organisation that matched the technology, with the words shared."""

    kind: str
    title: str
    text: str
    year: int | None
    score: float
    terms: list[str] = field(default_factory=list)
    url: str = ""
    reason: str = ""


@dataclass
class LicenseeSuggestion:
    """A partner organisation that could license the technology, and why."""

    organisation: object
    score: float
    text_score: float
    sector_affinity: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    already_enquired: bool = False
    url: str = ""


def _split_key(key: str) -> tuple[str, int | None]:
    prefix, _sep, pk = key.partition(":")
    try:
        return prefix, int(pk)
    except ValueError:
        return prefix, None


def _load_records(keys: Iterable[str]) -> dict[str, object]:
    """The objects behind evidence keys ("challenge:12" …), one read per kind."""
    from jalinan.challenges.models import Challenge
    from jalinan.pipeline.models import Opportunity
    from jalinan.projects.models import Project

    models = {
        "challenge": Challenge.objects.all(),
        "opportunity": Opportunity.objects.all(),
        "project": Project.objects.prefetch_related("organisations"),
        "enquiry": Enquiry.objects.select_related("technology"),
        "licence": Licence.objects.select_related("technology", "licensee"),
    }
    wanted: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        prefix, pk = _split_key(key)
        if prefix in models and pk is not None:
            wanted[prefix].add(pk)
    out = {}
    for prefix, pks in wanted.items():
        for pk, obj in models[prefix].in_bulk(pks).items():
            out[f"{prefix}:{pk}"] = obj
    return out


def _can_view(user, prefix: str, obj) -> bool:
    if user is None:
        return True
    if prefix == "challenge":
        from jalinan.challenges.permissions import can_view_challenge

        return can_view_challenge(user, obj)
    if prefix == "opportunity":
        from jalinan.pipeline.permissions import can_view_opportunity

        return can_view_opportunity(user, obj)
    if prefix == "project":
        from jalinan.projects.permissions import can_view_project

        return can_view_project(user, obj)
    if prefix == "enquiry":
        from .permissions.enquiries import can_see_enquiries

        return can_see_enquiries(user)
    if prefix == "licence":
        from .permissions.licences import can_view_licence

        return can_view_licence(user, obj)
    return False


def _url(prefix: str, obj) -> str:
    if prefix == "enquiry":
        return reverse("technologies:enquiry_detail", args=[obj.pk])
    return obj.get_absolute_url()


def _evidence_reason(kind: str, title: str, year: int | None) -> str:
    values = {"title": title, "year": year}
    if kind == "challenge":
        text = _("Posted a challenge on “%(title)s”")
    elif kind == "project":
        text = _("Ran a project with the university on “%(title)s”")
    elif kind == "technology_enquiry":
        text = _("Enquired about “%(title)s”")
    elif kind == "licence":
        text = _("Licensed “%(title)s”")
    else:
        text = _("Came to the office about “%(title)s”")
    text = text % values
    return f"{text} ({year})" if year else text


def _similar_technologies(technology: Technology, text: str) -> dict[int, float]:
    """``{technology id: similarity}``: published offers close to this one by text, and those
    of the same field (similarity 0.5 unless the text says more)."""
    from jalinan import matching

    similar: dict[int, float] = {}
    try:
        for r in matching.search(
            TECH_COLLECTION,
            text,
            k=SIMILAR_TECH_K,
            exclude_ids={technology.pk} if technology.pk else None,
            evidence=1,
            explain=False,
        ):
            if r.score >= SIMILAR_TECH_MIN:
                similar[r.entity_id] = min(1.0, float(r.score))
    except Exception:  # noqa: BLE001 - the catalogue's index is optional here
        log.exception("Similar technologies unavailable for %s", technology.pk)
    if technology.field:
        same_field = (
            Technology.objects.filter(field=technology.field)
            .exclude(pk=technology.pk)
            .exclude(status=OfferStatus.DRAFT)
            .values_list("pk", flat=True)
        )
        for pk in same_field:
            similar[pk] = max(similar.get(pk, 0.0), 0.5)
    return similar


def _section_label(section: str) -> str:
    from jalinan.partners.msic import SECTIONS

    return f"{section} — {SECTIONS.get(section, '')}".rstrip(" —")


def suggest_licensees(
    technology: Technology, *, k: int = 10, user=None
) -> list[LicenseeSuggestion]:
    """Up to ``k`` partner organisations likely to license ``technology``, best first, each
    with its score, reasons and evidence (see the module's docstring for how). With ``user``,
    only evidence that user may open is shown."""
    from jalinan import matching
    from jalinan.partners.models import Organisation

    text = (technology.public_text or "").strip()
    if not text:
        return []
    holders = set(
        Licence.objects.filter(technology=technology, status__in=HOLDING).values_list(
            "licensee_id", flat=True
        )
    )
    eligible = set(_eligible_orgs().values_list("pk", flat=True)) - holders
    if not eligible:
        return []
    results = [
        r
        for r in matching.search(COLLECTION, text, k=50, entity_ids=eligible, evidence=3)
        if r.score >= MIN_TEXT_SCORE
    ]
    if not results:
        return []
    orgs = Organisation.objects.in_bulk([r.entity_id for r in results])
    records = _load_records(d.key for r in results for d in r.docs)
    enquired = set(
        Enquiry.objects.filter(technology=technology, organisation_id__in=orgs).values_list(
            "organisation_id", flat=True
        )
    )

    # The sector prior: (organisation id, section, weight, role) contributions.
    similar = _similar_technologies(technology, text)
    contributions: list[tuple[int, str, float, str]] = []
    if similar:
        for org_id, section, tech_id in Licence.objects.filter(
            technology_id__in=similar, licensee__msic_section__gt=""
        ).values_list("licensee_id", "licensee__msic_section", "technology_id"):
            contributions.append((org_id, section, similar[tech_id], "licensee"))
        for org_id, section, tech_id in Enquiry.objects.filter(
            technology_id__in=similar, organisation__msic_section__gt=""
        ).values_list("organisation_id", "organisation__msic_section", "technology_id"):
            contributions.append((org_id, section, 0.5 * similar[tech_id], "enquirer"))
    top = max(r.score for r in results)
    for r in results[:FEEDBACK_TOP]:
        org = orgs.get(r.entity_id)
        if org is not None and org.msic_section:
            contributions.append((org.pk, org.msic_section, 0.5 * r.score / top, "match"))

    suggestions = []
    for r in results:
        org = orgs.get(r.entity_id)
        if org is None:
            continue
        evidence = []
        for d in r.docs:
            prefix, _pk = _split_key(d.key)
            obj = records.get(d.key)
            if obj is None or not _can_view(user, prefix, obj):
                continue
            evidence.append(
                Evidence(
                    kind=d.kind,
                    title=d.title,
                    text=d.text,
                    year=d.year,
                    score=d.score,
                    terms=list(d.terms),
                    url=_url(prefix, obj),
                    reason=_evidence_reason(d.kind, d.title, d.year),
                )
            )
        if not evidence:
            continue  # nothing this user may see: do not hint at it
        affinity, sector_reason = _affinity(org, contributions)
        reasons = [e.reason for e in evidence]
        if sector_reason:
            reasons.append(sector_reason)
        if org.pk in enquired:
            reasons.insert(0, _("Already enquired about this technology"))
        suggestions.append(
            LicenseeSuggestion(
                organisation=org,
                score=round(float(r.score) + SECTOR_WEIGHT * affinity, 4),
                text_score=round(float(r.score), 4),
                sector_affinity=round(affinity, 4),
                reasons=reasons,
                evidence=evidence,
                already_enquired=org.pk in enquired,
                url=_org_url(user, org),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.organisation.legal_name))
    return suggestions[:k]


def _org_url(user, org) -> str:
    if user is not None:
        from jalinan.partners.permissions import can_view_organisation

        if not can_view_organisation(user, org):
            return ""
    return org.get_absolute_url()


def _affinity(org, contributions) -> tuple[float, str]:
    """The organisation's sector affinity in [0, 1] (its own contributions left out) and the
    sentence that explains it, if any."""
    prior: Counter = Counter()
    licensees: set[int] = set()
    enquirers: set[int] = set()
    matches: set[int] = set()
    for org_id, section, weight, role in contributions:
        if org_id == org.pk:
            continue
        prior[section] += weight
        if section == org.msic_section:
            {"licensee": licensees, "enquirer": enquirers, "match": matches}[role].add(org_id)
    if not org.msic_section or not prior or not prior[org.msic_section]:
        return 0.0, ""
    affinity = prior[org.msic_section] / max(prior.values())
    sector = _section_label(org.msic_section)
    if licensees:
        n = len(licensees)
        reason = ngettext(
            "Works in sector %(sector)s, like %(n)d licensee of similar technologies",
            "Works in sector %(sector)s, like %(n)d licensees of similar technologies",
            n,
        ) % {"sector": sector, "n": n}
    elif enquirers:
        n = len(enquirers)
        reason = ngettext(
            "Works in sector %(sector)s, like %(n)d organisation that enquired about "
            "similar technologies",
            "Works in sector %(sector)s, like %(n)d organisations that enquired about "
            "similar technologies",
            n,
        ) % {"sector": sector, "n": n}
    else:
        n = len(matches)
        reason = ngettext(
            "Works in sector %(sector)s, like %(n)d other close match",
            "Works in sector %(sector)s, like %(n)d other close matches",
            n,
        ) % {"sector": sector, "n": n}
    return float(affinity), reason
