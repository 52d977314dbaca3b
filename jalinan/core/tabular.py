"""Reading an uploaded table (CSV or XLSX) for an import: size, encoding, row-count and
"zip bomb" limits, formulas flagged rather than evaluated, the header checked against the
columns a register declares. Every import (partners, the registers, people sync) reads its
file here, so the same file gets the same answer everywhere."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


class ImportFileError(Exception):
    """The whole file is refused (wrong type, encoding, header): nothing is read from it."""


def _read_csv(content: bytes, max_rows: int) -> list[list[str]]:
    if content.startswith(b"\xff\xfe") or content.startswith(b"\xfe\xff"):
        raise ImportFileError(_("The file is UTF-16 encoded: save it as “CSV UTF-8”."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 encoded (byte %(pos)d): save it as “CSV UTF-8”.")
            % {"pos": exc.start + 1}
        ) from exc
    if "\x00" in text:
        raise ImportFileError(_("The file contains binary data and is not a CSV file."))
    # A long field is read whole and rejected with its row (see interpret) rather than failing
    # the file on the csv module's 128 kB limit; the limit is process-wide and no field can be
    # longer than an accepted file.
    csv.field_size_limit(
        max(csv.field_size_limit(), len(content), settings.JALINAN_MAX_IMPORT_BYTES)
    )
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append(row)
                _check_row_count(len(rows), max_rows)
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file could not be read at line %(n)d: %(e)s")
            % {"n": reader.line_num, "e": exc}
        ) from exc
    return rows


def _check_row_count(rows_with_header: int, max_rows: int) -> None:
    if rows_with_header - 1 > max_rows:
        raise ImportFileError(
            _("The file has more than %(max)d rows: import at most %(max)d at a time.")
            % {"max": max_rows}
        )


def _check_uncompressed_size(content: bytes) -> None:
    """Refuse a workbook that would inflate past the cap (a "zip bomb"), from the sizes its zip
    directory declares (zipfile never inflates a member past its declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportFileError(_("The file is not a valid XLSX workbook.")) from exc
    if total > settings.JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(
            _(
                "The workbook would take %(mb).0f MB once unpacked, more than the %(max).0f MB "
                "accepted: save it again without unused sheets, or as CSV."
            )
            % {
                "mb": total / 1024 / 1024,
                "max": settings.JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES / 1024 / 1024,
            }
        )


def _read_xlsx(content: bytes, max_rows: int) -> list[list]:
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFileError(_("The file is not a valid XLSX workbook."))
    _check_uncompressed_size(content)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ImportFileError(_("The workbook could not be read: %(err)s") % {"err": exc}) from exc
    rows = []
    try:
        if not wb.worksheets:
            raise ImportFileError(_("The workbook has no sheet."))
        for r in wb.worksheets[0].iter_rows():
            cells = []
            for c in r:
                value: object = c.value
                if isinstance(value, str) and value.startswith("="):
                    value = Formula(c.coordinate)
                elif getattr(c, "data_type", None) == "f":
                    value = Formula(c.coordinate)
                cells.append(value)
            if any(v not in (None, "") for v in cells):
                rows.append(cells)
                _check_row_count(len(rows), max_rows)
    except ImportFileError:
        raise
    except Exception as exc:  # a broken sheet is only found while its rows are read
        raise ImportFileError(_("The workbook could not be read: %(err)s") % {"err": exc}) from exc
    finally:
        wb.close()
    return rows


@dataclass
class Formula:
    coordinate: str


def read_rows(
    filename: str, content: bytes, *, max_rows: int | None = None, max_bytes: int | None = None
) -> list[list]:
    """The non-empty rows of the file's first sheet, header included; a cell holding a
    formula is a :class:`Formula` (never evaluated). At most ``max_rows`` data rows and
    ``max_bytes`` (default ``JALINAN_IMPORT_MAX_ROWS`` and ``JALINAN_MAX_IMPORT_BYTES``)."""
    max_rows = settings.JALINAN_IMPORT_MAX_ROWS if max_rows is None else max_rows
    max_bytes = settings.JALINAN_MAX_IMPORT_BYTES if max_bytes is None else max_bytes
    if len(content) > max_bytes:
        raise ImportFileError(
            _("The file is larger than %(mb).0f MB.") % {"mb": max_bytes / 1024 / 1024}
        )
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _read_csv(content, max_rows)
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(content, max_rows)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return rows


def normalise_header(cells) -> list[str]:
    return [str(h or "").strip().lower().replace(" ", "_") for h in cells]


def check_header(header: list[str], columns, required) -> None:
    """Refuse the file when a required column is missing or a column is not one of
    ``columns``, naming each (shortened: a header cell can be a whole file long)."""
    unknown = [h if len(h) <= 40 else h[:40] + "…" for h in header if h and h not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("missing column(s): %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown column(s): %(cols)s") % {"cols": ", ".join(unknown)})
        raise ImportFileError(
            _("The header row is not right (%(problems)s). Expected columns: %(expected)s.")
            % {"problems": "; ".join(parts), "expected": ", ".join(columns)}
        )


def read_table(
    filename: str, content: bytes, *, columns, required=()
) -> tuple[list[str], list[tuple[int, list]]]:
    """Header (normalised, checked against ``columns``) and data rows with their line
    numbers (the header is line 1)."""
    rows = read_rows(filename, content)
    header = normalise_header(rows[0])
    check_header(header, columns, required)
    return header, [(i + 2, r) for i, r in enumerate(rows[1:])]
