"""The registers of the app on the import framework of ``jalinan.core.imports`` (registered in
``TechnologiesConfig.ready()``):

- IP assets: the office's filings, one row per application, keyed by the office and
  application number; the services compute each asset's deadlines from its dates. A later
  filing names its family's first filing by that filing's application number.
- Licences: one row per licence, keyed by the office's own licence reference (kept as the
  licence's *office reference*, beside the LIC-YEAR-NNNN one Jalinan gives it); the technology
  named by its reference or exact title, or through an IP asset it carries; the licensee
  matched to the partner registry.
- Royalty payments: one row per payment received, keyed by its payment reference (the
  receipt), under a licence named by its office reference. A register of its own rather than
  columns of the licence row: a licence has any number of payments, each with its own date,
  kind, year and amount, and each is recorded (and shared among the inventors by the policy in
  force) once and never changed, so each gets its own row and report line.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.engine import organisations
from jalinan.core.imports.registry import (
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    ORGANISATION,
    TEXT,
    UNIT,
    Column,
    RowError,
)

from .choices import AssetKind, AssetStatus, Exclusivity, IPOffice, LicenceStatus, PaymentKind

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


LICENCE_COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Reference"),
        required=True,
        help=gettext_lazy(
            "The office's own licence number (kept as the licence's office reference); a "
            "second import updates the licence."
        ),
        example="OIL/LIC/2021/007",
    ),
    Column(
        "technology",
        TEXT,
        gettext_lazy("Technology"),
        help=gettext_lazy(
            "The technology offer licensed: its reference (TEC-…) or its exact title. Or leave "
            "it empty and give the IP asset."
        ),
        example="Wireless cold-room temperature logger",
    ),
    Column(
        "ip_asset",
        TEXT,
        gettext_lazy("IP asset (application number)"),
        help=gettext_lazy(
            "The application number of an IP asset of the technology: the technology is the "
            "offer that carries it."
        ),
    ),
    Column(
        "licensee",
        ORGANISATION,
        gettext_lazy("Licensee"),
        required=True,
        help=gettext_lazy(
            "The licensee's name, matched to the partner registry; a name it does not know is "
            "added to it."
        ),
        example="Pelangi Cold Chain Sdn. Bhd.",
    ),
    Column(
        "exclusivity",
        CHOICE,
        gettext_lazy("Exclusivity"),
        choices=Exclusivity.choices,
        help=gettext_lazy("Non-exclusive when empty."),
        example="exclusive",
    ),
    Column("field_of_use", TEXT, gettext_lazy("Field of use"), example="Cold-chain logistics"),
    Column("territory", TEXT, gettext_lazy("Territory"), example="Malaysia"),
    Column(
        "upfront_fee", DECIMAL, gettext_lazy("Upfront fee (RM)"), example="25000", aliases=("fee",)
    ),
    Column(
        "royalty_rate",
        DECIMAL,
        gettext_lazy("Royalty rate (%)"),
        example="3.5",
        aliases=("royalty",),
    ),
    Column("milestones", TEXT, gettext_lazy("Milestone payments")),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Status"),
        required=True,
        choices=LicenceStatus.choices,
        example="active",
    ),
    Column("start_date", DATE, gettext_lazy("Start date"), example="2021-09-01"),
    Column("end_date", DATE, gettext_lazy("End date"), example="2031-08-31"),
    Column(
        "agreement",
        TEXT,
        gettext_lazy("Licensing agreement"),
        help=gettext_lazy(
            "The reference of its Licensing & Commercialisation Agreement (a memorandum of type "
            "LCA, imported with the memoranda); its signing date is the agreement's."
        ),
    ),
)

PAYMENT_COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Payment reference"),
        required=True,
        help=gettext_lazy(
            "The payment's receipt or invoice number: with the licence, the key. A payment "
            "already recorded is never changed."
        ),
        example="OR/2022/1187",
    ),
    Column(
        "licence",
        TEXT,
        gettext_lazy("Licence"),
        required=True,
        help=gettext_lazy("The office's licence reference (or Jalinan's LIC-… reference)."),
        example="OIL/LIC/2021/007",
    ),
    Column(
        "kind",
        CHOICE,
        gettext_lazy("Kind"),
        required=True,
        choices=PaymentKind.choices,
        example="royalty",
    ),
    Column("received_on", DATE, gettext_lazy("Received on"), required=True, example="2022-03-15"),
    Column(
        "period_year",
        INT,
        gettext_lazy("For the year"),
        required=True,
        help=gettext_lazy("The year the payment is for (the year of the sales, for a royalty)."),
        example="2021",
    ),
    Column("amount", DECIMAL, gettext_lazy("Amount (RM)"), required=True, example="18250.00"),
    Column(
        "costs",
        DECIMAL,
        gettext_lazy("IP and legal costs recovered (RM)"),
        help=gettext_lazy("Deducted before sharing when the policy says so."),
    ),
)


def _technology(values: dict):
    """The technology a licence row names: by reference or exact title, or as the offer that
    carries the IP asset of the application number."""
    from .models import Technology

    named, asset = values["technology"], values["ip_asset"]
    if not named and not asset:
        raise RowError(_("technology: give the technology, or the IP asset it carries"))
    tech = None
    if named:
        found = list(Technology.objects.filter(reference__iexact=named)[:1]) or list(
            Technology.objects.filter(title__iexact=named).order_by("reference")[:5]
        )
        if not found:
            raise RowError(
                _("technology: no technology with the reference or title “%(name)s”")
                % {"name": named}
            )
        if len(found) > 1:
            raise RowError(
                _(
                    "technology: %(n)d technologies have the title “%(name)s” (%(refs)s); "
                    "give its reference"
                )
                % {"n": len(found), "name": named, "refs": ", ".join(t.reference for t in found)}
            )
        tech = found[0]
    if asset:
        carriers = list(
            Technology.objects.filter(assets__application_number__iexact=asset)
            .distinct()
            .order_by("reference")[:5]
        )
        if tech is not None:
            if tech not in carriers:
                raise RowError(
                    _("ip_asset: the technology “%(tech)s” does not carry the IP asset “%(n)s”")
                    % {"tech": tech.title, "n": asset}
                )
            return tech
        if not carriers:
            raise RowError(
                _("ip_asset: no technology carries an IP asset with the application number “%(n)s”")
                % {"n": asset}
            )
        if len(carriers) > 1:
            raise RowError(
                _(
                    "ip_asset: the IP asset “%(n)s” is carried by %(k)d technologies "
                    "(%(refs)s); give the technology"
                )
                % {"n": asset, "k": len(carriers), "refs": ", ".join(t.reference for t in carriers)}
            )
        tech = carriers[0]
    return tech


LICENCE_TEXTS = ("field_of_use", "territory", "milestones")


def write_licence(values: dict, *, by, ctx):
    from jalinan.agreements.models import Memorandum

    from .services.licences import licence_import

    technology = _technology(values)
    memorandum = None
    if values["agreement"]:
        memorandum = Memorandum.objects.filter(reference=values["agreement"]).first()
        if memorandum is None:
            raise RowError(
                _("agreement: no memorandum with the reference “%(ref)s” (import it first)")
                % {"ref": values["agreement"]}
            )
    (licensee,) = organisations([values["licensee"]], by=by)
    return licence_import(
        by=by,
        office_reference=values["reference"],
        technology=technology,
        licensee=licensee,
        exclusivity=values["exclusivity"] or Exclusivity.NON_EXCLUSIVE,
        upfront_fee=values["upfront_fee"] or 0,
        royalty_rate=values["royalty_rate"] or 0,
        status=values["status"],
        start_date=values["start_date"],
        end_date=values["end_date"],
        memorandum=memorandum,
        **{k: values[k] or "" for k in LICENCE_TEXTS},
    )


def licence_by_reference(reference: str):
    """The licence of an office reference, or of Jalinan's own LIC-… reference."""
    from .models import Licence

    return (
        Licence.objects.filter(office_reference=reference).first()
        or Licence.objects.filter(reference__iexact=reference).first()
    )


def write_payment(values: dict, *, by, ctx):
    from .services.licences import payment_import

    licence = licence_by_reference(values["licence"])
    if licence is None:
        raise RowError(
            _("licence: no licence with the reference “%(ref)s” (import the licences first)")
            % {"ref": values["licence"]}
        )
    return payment_import(
        licence=licence,
        by=by,
        reference=values["reference"],
        kind=values["kind"],
        received_on=values["received_on"],
        period_year=values["period_year"],
        amount=values["amount"],
        costs=values["costs"] or 0,
    )


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.core.imports.registry import register_import

    from .permissions.assets import can_create_asset
    from .permissions.licences import can_change_licence

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
    register_import(
        "licences",
        label=gettext_lazy("Licences"),
        description=gettext_lazy(
            "Licences of technologies to companies, with their terms (exclusivity, field, "
            "territory, fees and royalty rate), keyed by the office's licence reference."
        ),
        columns=LICENCE_COLUMNS,
        write_row=write_licence,
        reference="reference",
        can_import=can_change_licence,
        order=50,
        object_url=lambda licence: licence.get_absolute_url(),
    )
    register_import(
        "royalty_payments",
        label=gettext_lazy("Royalty payments"),
        description=gettext_lazy(
            "Payments received under the licences (upfront fees, royalties, milestones), each "
            "shared among the inventors, their KCDIOs and the university by the policy in force "
            "on its date."
        ),
        columns=PAYMENT_COLUMNS,
        write_row=write_payment,
        reference="reference",
        can_import=can_change_licence,
        order=55,
        object_url=lambda p: f"{p.licence.get_absolute_url()}#payment-{p.pk}",
    )
