"""CSV and XLSX downloads of lists (tablib), shared by every list page."""

from __future__ import annotations

import datetime

import tablib
from django.http import HttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Keep spreadsheet programs from treating exported text as a formula.
        return "'" + value
    return value if isinstance(value, (int, float, datetime.date)) else str(value)


def export_response(*, headers: list[str], rows, filename: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        fmt = "csv"
    data = tablib.Dataset(headers=[str(h) for h in headers])
    for row in rows:
        data.append([_cell(v) for v in row])
    if fmt == "xlsx":
        body = data.export("xlsx")
    else:
        body = "\ufeff" + data.export("csv")  # BOM so Excel reads UTF-8 names correctly
    response = HttpResponse(body, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response
