"""A full disk during an upload: the person reads a clear error on the form, and nothing of the
upload remains (no row, no partly written file, no audit entry)."""

from __future__ import annotations

import errno
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile

from jalinan.agreements.models import Document
from jalinan.agreements.tests.factories import PDF_BYTES, make_memo
from jalinan.core.models import AuditEntry


def _disk_fills_after_the_first_bytes(self, chunk_size=None):
    # The real storage opens the file and writes this much before the disk is full.
    yield PDF_BYTES[:20]
    raise OSError(errno.ENOSPC, "No space left on device")


def _media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def memo(academic, unit_eng, org_acme):
    return make_memo(unit=unit_eng, pic=academic, parties=[org_acme])


def test_a_full_disk_during_a_memorandum_upload_shows_a_form_error_and_keeps_nothing(
    client_for, officer, memo
):
    audit_before = AuditEntry.objects.count()
    upload = SimpleUploadedFile("contract.pdf", PDF_BYTES, content_type="application/pdf")
    with mock.patch.object(InMemoryUploadedFile, "chunks", _disk_fills_after_the_first_bytes):
        resp = client_for(officer).post(
            f"/memoranda/{memo.pk}/documents/new/",
            {"kind": "draft", "upload": upload, "note": "signed copy"},
        )
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "The server has no room to store this file right now" in page
    assert "signed copy" in page  # what the person typed is kept
    assert not Document.objects.exists()
    assert _media_files() == []
    assert AuditEntry.objects.count() == audit_before

    # With room again, the same upload goes through.
    upload.seek(0)
    resp = client_for(officer).post(
        f"/memoranda/{memo.pk}/documents/new/", {"kind": "draft", "upload": upload}
    )
    assert resp.status_code == 302
    assert Document.objects.count() == 1 and len(_media_files()) == 1
