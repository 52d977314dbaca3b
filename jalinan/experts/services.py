"""Every write to expert profiles, publications and projects: validated, atomic, audited,
and followed by re-indexing (only changed texts are re-embedded) and SDG classification."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.sdgs.services import sdg_request_classification

from .choices import Position
from .models import (
    ExpertProfile,
    ProfileProject,
    Publication,
    normalise_doi,
    normalise_title,
)

COLLECTION = "experts"
PROFILE_FIELDS = {
    "unit",
    "department",
    "position",
    "keywords",
    "biography",
    "languages",
    "availability",
    "orcid",
    "scopus_id",
    "google_scholar",
    "is_public",
}
PUBLICATION_FIELDS = {
    "title",
    "abstract",
    "year",
    "venue",
    "doi",
    "authors",
    "keywords",
    "kind",
    "url",
    "source",
}
PROFILE_PROJECT_FIELDS = {"title", "description", "role", "funder", "start_year", "end_year"}
# Texts whose change means the profile must be re-indexed (and re-classified for SDGs).
INDEXED_PROFILE_FIELDS = {"keywords", "biography", "department"}
INDEXED_META_FIELDS = {"unit", "position", "availability", "is_public"}


def _clean_list(values) -> list[str]:
    if isinstance(values, str):
        values = values.replace(";", "\n").replace(",", "\n").splitlines()
    out: list[str] = []
    for v in values or []:
        v = " ".join(str(v).split())
        if v and v.lower() not in {o.lower() for o in out}:
            out.append(v)
    return out


def _apply(obj, fields: dict, allowed: set[str]):
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if key in ("keywords", "languages"):
            value = _clean_list(value)
        elif isinstance(value, str) and key not in {"biography", "abstract", "description"}:
            value = value.strip()
        setattr(obj, key, value)


# -- the index -----------------------------------------------------------------------------------


def profile_documents(profile: ExpertProfile) -> list:
    """What the matching engine reads of a profile: a summary (keywords, biography), every
    publication (title, abstract, keywords, year) and every project."""
    from jalinan.matching import Doc

    docs = []
    summary = "; ".join(profile.keywords)
    if summary or profile.biography:
        docs.append(Doc("profile", summary, profile.biography[:2000], None, "profile", weight=0.9))
    for pub in profile.publications.all():
        text = pub.abstract
        if pub.keywords:
            text = f"{text} {'; '.join(pub.keywords)}".strip()
        docs.append(Doc(f"pub:{pub.pk}", pub.title, text, pub.year, "publication"))
    for project in profile.projects.all():
        docs.append(
            Doc(
                f"project:{project.pk}",
                project.title,
                project.description,
                project.end_year or project.start_year,
                "project",
            )
        )
    return docs


def profile_reindex(profile: ExpertProfile):
    """Hand the profile's texts to the matching engine (only changed texts are re-embedded).
    Profiles of people who left are taken out of the index."""
    from jalinan import matching

    if not profile.user.is_active:
        matching.remove_entity(COLLECTION, profile.pk)
        return None
    return matching.index_entity(
        COLLECTION,
        profile.pk,
        profile_documents(profile),
        meta={
            "unit": profile.unit_id,
            "position": profile.position,
            "availability": profile.availability,
            "public": profile.is_public,
        },
        keywords=profile.keywords,
    )


# -- profiles ------------------------------------------------------------------------------------


def _position_from_job_title(job_title: str) -> str:
    t = (job_title or "").lower()
    for value, label in Position.choices:
        if str(label).lower() == t:
            return value
    return Position.LECTURER


@transaction.atomic
def profile_create(*, user, by, **fields) -> ExpertProfile:
    """The expert profile of an academic (one each), private until its owner makes it public."""
    if ExpertProfile.objects.filter(user=user).exists():
        raise ValidationError(_("This person already has an expert profile."))
    fields.setdefault("unit", user.unit)
    fields.setdefault("position", _position_from_job_title(user.job_title))
    profile = ExpertProfile(user=user)
    _apply(profile, fields, PROFILE_FIELDS)
    profile.full_clean()
    profile.save()
    audit_log(actor=by, action="create", obj=profile, changes=diff({}, snapshot(profile)))
    profile_reindex(profile)
    sdg_request_classification(obj=profile)
    return profile


def profile_get_or_create(*, user, by) -> ExpertProfile:
    existing = ExpertProfile.objects.filter(user=user).first()
    return existing or profile_create(user=user, by=by)


@transaction.atomic
def profile_update(*, profile: ExpertProfile, by, **fields) -> ExpertProfile:
    before = snapshot(ExpertProfile.objects.get(pk=profile.pk))
    _apply(profile, fields, PROFILE_FIELDS)
    profile.full_clean()
    profile.save()
    changes = diff(before, snapshot(profile))
    if changes:
        audit_log(actor=by, action="update", obj=profile, changes=changes)
        if (INDEXED_PROFILE_FIELDS | INDEXED_META_FIELDS) & set(changes):
            profile_reindex(profile)
        if INDEXED_PROFILE_FIELDS & set(changes):
            sdg_request_classification(obj=profile)
    return profile


# -- publications --------------------------------------------------------------------------------


def find_duplicate(profile: ExpertProfile, *, title: str, doi: str, exclude_pk=None):
    """The profile's publication with the same DOI or the same normalised title, if any."""
    qs = profile.publications.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    doi = normalise_doi(doi)
    if doi:
        hit = qs.filter(doi__iexact=doi).first()
        if hit:
            return hit
    norm = normalise_title(title)
    return qs.filter(norm_title=norm).first() if norm else None


def _save_publication(pub: Publication, *, check_duplicate: bool = True):
    pub.doi = normalise_doi(pub.doi)
    pub.norm_title = normalise_title(pub.title)[:500]
    pub.full_clean()
    if check_duplicate:
        dup = find_duplicate(pub.profile, title=pub.title, doi=pub.doi, exclude_pk=pub.pk)
        if dup:
            raise ValidationError(
                {
                    "title": _("This publication is already on the profile: “%(t)s”.")
                    % {"t": dup.title}
                }
            )
    pub.save()


@transaction.atomic
def publication_create(
    *, profile: ExpertProfile, by, reindex: bool = True, **fields
) -> Publication:
    pub = Publication(profile=profile)
    _apply(pub, fields, PUBLICATION_FIELDS)
    _save_publication(pub)
    audit_log(actor=by, action="create", obj=pub, changes=diff({}, snapshot(pub)))
    if reindex:
        profile_reindex(profile)
        sdg_request_classification(obj=pub)
    return pub


@transaction.atomic
def publication_update(*, publication: Publication, by, **fields) -> Publication:
    before = snapshot(Publication.objects.get(pk=publication.pk))
    _apply(publication, fields, PUBLICATION_FIELDS)
    _save_publication(publication)
    changes = diff(before, snapshot(publication))
    if changes:
        audit_log(actor=by, action="update", obj=publication, changes=changes)
        profile_reindex(publication.profile)
        if {"title", "abstract", "keywords"} & set(changes):
            sdg_request_classification(obj=publication)
    return publication


@transaction.atomic
def publication_delete(*, publication: Publication, by) -> None:
    profile = publication.profile
    audit_log(actor=by, action="delete", obj=publication, changes=diff(snapshot(publication), {}))
    publication.delete()
    profile_reindex(profile)


@transaction.atomic
def publications_delete_all(*, profile: ExpertProfile, by) -> int:
    """Remove every publication of a profile (before a fresh import of a full list)."""
    pubs = list(profile.publications.all())
    for pub in pubs:
        audit_log(actor=by, action="delete", obj=pub, changes=diff(snapshot(pub), {}))
    profile.publications.all().delete()
    profile_reindex(profile)
    return len(pubs)


@transaction.atomic
def publications_import(*, profile: ExpertProfile, by, rows: list[dict], source: str) -> list:
    """Create the given publications (already checked by the import preview), skipping any
    that became duplicates since. Returns ``[(row, publication or None, reason)]``."""
    out = []
    created = []
    for row in rows:
        try:
            with transaction.atomic():
                pub = publication_create(
                    profile=profile, by=by, reindex=False, source=source, **row
                )
        except ValidationError as exc:
            out.append((row, None, "; ".join(exc.messages)))
            continue
        created.append(pub)
        out.append((row, pub, ""))
    if created:
        profile_reindex(profile)
        for pub in created:
            sdg_request_classification(obj=pub)
    return out


# -- projects on a profile -----------------------------------------------------------------------


@transaction.atomic
def profile_project_create(*, profile: ExpertProfile, by, **fields) -> ProfileProject:
    """Add a project to ``profile`` and re-index the profile for matching."""
    project = ProfileProject(profile=profile)
    _apply(project, fields, PROFILE_PROJECT_FIELDS)
    project.full_clean()
    project.save()
    audit_log(actor=by, action="create", obj=project, changes=diff({}, snapshot(project)))
    profile_reindex(profile)
    return project


@transaction.atomic
def profile_project_update(*, profile_project: ProfileProject, by, **fields) -> ProfileProject:
    """Change a profile's project; the profile is re-indexed only when something changed."""
    before = snapshot(ProfileProject.objects.get(pk=profile_project.pk))
    _apply(profile_project, fields, PROFILE_PROJECT_FIELDS)
    profile_project.full_clean()
    profile_project.save()
    changes = diff(before, snapshot(profile_project))
    if changes:
        audit_log(actor=by, action="update", obj=profile_project, changes=changes)
        profile_reindex(profile_project.profile)
    return profile_project


@transaction.atomic
def profile_project_delete(*, profile_project: ProfileProject, by) -> None:
    """Remove a project from its profile and re-index the profile."""
    profile = profile_project.profile
    changes = diff(snapshot(profile_project), {})
    audit_log(actor=by, action="delete", obj=profile_project, changes=changes)
    profile_project.delete()
    profile_reindex(profile)
