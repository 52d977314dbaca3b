"""PDF documents (agendas, minutes, reports) rendered from HTML templates with WeasyPrint.

Templates extend ``pdf/base.html`` (A4, the institution's name and colours, page numbers).
WeasyPrint needs Debian's pango libraries, which ``scripts/ensure-system-packages`` installs;
without them :func:`render_pdf` raises :class:`PdfUnavailable` and the view tells the person.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


class PdfUnavailable(RuntimeError):
    """The PDF engine cannot run on this machine (pango missing)."""


def render_pdf(template: str, context: dict, request=None) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # the shared libraries are missing
        raise PdfUnavailable(
            "PDF output needs the pango libraries (Debian: libpango-1.0-0 libpangoft2-1.0-0)."
        ) from exc
    html = render_to_string(template, context, request=request)
    base_url = settings.JALINAN_SITE_URL if request is None else request.build_absolute_uri("/")
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(template: str, context: dict, request, *, filename: str) -> HttpResponse:
    body = render_pdf(template, context, request)
    response = HttpResponse(body, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.pdf"'
    return response
