"""Uploaded files: checked on the way in, served only through views that check permissions.

``validate_upload`` checks size, extension and the content's real type (magic bytes, not the
browser's claim); ``file_response`` streams a stored file from whatever storage is configured
(local folder or S3) once the view has checked the user's right to it. Nothing under
MEDIA_URL is public.
"""

from __future__ import annotations

import errno
import logging
import os
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind(".pdf", "application/pdf", "PDF")
DOCX = FileKind(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "DOCX",
)
XLSX = FileKind(
    ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
)
PNG = FileKind(".png", "image/png", "PNG")
JPEG = FileKind(".jpg", "image/jpeg", "JPEG")

MB = 1024 * 1024
log = logging.getLogger(__name__)
# The disk (or the user's quota) is full, or the file is larger than the system allows.
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _sniff(upload) -> str | None:
    """The extension the content really has, judged by its bytes."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return ".docx"
            if "xl/workbook.xml" in names:
                return ".xlsx"
    return None


def validate_upload(upload, *, kinds: tuple[FileKind, ...], max_bytes: int) -> FileKind:
    """Refuse ``upload`` unless it is one of ``kinds`` (by name *and* content) and small
    enough. Returns the kind; raises ValidationError with a message for the person."""
    allowed = ", ".join(k.label for k in kinds)
    if upload is None or not getattr(upload, "name", ""):
        raise ValidationError(_("Choose a file."))
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit).0f MB.")
            % {"size": upload.size / MB, "limit": max_bytes / MB}
        )
    ext = PurePath(upload.name).suffix.lower()
    if ext == ".jpeg":
        ext = ".jpg"
    by_ext = {k.extension: k for k in kinds}
    if ext not in by_ext:
        raise ValidationError(
            _("Only these file types are accepted: %(types)s.") % {"types": allowed}
        )
    if _sniff(upload) != ext:
        raise ValidationError(
            _("The file's content is not a real %(type)s file.") % {"type": by_ext[ext].label}
        )
    return by_ext[ext]


def file_response(field_file, *, filename: str | None = None, inline: bool = False):
    """Stream a stored file. Call only after checking the user may read it."""
    name = filename or PurePath(field_file.name).name
    response = FileResponse(field_file.open("rb"), as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class UploadStorage(FileSystemStorage):
    """The local media folder, never left with half a file.

    When writing fails (the disk full, say), the partly written file is removed; a full disk
    is the person's clear form error (a ValidationError, which every upload view shows at the
    top of its form) raised before the service writes any row, so nothing of the upload
    remains. Other failures are re-raised once the partial file is gone.
    """

    def _save(self, name, content):
        full_path = self.path(name)
        # Only a file this call created is removed (never another upload's of the same name).
        existed = os.path.lexists(full_path)
        try:
            # FileSystemStorage._save is there; the stubs leave the private method out.
            return super()._save(name, content)  # type: ignore[misc]
        except OSError as exc:
            if not existed and os.path.exists(full_path):
                try:
                    os.remove(full_path)
                except OSError:
                    log.exception("Could not remove the partly written file %s", full_path)
            if exc.errno in NO_SPACE:
                log.error("No space left to store the upload %s: %s", name, exc)
                raise ValidationError(
                    _(
                        "The server has no room to store this file right now, so nothing was "
                        "saved. Please try again later or tell the office."
                    ),
                    code="no_space",
                ) from exc
            raise
