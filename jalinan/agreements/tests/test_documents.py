"""Documents: PDF and DOCX only, checked by content, size-limited, versioned, stored through the
storage API and never served without a permission check."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from jalinan.agreements.models import Document
from jalinan.agreements.services import document_add
from jalinan.agreements.tests.factories import PDF_BYTES, docx_bytes


def up(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("contract.exe", b"MZ\x90\x00", "Only these file types are accepted: PDF, DOCX."),
        ("contract.pdf", b"<html>phish</html>", "not a real PDF file"),
        ("contract.docx", PDF_BYTES, "not a real DOCX file"),
        ("contract.pdf", b"", "file is empty"),
        ("contract.xlsx", b"PK\x03\x04", "Only these file types are accepted"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(client_for, officer, memo, name, content, message):
    resp = client_for(officer).post(
        f"/memoranda/{memo.pk}/documents/new/",
        {"kind": "draft", "upload": up(name, content), "is_confidential": "on"},
    )
    assert resp.status_code == 200 and message in resp.content.decode()
    assert not Document.objects.exists()


def test_the_size_limit_comes_from_a_setting(memo, officer, settings):
    settings.JALINAN_MEMORANDUM_MAX_UPLOAD_MB = 0.001
    with pytest.raises(ValidationError) as exc:
        document_add(memorandum=memo, by=officer, kind="draft", upload=up("a.pdf", PDF_BYTES * 20))
    assert "the limit is" in " ".join(exc.value.messages)


def test_versions_are_kept_per_kind_and_stored_under_a_random_name(client_for, officer, memo):
    client = client_for(officer)
    for name, content in [("v1.pdf", PDF_BYTES), ("v2.docx", docx_bytes())]:
        resp = client.post(
            f"/memoranda/{memo.pk}/documents/new/",
            {"kind": "draft", "upload": up(name, content), "note": "for OIL"},
        )
        assert resp.status_code == 302
    docs = list(Document.objects.order_by("version"))
    assert [(d.version, d.original_name, d.is_confidential) for d in docs] == [
        (1, "v1.pdf", False),
        (2, "v2.docx", False),
    ]
    assert all(default_storage.exists(d.file.name) for d in docs)
    assert "v1" not in docs[0].file.name and docs[0].file.name.startswith(f"memoranda/{memo.pk}/")
    resp = client.get(f"/memoranda/documents/{docs[1].pk}/")
    assert (
        resp["Content-Disposition"].startswith("attachment")
        and "v2.docx" in resp["Content-Disposition"]
    )
    assert resp["Cache-Control"] == "private, no-store"


def test_who_may_upload(client_for, memo, management, committee, legal, partner_user):
    for user, status in [(management, 403), (committee, 403), (partner_user, 403), (legal, 200)]:
        assert client_for(user).get(f"/memoranda/{memo.pk}/documents/new/").status_code == status
