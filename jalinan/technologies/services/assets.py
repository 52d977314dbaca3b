"""Every write to the IP portfolio: assets and their deadlines, validated, atomic, audited.

IP assets keep their computed deadlines in step with their dates (see :mod:`..deadlines`);
deadlines entered by hand and those marked done are never touched by a recomputation.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from ..choices import AssetStatus, DeadlineKind
from ..deadlines import compute_deadlines
from ..models import Deadline, Disclosure, IPAsset
from .common import apply_fields, sync_instance, user_or_none

NOTIFY_DEADLINE = "technologies.ip_deadline"


ASSET_FIELDS = {
    "kind",
    "title",
    "office",
    "application_number",
    "filing_date",
    "priority_date",
    "publication_number",
    "grant_number",
    "granted_on",
    "expires_on",
    "status",
    "family",
    "unit",
    "attorney",
    "notes",
}


LONG_TEXT = {"notes"}


DATE_FIELDS = {"filing_date", "priority_date", "granted_on", "expires_on"}


def _asset_reference(asset: IPAsset) -> str:
    return f"IP-{timezone.localdate(asset.created_at).year}-{asset.pk:04d}"


def _deadline_labels(asset: IPAsset) -> list[str]:
    return [
        f"{d.kind} {d.due_date}{' (done)' if d.done_on else ''}"
        for d in asset.deadlines.order_by("due_date", "pk")
    ]


def deadlines_sync(asset: IPAsset) -> tuple[int, int]:
    """Bring the computed deadlines of ``asset`` in line with its dates: create the missing
    ones, remove open computed ones that no longer apply. Deadlines marked done and those
    entered by hand are left alone. Idempotent; returns (created, removed)."""
    wanted = compute_deadlines(asset)
    existing = list(asset.deadlines.filter(is_computed=True))
    by_key = {(d.kind, d.due_date): d for d in existing}
    wanted_keys = {(kind, due) for kind, due, _text in wanted}
    removed = 0
    for d in existing:
        if d.done_on is None and (d.kind, d.due_date) not in wanted_keys:
            d.delete()
            removed += 1
    created = 0
    for kind, due, text in wanted:
        row = by_key.get((kind, due))
        if row is None:
            row = Deadline(asset=asset, kind=kind, due_date=due, description=text[:300])
            row.is_computed = True
            row.full_clean(exclude=["asset"])
            row.save()
            by_key[(kind, due)] = row
            created += 1
        elif row.done_on is None and row.description != text[:300]:
            row.description = text[:300]
            row.save(update_fields=["description"])
    return created, removed


def _sync_family(asset: IPAsset) -> None:
    """A new family member in another office ends the root's priority-year deadline."""
    if asset.family_id:
        root = IPAsset.objects.get(pk=asset.family_id)
        deadlines_sync(root)


def _check_family(asset: IPAsset) -> None:
    if asset.family_id is None:
        return
    if asset.pk and asset.family_id == asset.pk:
        raise ValidationError({"family": _("An asset cannot be its own family root.")})
    root = IPAsset.objects.filter(pk=asset.family_id).values_list("family_id", flat=True).first()
    if root is not None:
        raise ValidationError(
            {"family": _("Choose the first filing of the family (it has no family root itself).")}
        )


@transaction.atomic
def asset_create(
    *, by, disclosure: Disclosure | None = None, at: datetime.datetime | None = None, **fields
) -> IPAsset:
    """Record an IP asset (usually from a disclosure) and compute its deadlines."""
    asset = IPAsset(disclosure=disclosure, created_by=user_or_none(by))
    asset.created_at = at or timezone.now()
    asset.reference = f"NEW-{uuid.uuid4().hex[:16]}"
    apply_fields(asset, fields, ASSET_FIELDS, long_text=LONG_TEXT, dates=DATE_FIELDS)
    if not asset.title and disclosure is not None:
        asset.title = disclosure.title
    if "unit" not in fields and disclosure is not None:
        asset.unit = disclosure.unit
    if asset.status == AssetStatus.GRANTED and asset.granted_on is None:
        raise ValidationError({"granted_on": _("Give the date of the grant or registration.")})
    _check_family(asset)
    asset.full_clean()
    asset.save()
    asset.reference = _asset_reference(asset)
    IPAsset.objects.filter(pk=asset.pk).update(reference=asset.reference)
    deadlines_sync(asset)
    audit_log(
        actor=by,
        action="create",
        obj=asset,
        changes={**diff({}, snapshot(asset)), "deadlines": [None, _deadline_labels(asset)]},
    )
    _sync_family(asset)
    return asset


@transaction.atomic
def asset_update(*, asset: IPAsset, by, **fields) -> IPAsset:
    """Change an asset; its open computed deadlines follow the new dates."""
    current = IPAsset.objects.select_for_update().get(pk=asset.pk)
    before = {**snapshot(current), "deadlines": _deadline_labels(current)}
    old_family = current.family_id
    apply_fields(current, fields, ASSET_FIELDS, long_text=LONG_TEXT, dates=DATE_FIELDS)
    if current.status == AssetStatus.GRANTED and current.granted_on is None:
        raise ValidationError({"granted_on": _("Give the date of the grant or registration.")})
    _check_family(current)
    current.full_clean()
    current.save()
    deadlines_sync(current)
    changes = diff(before, {**snapshot(current), "deadlines": _deadline_labels(current)})
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    _sync_family(current)
    if old_family and old_family != current.family_id:
        deadlines_sync(IPAsset.objects.get(pk=old_family))
    sync_instance(asset, current)
    return current


def asset_set_status(
    *,
    asset: IPAsset,
    by,
    status: str,
    granted_on: datetime.date | None = None,
    grant_number: str | None = None,
) -> IPAsset:
    """Move an asset to ``status`` (filed, published, granted, lapsed, abandoned); a grant
    needs its date (today by default)."""
    if status not in AssetStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    fields: dict = {"status": status}
    if status == AssetStatus.GRANTED:
        fields["granted_on"] = granted_on or asset.granted_on or timezone.localdate()
        if grant_number is not None:
            fields["grant_number"] = grant_number
    return asset_update(asset=asset, by=by, **fields)


@transaction.atomic
def deadline_add(
    *, asset: IPAsset, by, kind: str, due_date: datetime.date, description: str = ""
) -> Deadline:
    """A deadline entered by hand (an office action to answer, say); never recomputed."""
    if kind not in DeadlineKind.values:
        raise ValidationError({"kind": _("Choose a kind of deadline.")})
    deadline = Deadline(asset=asset, kind=kind, due_date=due_date, description=description.strip())
    deadline.full_clean()
    deadline.save()
    audit_log(
        actor=by,
        action="update",
        obj=asset,
        changes={"deadline": [None, f"{deadline.kind} {deadline.due_date}"]},
        message="deadline added",
    )
    return deadline


@transaction.atomic
def deadline_done(*, deadline: Deadline, by, done_on: datetime.date | None = None) -> Deadline:
    """Mark a deadline handled; for repeating fees the next one is computed."""
    current = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if current.done_on is not None:
        return current
    current.done_on = done_on or timezone.localdate()
    current.done_by = user_or_none(by)
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="update",
        obj=current.asset,
        changes={"deadline": [f"{current.kind} {current.due_date}", f"done {current.done_on}"]},
        message="deadline done",
    )
    deadlines_sync(current.asset)
    sync_instance(deadline, current)
    return current


@transaction.atomic
def deadline_reopen(*, deadline: Deadline, by) -> Deadline:
    """Undo "done" on a deadline marked by mistake."""
    current = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if current.done_on is None:
        return current
    old = current.done_on
    current.done_on = None
    current.done_by = None
    current.save()
    audit_log(
        actor=by,
        action="update",
        obj=current.asset,
        changes={"deadline": [f"done {old}", f"{current.kind} {current.due_date}"]},
        message="deadline reopened",
    )
    deadlines_sync(current.asset)
    sync_instance(deadline, current)
    return current
