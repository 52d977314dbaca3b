"""Files attached to a challenge: added and removed by those who may manage them, audited on
the challenge."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from jalinan.core.audit import audit_log
from jalinan.core.files import DOCX, JPEG, PDF, PNG, XLSX, validate_upload

from ..models import Challenge, ChallengeAttachment

ATTACHMENT_KINDS = (PDF, DOCX, XLSX, PNG, JPEG)


def max_upload_bytes() -> int:
    return int(settings.JALINAN_CHALLENGE_MAX_UPLOAD_MB * 1024 * 1024)


@transaction.atomic
def attachment_add(*, challenge: Challenge, by, upload) -> ChallengeAttachment:
    """Attach a file (PDF, DOCX, XLSX, PNG or JPEG, up to the configured size)."""
    from ..permissions import can_manage_attachments

    if not can_manage_attachments(by, challenge):
        raise PermissionDenied
    try:
        validate_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=max_upload_bytes())
    except ValidationError as e:
        raise ValidationError({"upload": e.messages}) from e
    attachment = ChallengeAttachment(
        challenge=challenge,
        file=upload,
        name=upload.name[:255],
        size=upload.size,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    attachment.full_clean()
    attachment.save()
    audit_log(
        actor=by,
        action="attach",
        obj=challenge,
        message=attachment.name,
        changes={"attachment": [None, attachment.name]},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: ChallengeAttachment, by) -> None:
    from ..permissions import can_manage_attachments

    challenge = attachment.challenge
    if not can_manage_attachments(by, challenge):
        raise PermissionDenied
    name = attachment.name
    attachment.file.delete(save=False)
    attachment.delete()
    audit_log(
        actor=by,
        action="detach",
        obj=challenge,
        message=name,
        changes={"attachment": [name, None]},
    )
