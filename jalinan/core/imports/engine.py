"""The import engine every register shares: read the file (``core.tabular``), map its header
to the register's columns, convert each cell to its type with a message naming the cell when it
cannot, refuse a reference given twice in the file, and write each row through the register's
``write_row`` in a savepoint of its own: a row is written whole or not at all, and the good rows
of a file are kept when others are refused.

A preview is the same run inside a transaction rolled back at the end (``dry_run``): what the
user confirms is exactly what the services accepted.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import secrets
import zipfile
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jalinan.core import tabular
from jalinan.core.tabular import Formula, ImportFileError

from .registry import (
    BOOL,
    CHOICE,
    CREATED,
    DATE,
    DECIMAL,
    INT,
    ORGANISATION,
    PERSON,
    UNCHANGED,
    UNIT,
    UPDATED,
    Column,
    Register,
    RowContext,
    RowError,
    import_wrappers,
)

REJECTED = "rejected"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REJECTED)


# -- reading the file --------------------------------------------------------------------------


@dataclass
class SourceRow:
    line: int
    cells: dict[str, Any]  # column key -> the cell as JSON keeps it (str, number, bool)


def _heading(text) -> str:
    return re.sub(r"[\s\-]+", "_", str(text or "").strip().lower()).strip("_*")


def column_for_heading(register: Register) -> dict[str, str]:
    """Every heading a column is recognised by (its key, its label, its aliases) -> its key."""
    out: dict[str, str] = {}
    for c in register.columns:
        for h in (c.key, str(c.label), *c.aliases):
            if h:
                out.setdefault(_heading(h), c.key)
    return out


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_file(register: Register, filename: str, content: bytes) -> list[SourceRow]:
    """The file's rows keyed by column; the header must name every required column and no
    column the register does not have."""
    rows = tabular.read_rows(filename, content)
    mapping = column_for_heading(register)
    header = [_heading(h) for h in rows[0]]
    keys = [mapping.get(h) for h in header]
    unknown = [
        h if len(h) <= 40 else h[:40] + "…"
        for h, k in zip(header, keys, strict=True)
        if h and not k
    ]
    missing = [c.key for c in register.columns if c.required and c.key not in keys]
    twice = sorted({k for k in keys if k and keys.count(k) > 1})
    if unknown or missing or twice:
        parts = []
        if missing:
            parts.append(_("missing column(s): %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown column(s): %(cols)s") % {"cols": ", ".join(unknown)})
        if twice:
            parts.append(_("column(s) given twice: %(cols)s") % {"cols": ", ".join(twice)})
        raise ImportFileError(
            _("The header row is not right (%(problems)s). Expected columns: %(expected)s.")
            % {
                "problems": "; ".join(parts),
                "expected": ", ".join(c.key for c in register.columns),
            }
        )
    out = []
    for i, cells in enumerate(rows[1:]):
        values = {}
        for k, v in zip(keys, cells, strict=False):
            if k:
                values[k] = {"formula": v.coordinate} if isinstance(v, Formula) else _plain(v)
        out.append(SourceRow(line=i + 2, cells=values))
    return out


def read_attachments(filename: str, content: bytes) -> dict[str, bytes]:
    """The files of a ZIP of documents, by file name (folders flattened), within the size
    limits of an upload."""
    if not filename.lower().endswith(".zip") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFileError(_("The documents must be a .zip file."))
    limit = settings.JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES
    out: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > limit:
            raise ImportFileError(
                _("The ZIP would take more than %(max).0f MB once unpacked.")
                % {"max": limit / 1024 / 1024}
            )
        for info in infos:
            name = PurePath(info.filename).name
            if name and not name.startswith("."):
                out[name] = archive.read(info)
    return out


def _ref_token(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", str(text).lower()).strip("-")


def files_for(reference: str, attachments: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """The attachments whose file name starts with ``reference`` (its punctuation as hyphens:
    ``MOU/2019/0012`` is carried by ``MOU-2019-0012 signed.pdf``)."""
    token = _ref_token(reference)
    if not token:
        return []
    out = []
    for name, data in sorted(attachments.items()):
        stem = _ref_token(PurePath(name).stem)
        if stem == token or stem.startswith(token + "-"):
            out.append((name, data))
    return out


# -- converting cells --------------------------------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")
TRUE = {"yes", "y", "true", "1", "ya", "x"}
FALSE = {"no", "n", "false", "0", "tidak", "t"}


@dataclass
class NewOrganisation:
    """A party the registry does not know yet: the row creates it when it is written."""

    name: str


def organisations(items, *, by) -> list:
    """The organisations of an ``organisation`` column, the new ones registered (the write of
    the row that names them)."""
    from jalinan.core.registry import partner_directory

    return [
        partner_directory().create(by=by, legal_name=i.name)
        if isinstance(i, NewOrganisation)
        else i
        for i in items
    ]


def _date(text: str) -> datetime.date:
    text = text.strip()
    if "T" in text[:11] or (len(text) > 10 and text[10] == " " and text[:4].isdigit()):
        text = text[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    raise ValueError


def _organisation(name: str, ctx: RowContext, messages: list[str]):
    from jalinan.core.registry import partner_directory

    cache = ctx.cache.setdefault("organisations", {})
    key = " ".join(name.lower().split())
    if key in cache:
        return cache[key]
    found = partner_directory().find_duplicates(legal_name=name, limit=5)
    exact = [c for c in found if c.score >= 100]
    if len(exact) == 1 or (len(found) == 1 and not exact):
        org = (exact or found)[0].organisation
        cache[key] = org  # a match stays a match for the rest of the file
        if org.legal_name.strip().lower() != name.strip().lower():
            ctx.notes.append(
                _("“%(name)s” matched to %(org)s") % {"name": name, "org": org.legal_name}
            )
        return org
    if found:
        messages.append(
            _(
                "the party “%(name)s” matches %(n)d organisations of the registry: %(orgs)s; "
                "write its exact registered name"
            )
            % {
                "name": name,
                "n": len(found),
                "orgs": "; ".join(f"{c.organisation.legal_name} ({c.reason})" for c in found),
            }
        )
        return None
    ctx.notes.append(_("new organisation “%(name)s” is added to the registry") % {"name": name})
    return NewOrganisation(name)


def _one(column: Column, text: str, ctx: RowContext, messages: list[str]):
    """``text`` (non-empty) as the column's type; on failure a message and None."""
    bad = {"column": column.key, "value": text if len(text) <= 80 else text[:80] + "…"}
    try:
        if column.type == DATE:
            return _date(text)
        if column.type == DECIMAL:
            cleaned = re.sub(r"(?i)^rm|[\s,]", "", text)
            value = Decimal(cleaned)
            if not value.is_finite():
                raise InvalidOperation
            return value
        if column.type == INT:
            number = float(text.replace(",", ""))
            if number != int(number):
                raise ValueError
            return int(number)
    except (ValueError, InvalidOperation):
        hint = {
            DATE: _("is not a date (write it as 2024-03-31 or 31/03/2024)"),
            DECIMAL: _("is not an amount"),
            INT: _("is not a whole number"),
        }[column.type]
        messages.append(_("%(column)s: “%(value)s” %(hint)s") % {**bad, "hint": hint})
        return None
    if column.type == BOOL:
        low = text.lower()
        if low in TRUE or low in FALSE:
            return low in TRUE
        messages.append(_("%(column)s: “%(value)s” is not yes or no") % bad)
        return None
    if column.type == CHOICE:
        low = text.lower()
        pairs = ctx.cache.get(("choices", column.key))
        if pairs is None:  # read once per import: a choice list may come from the database
            pairs = ctx.cache[("choices", column.key)] = column.choice_list()
        for choice, label in pairs:
            if low == str(choice).lower() or low == str(label).lower():
                return choice
        messages.append(
            _("%(column)s: unknown value “%(value)s” (use one of: %(values)s)")
            % {**bad, "values": ", ".join(str(v) for v, _label in pairs)}
        )
        return None
    if column.type == UNIT:
        units = ctx.cache.get("units")
        if units is None:
            from jalinan.accounts.models import Unit

            units = {}
            for u in Unit.objects.all():
                units.setdefault(u.name.lower(), u)
                units[u.code.lower()] = u
            ctx.cache["units"] = units
        unit = units.get(text.lower())
        if unit is None:
            messages.append(_("%(column)s: unknown KCDIO unit “%(value)s” (give its code)") % bad)
        return unit
    if column.type == PERSON:
        people = ctx.cache.setdefault("people", {})
        email = text.lower()
        if email not in people:
            people[email] = (
                get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            )
        if people[email] is None:
            messages.append(
                _("%(column)s: nobody with the e-mail address “%(value)s” has an account") % bad
            )
        return people[email]
    if column.type == ORGANISATION:
        return _organisation(text, ctx, messages)
    limit = settings.JALINAN_IMPORT_MAX_FIELD_CHARS
    if len(text) > limit:
        messages.append(
            _("%(column)s is too long: %(n)d characters, at most %(max)d are accepted")
            % {"column": column.key, "n": len(text), "max": limit}
        )
        return None
    return text


def convert(register: Register, cells: dict, ctx: RowContext) -> tuple[dict, list[str]]:
    """The row's values by column key (None for an empty cell, a list for a ``many`` column)
    and a message for each cell that could not be read."""
    values: dict[str, Any] = {}
    messages: list[str] = []
    for column in register.columns:
        raw = cells.get(column.key, "")
        if isinstance(raw, dict) and "formula" in raw:
            messages.append(
                _("%(column)s: formulas are not accepted (cell %(cell)s)")
                % {"column": column.key, "cell": raw["formula"]}
            )
            values[column.key] = [] if column.many else None
            continue
        text = str(raw).strip() if not isinstance(raw, float) else _number(raw)
        parts = [p.strip() for p in text.split(";") if p.strip()] if column.many else [text]
        parts = [p for p in parts if p]
        if not parts:
            if column.required:
                messages.append(_("%(column)s is required") % {"column": column.key})
            values[column.key] = [] if column.many else None
            continue
        converted = [_one(column, p, ctx, messages) for p in parts]
        values[column.key] = converted if column.many else converted[0]
    return values, messages


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


# -- running an import -------------------------------------------------------------------------


@dataclass
class RowResult:
    line: int
    reference: str
    outcome: str
    messages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    label: str = ""
    url: str = ""


@dataclass
class Report:
    register: str
    filename: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(OUTCOMES, 0)
        for r in self.rows:
            out[r.outcome] += 1
        return out

    def as_dict(self) -> dict:
        return {
            "register": self.register,
            "filename": self.filename,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "rows": [asdict(r) for r in self.rows],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        return cls(
            register=data["register"],
            filename=data["filename"],
            dry_run=data["dry_run"],
            rows=[RowResult(**r) for r in data["rows"]],
        )


class _Rollback(Exception):
    pass


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {m}" if name != "__all__" else str(m)
            for name, msgs in exc.message_dict.items()
            for m in msgs
        ]
    return [str(m) for m in exc.messages]


def run(
    register: Register,
    rows: list[SourceRow],
    *,
    by,
    filename: str = "",
    dry_run: bool = False,
    attachments: dict[str, bytes] | None = None,
) -> Report:
    """Write the rows (or, with ``dry_run``, everything but the commit) and report on each."""
    report = Report(register=register.key, filename=filename, dry_run=dry_run)
    cache: dict = {}
    seen: dict[str, int] = {}
    try:
        with transaction.atomic(), ExitStack() as stack:
            for wrapper in import_wrappers():
                stack.enter_context(wrapper())
            for source in rows:
                report.rows.append(
                    _run_row(register, source, by, dry_run, attachments or {}, cache, seen)
                )
            if dry_run:
                raise _Rollback
            if register.finish is not None:
                register.finish(cache, by=by)
    except _Rollback:
        pass
    return report


def _run_row(register, source, by, dry_run, attachments, cache, seen) -> RowResult:
    reference = str(source.cells.get(register.reference, "") or "").strip()
    result = RowResult(line=source.line, reference=reference, outcome=REJECTED)
    ctx = RowContext(line=source.line, dry_run=dry_run, cache=cache)
    key = reference.lower()
    if key and key in seen:
        result.messages.append(
            _("%(column)s “%(value)s” is also on row %(line)d: each appears once in a file")
            % {"column": register.reference, "value": reference, "line": seen[key]}
        )
        return result
    if key:
        seen[key] = source.line
    try:
        with transaction.atomic():
            values, messages = convert(register, source.cells, ctx)
            if messages:
                raise RowError(messages)
            ctx.files = files_for(reference, attachments) if attachments else []
            obj, outcome = register.write_row(values, by=by, ctx=ctx)
    except RowError as exc:
        result.messages = [str(m) for m in exc.messages]
        return result
    except ValidationError as exc:
        result.messages = _messages(exc)
        return result
    except IntegrityError as exc:
        result.messages = [_("the row could not be written: %(err)s") % {"err": exc}]
        return result
    result.outcome = outcome
    result.notes = [str(n) for n in ctx.notes]
    result.label = str(obj)[:200]
    if register.object_url and not dry_run:
        result.url = register.object_url(obj)
    return result


# -- keeping a preview between requests --------------------------------------------------------


def _valid_key(key: str) -> bool:
    return bool(key) and len(key) < 64 and key.replace("-", "").replace("_", "").isalnum()


def save_preview(
    register: Register,
    *,
    user_id: int,
    filename: str,
    rows: list[SourceRow],
    report: Report,
    attachments: bytes | None = None,
    attachments_name: str = "",
) -> str:
    key = secrets.token_urlsafe(16)
    payload = {
        "user": user_id,
        "register": register.key,
        "filename": filename,
        "rows": [asdict(r) for r in rows],
        "report": report.as_dict(),
        "attachments_name": attachments_name,
    }
    if attachments is not None:
        default_storage.save(f"imports/registers/{key}.zip", ContentFile(attachments))
    default_storage.save(f"imports/registers/{key}.json", ContentFile(json.dumps(payload).encode()))
    return key


@dataclass
class Preview:
    key: str
    filename: str
    rows: list[SourceRow]
    report: Report
    attachments: dict[str, bytes] | None
    attachments_name: str


def load_preview(register: Register, key: str, *, user_id: int) -> Preview | None:
    """The preview ``key`` of ``register`` if ``user_id`` made it; None otherwise."""
    if not _valid_key(key):
        return None
    path = f"imports/registers/{key}.json"
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as fh:
        payload = json.loads(fh.read())
    if payload["user"] != user_id or payload["register"] != register.key:
        return None
    attachments = None
    if default_storage.exists(f"imports/registers/{key}.zip"):
        with default_storage.open(f"imports/registers/{key}.zip") as fh:
            attachments = read_attachments("documents.zip", fh.read())
    return Preview(
        key=key,
        filename=payload["filename"],
        rows=[SourceRow(**r) for r in payload["rows"]],
        report=Report.from_dict(payload["report"]),
        attachments=attachments,
        attachments_name=payload.get("attachments_name", ""),
    )


def discard_preview(key: str) -> None:
    if not _valid_key(key):
        return
    for ext in ("json", "zip"):
        path = f"imports/registers/{key}.{ext}"
        if default_storage.exists(path):
            default_storage.delete(path)


# -- templates ---------------------------------------------------------------------------------


def template_table(register: Register) -> tuple[list[str], list[list[str]]]:
    """The headings and the example row of a register's template."""
    return [c.key for c in register.columns], [[c.example for c in register.columns]]
