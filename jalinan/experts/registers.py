"""The publications register on the import framework of ``jalinan.core.imports`` (registered
in ``ExpertsConfig.ready()``): publications of many experts in one file, each row naming its
expert by e-mail, checked as the profile's own import checks them (``imports.check``) and keyed
per profile by DOI, or by title and year without one. The profiles touched are re-indexed for
matching once, when the import ends. The one-profile import (BibTeX, RIS, CSV, ORCID) stays
on the profile's page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from jalinan.core.imports.registry import PERSON, TEXT, Column, RowError

from . import imports
from .choices import PublicationSource

HELP = {
    "doi": gettext_lazy("Keys a second import (without one: the title and year)."),
    "authors": gettext_lazy("Separated by semicolons."),
    "keywords": gettext_lazy("Separated by semicolons."),
    "type": gettext_lazy("article, conference paper, book, chapter, thesis, report or other"),
}

COLUMNS = (
    Column(
        "expert",
        PERSON,
        gettext_lazy("Expert"),
        required=True,
        help=gettext_lazy("The e-mail address of the academic's account."),
        example="tan.weiming@iium.example",
    ),
    *(
        Column(
            key,
            TEXT,
            key.capitalize(),
            required=key == "title",
            help=HELP.get(key, ""),
            example=imports.CSV_EXAMPLE[key],
        )
        for key in imports.CSV_COLUMNS
    ),
)


def write_publication(values: dict, *, by, ctx):
    from . import services
    from .models import Publication, normalise_title

    raw = {k: values.get(k) or "" for k in imports.CSV_COLUMNS}
    raw["kind"] = raw.pop("type")
    fields, errors = imports.check(raw)
    if errors:
        raise RowError(errors)
    profile = services.profile_get_or_create(user=values["expert"], by=by)
    mine = Publication.objects.filter(profile=profile)
    existing = mine.filter(doi__iexact=fields["doi"]).first() if fields["doi"] else None
    if existing is None:
        existing = mine.filter(
            norm_title=normalise_title(fields["title"]), year=fields["year"]
        ).first()
    touched = ctx.cache.setdefault("publications", {"profiles": {}, "new": []})
    if existing is None:
        pub = services.publication_create(
            profile=profile, by=by, reindex=False, source=PublicationSource.CSV, **fields
        )
        touched["new"].append(pub)
        touched["profiles"][profile.pk] = profile
        return pub, "created"
    if any(getattr(existing, k) != v for k, v in fields.items()):
        pub = services.publication_update(publication=existing, by=by, **fields)
        return pub, "updated"
    return existing, "unchanged"


def finish(cache: dict, *, by) -> None:
    """Re-index each profile that gained publications, once, and ask for the new publications'
    SDG suggestions (what ``publication_create`` defers with ``reindex=False``)."""
    from jalinan.sdgs.services import sdg_request_classification

    from . import services

    touched = cache.get("publications") or {}
    for profile in touched.get("profiles", {}).values():
        services.profile_reindex(profile)
    for pub in touched.get("new", []):
        sdg_request_classification(obj=pub)


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.accounts.roles import is_oil
    from jalinan.core.imports.registry import register_import

    register_import(
        "publications",
        label=gettext_lazy("Publications"),
        description=gettext_lazy(
            "Publications of many experts in one file, each row naming its expert by "
            "e-mail; keyed by DOI, or by title and year."
        ),
        columns=COLUMNS,
        write_row=write_publication,
        reference="doi",
        can_import=is_oil,
        order=90,
        finish=finish,
    )
