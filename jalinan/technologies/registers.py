"""The IP assets register on the import framework of ``jalinan.core.imports`` (registered in
``TechnologiesConfig.ready()``): the office's filings, one row per application, keyed by the
office and application number; the services compute each asset's deadlines from its dates.
A later filing names its family's first filing by that filing's application number."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.registry import CHOICE, DATE, TEXT, UNIT, Column, RowError

from .choices import AssetKind, AssetStatus, IPOffice

COLUMNS = (
    Column(
        "application_number",
        TEXT,
        gettext_lazy("Application number"),
        required=True,
        help=gettext_lazy("The filing number the office gave; with the office, the key."),
        example="PI2021004512",
    ),
    Column(
        "office",
        CHOICE,
        gettext_lazy("Office"),
        required=True,
        choices=IPOffice.choices,
        example="myipo",
    ),
    Column(
        "kind",
        CHOICE,
        gettext_lazy("Kind"),
        required=True,
        choices=AssetKind.choices,
        example="patent",
    ),
    Column("title", TEXT, gettext_lazy("Title"), required=True, example="Halal gelatin test kit"),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Status"),
        required=True,
        choices=AssetStatus.choices,
        example="filed",
    ),
    Column("filing_date", DATE, gettext_lazy("Filing date"), example="2021-07-14"),
    Column("priority_date", DATE, gettext_lazy("Priority date"), example="2021-07-14"),
    Column("publication_number", TEXT, gettext_lazy("Publication number")),
    Column("grant_number", TEXT, gettext_lazy("Grant / registration number")),
    Column("granted_on", DATE, gettext_lazy("Granted on")),
    Column("expires_on", DATE, gettext_lazy("Expires on")),
    Column(
        "family",
        TEXT,
        gettext_lazy("Family (first filing)"),
        help=gettext_lazy("The application number of the family's first filing."),
    ),
    Column(
        "kcdio", UNIT, gettext_lazy("KCDIO"), help=gettext_lazy("The unit's code."), example="koe"
    ),
    Column("attorney", TEXT, gettext_lazy("Patent agent / attorney")),
    Column("notes", TEXT, gettext_lazy("Notes")),
)

TEXTS = ("title", "publication_number", "grant_number", "attorney", "notes")


def write_asset(values: dict, *, by, ctx):
    from .models import IPAsset
    from .services.assets import asset_create, asset_update

    family = None
    if values["family"]:
        family = IPAsset.objects.filter(application_number=values["family"]).first()
        if family is None:
            raise RowError(
                _("family: no filing with the application number “%(n)s” (import it first)")
                % {"n": values["family"]}
            )
    fields = {
        "kind": values["kind"],
        "office": values["office"],
        "application_number": values["application_number"],
        "status": values["status"],
        "filing_date": values["filing_date"],
        "priority_date": values["priority_date"],
        "granted_on": values["granted_on"],
        "expires_on": values["expires_on"],
        "unit": values["kcdio"],
        "family": family,
        **{k: values[k] or "" for k in TEXTS},
    }
    existing = IPAsset.objects.filter(
        office=values["office"], application_number=values["application_number"]
    ).first()
    if existing is None:
        return asset_create(by=by, **fields), "created"
    if all(
        (getattr(existing, f"{k}_id") if k in ("unit", "family") else getattr(existing, k))
        == getattr(v, "pk", v)
        for k, v in fields.items()
    ):
        return existing, "unchanged"
    return asset_update(asset=existing, by=by, **fields), "updated"


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.core.imports.registry import register_import

    from .permissions.assets import can_create_asset

    register_import(
        "ip_assets",
        label=gettext_lazy("IP assets"),
        description=gettext_lazy(
            "Patents, trademarks, designs and copyright filings with their numbers, offices "
            "and dates; their deadlines are computed."
        ),
        columns=COLUMNS,
        write_row=write_asset,
        reference="application_number",
        can_import=can_create_asset,
        order=40,
        object_url=lambda asset: asset.get_absolute_url(),
    )
