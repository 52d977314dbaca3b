"""The partners register on the import framework of ``jalinan.core.imports`` (registered in
``PartnersConfig.ready()``): the columns of the organisation import, each row checked by the
same rules (``imports.interpret``), keyed by the registration number or, without one, the
legal name: a second import of the same file changes nothing.

An organisation whose name only resembles one of the registry's is refused unless both
registration numbers tell them apart; the registry page's own import
(``partners:organisation_import``) keeps its "create anyway" choice for those."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.registry import TEXT, Column, RowError

from . import imports, services
from .choices import OrganisationStatus
from .dedupe import find_duplicates, normalise_name, normalise_registration
from .models import Organisation

HELP = {
    "legal_name": gettext_lazy("The registered name; the key of a second import."),
    "registration_number": gettext_lazy("SSM number: tells similar names apart."),
    "type": gettext_lazy("MNC, GLC, SME, startup, government, NGO, university or other."),
    "msic_section": gettext_lazy("A letter A–U."),
    "msic_division": gettext_lazy("Two digits."),
    "country": gettext_lazy("An ISO code or English name."),
    "other_names": gettext_lazy("Separated by semicolons."),
    "contact_consent": gettext_lazy("yes or no"),
}

COLUMNS = tuple(
    Column(
        key,
        TEXT,
        key.replace("_", " ").capitalize(),
        required=key in imports.REQUIRED,
        help=HELP.get(key, ""),
        example=imports.EXAMPLE[key],
    )
    for key in imports.COLUMNS
)


def _existing(fields: dict) -> Organisation | None:
    base = Organisation.objects.exclude(status=OrganisationStatus.MERGED)
    reg = normalise_registration(fields["registration_number"])
    if reg:
        for org in base.exclude(registration_number=""):
            if normalise_registration(org.registration_number) == reg:
                return org
    return base.filter(search_name=normalise_name(fields["legal_name"])).first()


def _differs(org: Organisation, fields: dict) -> bool:
    for key, value in fields.items():
        current = getattr(org, key)
        current = getattr(current, "code", current)  # a django-countries Country
        if (current or "") != (value or ""):
            return True
    return False


def write_partner(values: dict, *, by, ctx):
    row = imports.interpret(ctx.line, {k: ("" if v is None else v) for k, v in values.items()})
    if row.errors:
        raise RowError(row.errors)
    fields = row.org_fields
    org = _existing(fields)
    outcome = "unchanged"
    if org is None:
        similar = find_duplicates(
            legal_name=fields["legal_name"],
            other_names=fields["other_names"],
            registration_number=fields["registration_number"],
            limit=3,
        )
        if similar and not (
            fields["registration_number"]
            and all(c.organisation.registration_number for c in similar)
        ):
            raise RowError(
                _("looks like %(orgs)s: give the registration numbers to tell them apart")
                % {"orgs": "; ".join(f"{c.organisation.legal_name} ({c.reason})" for c in similar)}
            )
        org = services.organisation_create(by=by, **fields)
        outcome = "created"
    elif _differs(org, fields):
        org = services.organisation_update(organisation=org, by=by, **fields)
        outcome = "updated"
    contact = row.contact_fields
    if contact:
        known = org.contacts.filter(name=contact["name"])
        if contact["email"]:
            known = org.contacts.filter(email__iexact=contact["email"])
        if not known.exists():
            services.contact_create(
                organisation=org, by=by, is_primary=not org.contacts.exists(), **contact
            )
            outcome = "updated" if outcome == "unchanged" else outcome
    return org, outcome


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.core.imports.registry import register_import

    from .permissions import can_manage_registry

    register_import(
        "partners",
        label=gettext_lazy("Partners"),
        description=gettext_lazy(
            "Organisations and their main contact, keyed by registration number or legal name."
        ),
        columns=COLUMNS,
        write_row=write_partner,
        reference="legal_name",
        can_import=can_manage_registry,
        order=80,
        object_url=lambda org: org.get_absolute_url(),
    )
