"""Every write to the engagement log: validated, atomic, audited. After each write the latest
activity date of the memoranda concerned is brought up to date (it drives their health)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.agreements.services import memoranda_set_last_activity
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.files import DOCX, JPEG, PDF, PNG, XLSX, validate_upload
from jalinan.sdgs.services import sdg_request_classification

from .models import Activity, Attachment
from .selectors import latest_activity_dates

FIELDS = {
    "title",
    "reference",
    "activity_type",
    "date",
    "location",
    "description",
    "outcome",
    "unit",
}
RELATIONS = ("organisations", "memoranda", "deliverables", "staff", "students")
TEXT_FIELDS = {"title", "description", "outcome"}
ATTACHMENT_KINDS = (PDF, DOCX, XLSX, PNG, JPEG)


def max_upload_bytes() -> int:
    return int(settings.JALINAN_ENGAGEMENT_MAX_UPLOAD_MB * 1024 * 1024)


def _labels(objs) -> list[str]:
    return sorted(str(o) for o in objs)


def _relations_snapshot(activity: Activity) -> dict[str, list[str]]:
    return {name: _labels(getattr(activity, name).all()) for name in RELATIONS}


def _check(relations: dict) -> None:
    if "organisations" in relations and not list(relations["organisations"]):
        raise ValidationError({"organisations": _("Choose at least one partner organisation.")})
    memo_ids = {m.pk for m in relations.get("memoranda") or []}
    for d in relations.get("deliverables") or []:
        if d.memorandum_id not in memo_ids:
            raise ValidationError(
                {
                    "deliverables": _(
                        "“%(d)s” belongs to a memorandum not linked to this activity."
                    )
                    % {"d": d.title}
                }
            )


def refresh_memoranda(memo_ids, *, today: datetime.date | None = None) -> int:
    """Tell the memoranda their latest activity date (for their health)."""
    memo_ids = set(memo_ids)
    if not memo_ids:
        return 0
    return memoranda_set_last_activity(dates=latest_activity_dates(memo_ids, today=today))


def _apply(activity: Activity, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("description", "outcome"):
            value = value.strip()
        setattr(activity, key, value)


@transaction.atomic
def activity_create(
    *,
    by,
    organisations,
    memoranda=(),
    deliverables=(),
    staff=(),
    students=(),
    at: datetime.datetime | None = None,
    **fields,
) -> Activity:
    """Log an activity with one or more partners."""
    relations = {
        "organisations": list(organisations or []),
        "memoranda": list(memoranda or []),
        "deliverables": list(deliverables or []),
        "staff": list(staff or []),
        "students": list(students or []),
    }
    _check(relations)
    activity = Activity(created_by=by if getattr(by, "pk", None) else None)
    activity.created_at = at or timezone.now()
    _apply(activity, fields)
    activity.full_clean()
    activity.save()
    for name, objs in relations.items():
        getattr(activity, name).set(objs)
    audit_log(
        actor=by,
        action="create",
        obj=activity,
        changes={
            **diff({}, snapshot(activity)),
            **{k: [None, v] for k, v in _relations_snapshot(activity).items() if v},
        },
    )
    sdg_request_classification(obj=activity)
    refresh_memoranda(m.pk for m in relations["memoranda"])
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, **fields) -> Activity:
    relations = {k: list(fields.pop(k)) for k in RELATIONS if k in fields and fields[k] is not None}
    for k in RELATIONS:
        fields.pop(k, None)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if "deliverables" in relations and "memoranda" not in relations:
        relations["memoranda"] = list(current.memoranda.all())
    _check(relations)
    before = {**snapshot(current), **_relations_snapshot(current)}
    old_memos = set(current.memoranda.values_list("pk", flat=True))
    _apply(current, fields)
    current.full_clean()
    current.save()
    for name, objs in relations.items():
        getattr(current, name).set(objs)
    changes = diff(before, {**snapshot(current), **_relations_snapshot(current)})
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
        if TEXT_FIELDS & set(changes):
            sdg_request_classification(obj=current)
    new_memos = set(current.memoranda.values_list("pk", flat=True))
    refresh_memoranda(old_memos | new_memos)
    if activity is not current:
        activity.refresh_from_db()
    return current


@transaction.atomic
def activity_delete(*, activity: Activity, by) -> None:
    memo_ids = set(activity.memoranda.values_list("pk", flat=True))
    audit_log(
        actor=by,
        action="delete",
        obj=activity,
        changes=diff({**snapshot(activity), **_relations_snapshot(activity)}, {}),
    )
    for attachment in activity.attachments.all():
        attachment.file.delete(save=False)
    activity.delete()
    refresh_memoranda(memo_ids)


@transaction.atomic
def attachment_add(*, activity: Activity, by, upload, is_internal: bool = True) -> Attachment:
    """Keep a file with an activity (PDF, DOCX, XLSX, PNG or JPEG, checked by content)."""
    try:
        kind = validate_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=max_upload_bytes())
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    attachment = Attachment(
        activity=activity,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=kind.content_type,
        is_internal=is_internal,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    audit_log(
        actor=by,
        action="update",
        obj=activity,
        changes={"attachment": [None, attachment.original_name]},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    audit_log(
        actor=by,
        action="update",
        obj=attachment.activity,
        changes={"attachment": [attachment.original_name, None]},
    )
    attachment.file.delete(save=False)
    attachment.delete()


def refresh_recent(*, today: datetime.date | None = None, days: int = 7) -> int:
    """Daily: activities planned for the last few days have now happened; bring their
    memoranda's latest activity date up to date. Idempotent."""
    today = today or timezone.localdate()
    ids = set(
        Activity.memoranda.through.objects.filter(
            activity__date__gt=today - datetime.timedelta(days=days), activity__date__lte=today
        ).values_list("memorandum_id", flat=True)
    )
    return refresh_memoranda(ids, today=today)
