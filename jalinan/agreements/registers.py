"""The memoranda register: the office's earlier list of memoranda, imported through the
framework in ``jalinan.core.imports`` (registered in ``AgreementsConfig.ready()``), with the
signed copies and other documents from a ZIP whose file names start with the reference."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.files import DOCX, PDF, validate_upload
from jalinan.core.imports.engine import organisations
from jalinan.core.imports.registry import (
    CHOICE,
    DATE,
    DECIMAL,
    ORGANISATION,
    PERSON,
    TEXT,
    UNIT,
    Column,
    RowError,
)

from .choices import Confidentiality, DocumentKind, Status


def _type_choices():
    from .models import MemorandumType

    out = []
    for t in MemorandumType.objects.filter(is_active=True):
        out += [(t.code, t.abbreviation), (t.code, t.name)]
        if t.name_ms:
            out.append((t.code, t.name_ms))
    return out


COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Reference"),
        required=True,
        help=gettext_lazy("The office's own reference number; a second import updates it."),
        example="MOU/2019/0012",
    ),
    Column(
        "type",
        CHOICE,
        gettext_lazy("Type"),
        required=True,
        choices=_type_choices,
        help=gettext_lazy("The type's code or abbreviation (MOU, MOA, NDA…)."),
        example="MOU",
    ),
    Column("title", TEXT, gettext_lazy("Title"), required=True, example="Research collaboration"),
    Column(
        "parties",
        ORGANISATION,
        gettext_lazy("Parties"),
        required=True,
        many=True,
        help=gettext_lazy(
            "Partner organisations by name, separated by “;”: each is matched to the partner "
            "registry; a name it does not know is added to it."
        ),
        example="Gombak Precision Engineering Sdn. Bhd.",
    ),
    Column(
        "kcdio",
        UNIT,
        gettext_lazy("Initiating KCDIO"),
        required=True,
        help=gettext_lazy("The unit's code."),
        example="kict",
        aliases=("unit", "initiating_unit"),
    ),
    Column(
        "person_in_charge",
        PERSON,
        gettext_lazy("Person in charge"),
        required=True,
        help=gettext_lazy("The e-mail address of the person's account."),
        example="aminah@iium.example",
    ),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Status"),
        required=True,
        choices=Status.choices,
        help=gettext_lazy("Where it stands today (active, expired, terminated…)."),
        example="active",
    ),
    Column("start_date", DATE, gettext_lazy("Start date"), example="2019-03-01"),
    Column("end_date", DATE, gettext_lazy("End date"), example="2024-02-29"),
    Column("signed_on", DATE, gettext_lazy("Signed on"), example="2019-02-20"),
    Column("terminated_on", DATE, gettext_lazy("Terminated on")),
    Column(
        "scope",
        TEXT,
        gettext_lazy("Scope"),
        help=gettext_lazy("If empty, the title."),
        example="Joint research in precision machining and student internships.",
    ),
    Column("objectives", TEXT, gettext_lazy("Objectives")),
    Column("value_cash", DECIMAL, gettext_lazy("Value in cash (RM)"), example="50000"),
    Column("value_in_kind", DECIMAL, gettext_lazy("Value in kind (RM)")),
    Column(
        "confidentiality",
        CHOICE,
        gettext_lazy("Confidentiality"),
        choices=Confidentiality.choices,
        example="internal",
    ),
)

CENTS = Decimal("0.01")


def _kind_of(filename: str) -> str:
    low = filename.lower()
    for word, kind in (
        ("amend", DocumentKind.AMENDMENT),
        ("draft", DocumentKind.DRAFT),
        ("vetted", DocumentKind.VETTED),
    ):
        if word in low:
            return kind
    return DocumentKind.SIGNED


def write_memorandum(values: dict, *, by, ctx):
    """One row: the parties (new ones registered), the memorandum, its documents."""
    from . import services
    from .models import MemorandumType

    types = ctx.cache.get("memo_types")
    if types is None:
        types = ctx.cache["memo_types"] = {t.code: t for t in MemorandumType.objects.all()}
    parties = organisations(values["parties"], by=by)
    memo, outcome = services.memorandum_import(
        by=by,
        reference=values["reference"],
        parties=parties,
        status=values["status"],
        signed_on=values["signed_on"],
        terminated_on=values["terminated_on"],
        memo_type=types[values["type"]],
        title=values["title"],
        initiating_unit=values["kcdio"],
        person_in_charge=values["person_in_charge"],
        start_date=values["start_date"],
        end_date=values["end_date"],
        scope=values["scope"] or values["title"],
        objectives=values["objectives"] or "",
        value_cash=(values["value_cash"] or Decimal(0)).quantize(CENTS),
        value_in_kind=(values["value_in_kind"] or Decimal(0)).quantize(CENTS),
        confidentiality=values["confidentiality"] or Confidentiality.INTERNAL,
    )
    if ctx.files:
        have = set(memo.documents.values_list("original_name", flat=True))
        for name, data in ctx.files:
            if name[:255] in have:
                continue
            upload = SimpleUploadedFile(name, data)
            try:
                if ctx.dry_run:  # checked, not stored
                    validate_upload(
                        upload, kinds=(PDF, DOCX), max_bytes=services.max_upload_bytes()
                    )
                else:
                    services.document_add(
                        memorandum=memo, by=by, kind=_kind_of(name), upload=upload
                    )
            except ValidationError as exc:
                raise RowError(
                    [
                        _("document %(name)s: %(msg)s") % {"name": name, "msg": m}
                        for m in exc.messages
                    ]
                ) from exc
            ctx.notes.append(_("document %(name)s attached") % {"name": name})
            if outcome == "unchanged":
                outcome = "updated"
    return memo, outcome


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.accounts.roles import is_oil
    from jalinan.core.imports.registry import register_import

    register_import(
        "memoranda",
        label=gettext_lazy("Memoranda"),
        description=gettext_lazy(
            "MoU, MoA and the other agreements, with their parties, dates, status and "
            "documents (a ZIP whose file names start with the reference)."
        ),
        columns=COLUMNS,
        write_row=write_memorandum,
        reference="reference",
        can_import=is_oil,
        attachments=True,
        order=10,
        object_url=lambda memo: memo.get_absolute_url(),
    )
