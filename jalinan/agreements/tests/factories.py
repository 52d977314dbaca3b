"""Test data for memoranda: real services where the history matters, direct rows where a test
needs a memorandum already standing in some status."""

from __future__ import annotations

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jalinan.agreements import services
from jalinan.agreements.choices import Status
from jalinan.agreements.models import Document, Memorandum, MemorandumType, Party, Signatory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def pdf_upload(name="paper.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def memo_type(code="moa") -> MemorandumType:
    services.types_ensure_defaults()
    return MemorandumType.objects.get(code=code)


def make_memo(
    *,
    unit,
    pic,
    parties,
    created_by=None,
    status: str = Status.DRAFT,
    type_code: str = "moa",
    title: str = "Joint robotics laboratory",
    confidentiality: str = "internal",
    **fields,
) -> Memorandum:
    """A memorandum created through the service, then put straight into ``status``."""
    memo = services.memorandum_create(
        by=created_by or pic,
        parties=list(parties),
        title=title,
        memo_type=memo_type(type_code),
        initiating_unit=unit,
        person_in_charge=pic,
        scope="Joint research and internships in robotics.",
        confidentiality=confidentiality,
        quiet=True,
        **fields,
    )
    if status != Status.DRAFT:
        Memorandum.objects.filter(pk=memo.pk).update(status=status)
        memo.refresh_from_db()
    return memo


def make_ready_to_sign(memo: Memorandum) -> Memorandum:
    """Signatories for every side, as record_signing needs."""
    Signatory.objects.create(memorandum=memo, name="Prof. Rector", title="Rector")
    for party in Party.objects.filter(memorandum=memo):
        Signatory.objects.create(memorandum=memo, party=party, name="Ms CEO", title="CEO")
    return memo


def make_document(memo, *, kind="draft", confidential=True, by=None) -> Document:
    return services.document_add(
        memorandum=memo, by=by, kind=kind, upload=pdf_upload(), is_confidential=confidential
    )


def set_dates(memo, *, start=None, end=None, last_activity=None):
    today = timezone.localdate()
    Memorandum.objects.filter(pk=memo.pk).update(
        start_date=start or today - datetime.timedelta(days=30),
        end_date=end or today + datetime.timedelta(days=700),
        last_activity_on=last_activity,
    )
    services.memoranda_refresh_health([memo.pk])
    memo.refresh_from_db()
    return memo
