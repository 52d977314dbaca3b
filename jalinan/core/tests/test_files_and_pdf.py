import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jalinan.core.files import DOCX, PDF, validate_upload
from jalinan.core.pdf import render_pdf

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def up(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_real_pdf_and_docx_are_accepted():
    assert validate_upload(up("a.pdf", PDF_BYTES), kinds=(PDF, DOCX), max_bytes=10**6) == PDF
    assert validate_upload(up("b.DOCX", docx_bytes()), kinds=(PDF, DOCX), max_bytes=10**6) == DOCX


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("a.exe", b"MZ....", "Only these file types are accepted: PDF, DOCX."),
        ("a.pdf", b"<html>not a pdf</html>", "not a real PDF file"),
        ("a.docx", PDF_BYTES, "not a real DOCX file"),
        ("a.pdf", b"", "The file is empty."),
        ("a.pdf", PDF_BYTES + b"x" * 2_000_000, "the limit is 1 MB"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError) as exc:
        validate_upload(up(name, content), kinds=(PDF, DOCX), max_bytes=1024 * 1024)
    assert message in " ".join(exc.value.messages)


def test_pdf_is_rendered_from_a_template(db):
    from pypdf import PdfReader

    from jalinan.core.institution import get_institution

    pdf = render_pdf("pdf/base.html", {"institution": get_institution()})
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert get_institution().name in reader.pages[0].extract_text()
