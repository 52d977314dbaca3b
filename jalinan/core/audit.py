"""The audit log: every service that writes calls :func:`audit_log`.

Usage in a service::

    before = snapshot(org)
    ... change and save org ...
    audit_log(actor=by, action="update", obj=org,
              changes=diff(before, snapshot(org)))
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

SKIP_FIELDS = {"id", "created_at", "updated_at", "search_name", "password", "last_login"}


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if hasattr(value, "code"):  # django-countries Country
        return value.code
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` as plain JSON-able values, keyed by field name."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIP_FIELDS or (fields is not None and field.name not in fields):
            continue
        if field.is_relation:
            rel_id = getattr(obj, field.attname)
            out[field.name] = str(getattr(obj, field.name)) if rel_id is not None else None
        else:
            out[field.name] = _plain(getattr(obj, field.attname))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field-level changes as ``{field: [old, new]}``; fields that did not change are left out."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def audit_log(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: dict | None = None,
    message: str = "",
) -> AuditEntry:
    """Record one change to ``obj`` by ``actor`` (a user, or None for the system)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=(actor.email if getattr(actor, "pk", None) else "system"),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
        message=message,
    )


def history_for(obj: models.Model):
    """Audit entries about ``obj``, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


def audit_log_many(entries: list[dict], *, batch_size: int = 1000) -> int:
    """Record many changes at once (a bulk sync): each of ``entries`` holds the keyword
    arguments of :func:`audit_log` (``actor``, ``action``, ``obj``, ``changes``, ``message``).
    The entries join the hash chain in order, as if written one by one. Returns how many."""
    import json

    from django.db import router, transaction
    from django.utils import timezone

    from .auditchain import lock_chain, row_hash

    if not entries:
        return 0
    using = router.db_for_write(AuditEntry)
    now = timezone.now()
    types: dict = {}
    rows = []
    for e in entries:
        obj, actor = e["obj"], e.get("actor")
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        rows.append(
            AuditEntry(
                created_at=now,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_repr=(
                    getattr(actor, "email", "") if getattr(actor, "pk", None) else "system"
                ),
                action=e["action"],
                content_type=types[model],
                object_id=str(obj.pk),
                object_repr=str(obj)[:255],
                changes=json.loads(json.dumps(e.get("changes") or {})),
                message=e.get("message", ""),
            )
        )
    with transaction.atomic(using=using, savepoint=False):
        lock_chain(using)
        prev = (
            AuditEntry.objects.using(using).order_by("-id").values_list("row_hash", flat=True)
        ).first() or ""
        for row in rows:
            row.prev_hash = prev
            row.row_hash = prev = row_hash(vars(row), prev)
        AuditEntry.objects.using(using).bulk_create(rows, batch_size=batch_size)
    return len(rows)
