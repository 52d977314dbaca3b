"""CSV and XLSX downloads of lists (tablib), shared by every list page.

Every cell written to a CSV or XLSX file anywhere in Jalinan goes through :func:`safe_cell`.
"""

from __future__ import annotations

import datetime
import re

import tablib
from django.http import HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A cell whose text starts with one of these (after any blanks) is read as a formula by some
# spreadsheet program: Excel, LibreOffice and Google Sheets, full-width forms included.
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_text(text: str) -> str:
    """``text``, prefixed with ``'`` when a spreadsheet would run it as a formula.

    A plain number written as text ("-12.50") is left alone: it is no formula.
    """
    if not text:
        return text
    if text[0] in FORMULA_START or text.lstrip()[:1] in FORMULA_START:
        if not _NUMBER.fullmatch(text):
            return "'" + text
    return text


def safe_cell(value):
    """One exported cell: numbers and dates stay typed, every text is guarded by safe_text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return safe_text("; ".join(str(v) for v in value))
    if isinstance(value, (int, float, datetime.date)):  # bool and datetime included
        return value
    return safe_text(str(value))


def export_response(*, headers: list[str], rows, filename: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        fmt = "csv"
    data = tablib.Dataset(headers=[safe_cell(h) for h in headers])
    for row in rows:
        data.append([safe_cell(v) for v in row])
    if fmt == "xlsx":
        body = data.export("xlsx")
    else:
        body = "\ufeff" + data.export("csv")  # BOM so Excel reads UTF-8 names correctly
    response = HttpResponse(body, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response
