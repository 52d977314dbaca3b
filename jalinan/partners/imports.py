"""CSV/XLSX import of organisations: parse, validate each row with the model's own rules,
flag duplicates (against the registry and within the file), and create the good rows.

Nothing is stored until the user confirms the preview; a bad row never loses the good ones.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from jalinan.core import tabular
from jalinan.core.tabular import (  # noqa: F401  (callers catch imports.ImportFileError)
    Formula,
    ImportFileError,
)

from . import msic, services
from .choices import MalaysianState, OrganisationSize, OrganisationType
from .dedupe import find_duplicates, normalise_name, normalise_registration
from .models import Contact, Organisation

REQUIRED = ["legal_name"]
COLUMNS = [
    "legal_name",
    "other_names",
    "registration_number",
    "type",
    "msic_section",
    "msic_division",
    "country",
    "state",
    "city",
    "size",
    "website",
    "email",
    "phone",
    "description",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "contact_consent",
]
EXAMPLE = {
    "legal_name": "Gombak Precision Engineering Sdn. Bhd.",
    "other_names": "GPE; Gombak Precision",
    "registration_number": "201901012345 (1234567-X)",
    "type": "SME",
    "msic_section": "C",
    "msic_division": "28",
    "country": "MY",
    "state": "Selangor",
    "city": "Gombak",
    "size": "small",
    "website": "https://gombak-precision.example",
    "email": "info@gombak-precision.example",
    "phone": "+60 3-6100 0000",
    "description": "Precision machining for aerospace parts.",
    "contact_name": "Lim Wei",
    "contact_role": "Head of R&D",
    "contact_email": "lim.wei@gombak-precision.example",
    "contact_phone": "+60 12-345 6789",
    "contact_consent": "yes",
}


@dataclass
class Row:
    line: int
    values: dict
    errors: list[str] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"id", "name", "reason", "score"}
    org_fields: dict = field(default_factory=dict)
    contact_fields: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.errors:
            return "rejected"
        return "duplicate" if self.duplicates else "ok"


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Header (normalised) and data rows with their line numbers."""
    return tabular.read_table(filename, content, columns=COLUMNS, required=REQUIRED)


# -- interpreting values ----------------------------------------------------------------------


def _lookup(value: str, choices, label: str, errors: list[str]) -> str:
    v = value.strip().lower()
    if not v:
        return ""
    for key, text in choices:
        t = str(text).lower()
        if v == str(key).lower() or v == t or (v in t.replace(")", "").split("(")[-1:]):
            return key
    errors.append(_("unknown %(what)s “%(value)s”") % {"what": label, "value": value})
    return ""


def _country(value: str, errors) -> str:
    v = value.strip()
    if not v:
        return "MY"
    if len(v) == 2 and v.upper() in dict(countries):
        return v.upper()
    code = countries.by_name(v)
    if code:
        return code
    errors.append(_("unknown country “%(value)s”") % {"value": value})
    return "MY"


def _bool(value: str) -> bool:
    return value.strip().lower() in {"yes", "y", "true", "1", "ya"}


def _plain(value):
    """A cell as the preview keeps it (JSON): dates and times as text, formulas dropped."""
    if isinstance(value, Formula) or value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def interpret(line: int, values: dict) -> Row:
    row = Row(line=line, values={k: v for k, v in values.items()})
    errors = row.errors
    limit = settings.JALINAN_IMPORT_MAX_FIELD_CHARS
    for key, v in values.items():
        if isinstance(v, str) and len(v) > limit:
            errors.append(
                _("%(column)s is too long: %(n)d characters, at most %(max)d are accepted")
                % {"column": key, "n": len(v), "max": limit}
            )
            values[key] = v[:limit]  # the preview keeps a bounded copy
    for key, v in values.items():
        if isinstance(v, Formula):
            errors.append(_("formulas are not accepted (cell %(cell)s)") % {"cell": v.coordinate})
            values[key] = ""
    row.values = {k: _plain(v) for k, v in values.items()}
    g = {k: str(v if v is not None else "").strip() for k, v in row.values.items()}
    org = {
        "legal_name": g.get("legal_name", ""),
        "other_names": [n.strip() for n in g.get("other_names", "").split(";") if n.strip()],
        "registration_number": g.get("registration_number", ""),
        "org_type": _lookup(g.get("type", ""), OrganisationType.choices, _("type"), errors)
        or ("" if g.get("type") else "other"),
        "msic_section": g.get("msic_section", "").upper(),
        "msic_division": g.get("msic_division", "").zfill(2) if g.get("msic_division") else "",
        "country": _country(g.get("country", ""), errors),
        "state": _lookup(g.get("state", ""), MalaysianState.choices, _("state"), errors),
        "city": g.get("city", ""),
        "size": _lookup(g.get("size", ""), OrganisationSize.choices, _("size"), errors),
        "website": g.get("website", ""),
        "email": g.get("email", ""),
        "phone": g.get("phone", ""),
        "description": g.get("description", ""),
    }
    if org["msic_section"] and org["msic_section"] not in msic.SECTIONS:
        errors.append(_("unknown sector section “%(v)s”") % {"v": org["msic_section"]})
    if org["msic_division"] and org["msic_division"] not in msic.DIVISIONS:
        errors.append(_("unknown sector division “%(v)s”") % {"v": org["msic_division"]})
    if org["website"] and "://" not in org["website"]:
        org["website"] = "https://" + org["website"]
    # The model's own rules, exactly as the form and the API apply them.
    instance = Organisation(**{k: v for k, v in org.items()})
    instance.search_name = normalise_name(org["legal_name"])
    try:
        instance.full_clean()
    except ValidationError as exc:
        for fname, msgs in exc.message_dict.items():
            label = Organisation._meta.get_field(fname).verbose_name if fname != "__all__" else ""
            for m in msgs:
                errors.append(f"{label}: {m}" if label else m)
    org["msic_section"] = instance.msic_section
    row.org_fields = org
    if g.get("contact_name") or g.get("contact_email"):
        contact = {
            "name": g.get("contact_name", "") or g.get("contact_email", ""),
            "role": g.get("contact_role", ""),
            "email": g.get("contact_email", ""),
            "phone": g.get("contact_phone", ""),
            "consent_to_contact": _bool(g.get("contact_consent", "")),
        }
        try:
            Contact(organisation=Organisation(), **contact).full_clean(exclude=["organisation"])
        except ValidationError as exc:
            for fname, msgs in exc.message_dict.items():
                errors.append(
                    _("contact %(field)s: %(msg)s")
                    % {"field": Contact._meta.get_field(fname).verbose_name, "msg": "; ".join(msgs)}
                )
        row.contact_fields = contact
    return row


def parse(filename: str, content: bytes) -> list[Row]:
    header, data = read_table(filename, content)
    rows: list[Row] = []
    seen_names: dict[str, int] = {}
    seen_regs: dict[str, int] = {}
    for line, cells in data:
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        row = interpret(line, values)
        if not row.errors:
            name = normalise_name(row.org_fields["legal_name"])
            reg = normalise_registration(row.org_fields["registration_number"])
            earlier = seen_names.get(name) or (seen_regs.get(reg) if reg else None)
            if earlier:
                row.duplicates.append(
                    {
                        "id": None,
                        "name": _("row %(n)d of this file") % {"n": earlier},
                        "reason": _("Same organisation as an earlier row"),
                        "score": 100,
                    }
                )
            for c in find_duplicates(
                legal_name=row.org_fields["legal_name"],
                other_names=row.org_fields["other_names"],
                registration_number=row.org_fields["registration_number"],
                limit=3,
            ):
                row.duplicates.append(
                    {
                        "id": c.organisation.pk,
                        "name": c.organisation.legal_name,
                        "reason": c.reason,
                        "score": c.score,
                    }
                )
            seen_names.setdefault(name, line)
            if reg:
                seen_regs.setdefault(reg, line)
        rows.append(row)
    return rows


# -- keeping the preview between requests ------------------------------------------------------


def save_preview(rows: list[Row], *, user_id: int, filename: str) -> str:
    key = secrets.token_urlsafe(16)
    payload = {"user": user_id, "filename": filename, "rows": [asdict(r) for r in rows]}
    default_storage.save(f"imports/{key}.json", ContentFile(json.dumps(payload).encode()))
    return key


def load_preview(key: str, *, user_id: int) -> tuple[str, list[Row]] | None:
    if not key or not key.replace("-", "").replace("_", "").isalnum():
        return None
    path = f"imports/{key}.json"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as fh:
        payload = json.loads(fh.read())
    if payload["user"] != user_id:
        return None
    return payload["filename"], [Row(**r) for r in payload["rows"]]


def discard_preview(key: str) -> None:
    path = f"imports/{key}.json"
    if default_storage.exists(path):
        default_storage.delete(path)


@dataclass
class ImportReport:
    created: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)


def commit(rows: list[Row], *, by, create_anyway: set[int]) -> ImportReport:
    """Create the rows that passed (and the duplicates the user chose to create anyway)."""
    report = ImportReport()
    for row in rows:
        name = row.org_fields.get("legal_name") or str(row.values.get("legal_name", ""))
        if row.status == "rejected":
            report.rejected.append((row.line, name, "; ".join(row.errors)))
            continue
        if row.status == "duplicate" and row.line not in create_anyway:
            report.skipped.append(
                (row.line, name, "; ".join(f"{d['name']} ({d['reason']})" for d in row.duplicates))
            )
            continue
        try:
            with transaction.atomic():
                org = services.organisation_create(by=by, **row.org_fields)
                if row.contact_fields:
                    services.contact_create(
                        organisation=org, by=by, is_primary=True, **row.contact_fields
                    )
        except ValidationError as exc:
            report.rejected.append((row.line, name, "; ".join(exc.messages)))
            continue
        report.created.append((row.line, org.legal_name))
    return report
