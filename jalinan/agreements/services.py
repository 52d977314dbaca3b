"""Every write to memoranda: validated, atomic, audited, and told to whom it concerns.

Status changes go through :func:`jalinan.agreements.workflow.apply_transition` (re-exported here
as :func:`memorandum_transition`); everything else is here.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, DateField, F, Max, OuterRef, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jalinan.accounts.roles import is_oil
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.files import DOCX, PDF, validate_upload
from jalinan.core.notifications import notify
from jalinan.sdgs.services import sdg_request_classification

from .choices import OPEN_DELIVERABLE, DeliverableStatus, DocumentKind, Status
from .models import (
    Deliverable,
    Document,
    Memorandum,
    MemorandumType,
    Party,
    Signatory,
    StatusChange,
)
from .workflow import NOTIFY_KIND, apply_transition

memorandum_transition = apply_transition

MEMO_FIELDS = {
    "title",
    "memo_type",
    "initiating_unit",
    "person_in_charge",
    "scope",
    "objectives",
    "value_cash",
    "value_in_kind",
    "financial_terms",
    "start_date",
    "end_date",
    "duration_months",
    "renewal_terms",
    "confidentiality",
    "renews",
}
PIC_OIL_ONLY = _lazy(
    "Only OIL may change the person in charge of a memorandum: ask an OIL officer."
)
TEXT_FIELDS = {"title", "scope", "objectives"}  # what the SDG classifier reads
MB = 1024 * 1024


class StaleEdit(Exception):
    """Someone saved the memorandum after this person opened it; nothing was written."""

    def __init__(self, memorandum: Memorandum, version: int):
        from .selectors import changes_since

        super().__init__("stale version")
        self.memorandum = memorandum
        self.version = version
        self.changes = changes_since(memorandum, version)


def max_upload_bytes() -> int:
    return int(settings.JALINAN_MEMORANDUM_MAX_UPLOAD_MB * MB)


def _clean(fields: dict) -> dict:
    unknown = set(fields) - MEMO_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    out = {}
    for key, value in fields.items():
        if isinstance(value, str) and key not in {"scope", "objectives", "financial_terms"}:
            value = value.strip()
        if key in ("value_cash", "value_in_kind") and value in (None, ""):
            value = Decimal("0")
        out[key] = value
    return out


def _parties_snapshot(memo: Memorandum) -> list[str]:
    return [str(p.organisation) for p in memo.parties.select_related("organisation")]


def _set_parties(memo: Memorandum, organisations) -> None:
    wanted = []
    for org in organisations:
        if org.pk not in [o.pk for o in wanted]:
            wanted.append(org)
    existing = {p.organisation_id: p for p in memo.parties.all()}
    for order, org in enumerate(wanted):
        party = existing.pop(org.pk, None)
        if party is None:
            Party.objects.create(memorandum=memo, organisation=org, order=order)
        elif party.order != order:
            party.order = order
            party.save(update_fields=["order"])
    for party in existing.values():
        party.delete()


def _reference(memo: Memorandum) -> str:
    year = timezone.localdate(memo.created_at).year
    return f"{memo.memo_type.abbreviation.upper()}/{year}/{memo.pk:04d}"


def memoranda_refresh_health(ids) -> int:
    """Recompute the derived columns health is computed from, in one UPDATE: the later of the
    latest activity and the start date, and the earliest due date of the open deliverables."""
    ids = list(ids)
    if not ids:
        return 0
    engaged_since = Case(
        When(last_activity_on__isnull=True, then=F("start_date")),
        When(start_date__isnull=True, then=F("last_activity_on")),
        When(last_activity_on__gt=F("start_date"), then=F("last_activity_on")),
        default=F("start_date"),
        output_field=DateField(),
    )
    next_due = (
        Deliverable.objects.filter(
            memorandum=OuterRef("pk"), status__in=OPEN_DELIVERABLE, due_date__isnull=False
        )
        .order_by("due_date")
        .values("due_date")[:1]
    )
    return Memorandum.objects.filter(pk__in=ids).update(
        engaged_since=engaged_since, next_deliverable_due=Subquery(next_due)
    )


@transaction.atomic
def memorandum_create(
    *,
    by,
    parties,
    reference: str | None = None,
    at: datetime.datetime | None = None,
    quiet: bool = False,
    pic_confirmed_by=None,
    **fields,
) -> Memorandum:
    """Open a memorandum as a draft, with its parties (at least one partner organisation).

    The person in charge counts as confirmed (see ``person_in_charge_assigned_by``) when OIL
    creates it, or as ``pic_confirmed_by`` says (a renewal keeps its predecessor's)."""
    parties = list(parties or [])
    if not parties:
        raise ValidationError({"parties": _("Choose at least one partner organisation.")})
    memo = Memorandum(created_by=by if getattr(by, "pk", None) else None, **_clean(fields))
    # OIL chose the person in charge; anyone else's choice awaits OIL's confirmation
    memo.person_in_charge_assigned_by = by if is_oil(by) else pic_confirmed_by
    memo.status = Status.DRAFT
    memo.created_at = memo.status_changed_at = at or timezone.now()
    memo.reference = reference or f"NEW-{uuid.uuid4().hex[:16]}"
    memo.full_clean()
    memo.derive_engaged_since()  # a new memorandum has no deliverable yet
    memo.save()
    if not reference:
        memo.reference = _reference(memo)
        Memorandum.objects.filter(pk=memo.pk).update(reference=memo.reference)
    _set_parties(memo, parties)
    audit_log(
        actor=by,
        action="create",
        obj=memo,
        changes={**diff({}, snapshot(memo)), "parties": [None, [str(o) for o in parties]]},
    )
    sdg_request_classification(obj=memo)
    if not quiet and memo.person_in_charge_id != getattr(by, "pk", None):
        notify(
            recipient=memo.person_in_charge,
            kind=NOTIFY_KIND,
            title=_("You are the person in charge of %(memo)s") % {"memo": str(memo)},
            url=memo.get_absolute_url(),
        )
    return memo


@transaction.atomic
def memorandum_update(
    *, memorandum: Memorandum, by, version: int, parties=None, **fields
) -> Memorandum:
    """Save changes made from ``version``. If someone saved in between, raise
    :class:`StaleEdit` (with what they changed) and write nothing.

    Only OIL changes the person in charge; when OIL saves the person in charge (changed or
    not), that confirms them, which opens the confidential documents to them."""
    current = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
    if current.version != version:
        raise StaleEdit(current, version)
    before = snapshot(current)
    before_parties = _parties_snapshot(current)
    fields = _clean(fields)
    if "person_in_charge" in fields:
        pic = fields["person_in_charge"]
        if not is_oil(by):
            if getattr(pic, "pk", pic) != current.person_in_charge_id:
                raise ValidationError({"person_in_charge": PIC_OIL_ONLY})
        elif getattr(pic, "pk", None) != current.person_in_charge_id or (
            current.person_in_charge_assigned_by_id is None
        ):
            current.person_in_charge_assigned_by = by
    for key, value in fields.items():
        setattr(current, key, value)
    if (
        "duration_months" in fields
        and "end_date" not in fields
        and current.duration_months
        and current.start_date
    ):
        current.end_date = None  # recomputed from the new duration
    current.full_clean()
    if parties is not None:
        if not list(parties):
            raise ValidationError({"parties": _("Choose at least one partner organisation.")})
        _set_parties(current, parties)
    changes = diff(before, snapshot(current))
    after_parties = _parties_snapshot(current)
    if after_parties != before_parties:
        changes["parties"] = [before_parties, after_parties]
    if not changes:
        return current
    current.version = version + 1
    current.derive_engaged_since()
    current.save()
    changes["version"] = [version, current.version]
    audit_log(actor=by, action="update", obj=current, changes=changes)
    if TEXT_FIELDS & set(changes):
        sdg_request_classification(obj=current)
    if memorandum is not current:
        memorandum.refresh_from_db()
    return current


def _touch(memo: Memorandum, by, changes: dict, message: str = "") -> None:
    """Record a change to a memorandum's parts on its own history."""
    audit_log(actor=by, action="update", obj=memo, changes=changes, message=message)


@transaction.atomic
def memorandum_open_renewal(
    *, memorandum: Memorandum, by, at: datetime.datetime | None = None
) -> Memorandum:
    """The successor draft of a memorandum being renewed, linked to it, with its parties."""
    old = memorandum
    start = old.end_date + datetime.timedelta(days=1) if old.end_date else None
    months = old.duration_months
    if not months and old.start_date and old.end_date:
        months = max(1, round((old.end_date - old.start_date).days / 30.44))
    fields = {
        "title": old.title,
        "memo_type": old.memo_type,
        "initiating_unit": old.initiating_unit,
        "person_in_charge": old.person_in_charge,
        "scope": old.scope,
        "objectives": old.objectives,
        "value_cash": old.value_cash,
        "value_in_kind": old.value_in_kind,
        "financial_terms": old.financial_terms,
        "renewal_terms": old.renewal_terms,
        "confidentiality": old.confidentiality,
        "start_date": start,
        "duration_months": months,
        "renews": old,
    }
    orgs = [p.organisation for p in old.parties.select_related("organisation")]
    return memorandum_create(
        by=by,
        parties=orgs,
        at=at,
        quiet=True,
        # the same person in charge, as OIL confirmed them (or not) on the memorandum it renews
        pic_confirmed_by=old.person_in_charge_assigned_by,
        **fields,
    )


# -- signatories -------------------------------------------------------------------------------


@transaction.atomic
def signatory_add(
    *, memorandum: Memorandum, by, name: str, title: str = "", party=None, contact=None
) -> Signatory:
    if party is not None and party.memorandum_id != memorandum.pk:
        raise ValidationError({"party": _("That organisation is not a party to this memorandum.")})
    if contact is not None and (party is None or contact.organisation_id != party.organisation_id):
        raise ValidationError({"contact": _("The contact must work for the party signing.")})
    order = memorandum.signatories.filter(party=party).count()
    signatory = Signatory(
        memorandum=memorandum,
        party=party,
        name=(name or "").strip(),
        title=(title or "").strip(),
        contact=contact,
        order=order,
    )
    signatory.full_clean(exclude=["memorandum", "party", "contact"])  # checked above
    signatory.save()
    side = str(party.organisation) if party else _("the university")
    _touch(memorandum, by, {f"signatory for {side}": [None, str(signatory)]})
    return signatory


@transaction.atomic
def signatory_remove(*, signatory: Signatory, by) -> None:
    memo = signatory.memorandum
    side = str(signatory.party.organisation) if signatory.party_id else _("the university")
    _touch(memo, by, {f"signatory for {side}": [str(signatory), None]})
    signatory.delete()


# -- documents ---------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    memorandum: Memorandum,
    by,
    kind: str,
    upload,
    is_confidential: bool = True,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Document:
    """Store a new version of a memorandum's document (PDF or DOCX, checked by content)."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    try:
        file_kind = validate_upload(upload, kinds=(PDF, DOCX), max_bytes=max_upload_bytes())
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from exc
    version = (
        Document.objects.filter(memorandum=memorandum, kind=kind).aggregate(v=Max("version"))["v"]
        or 0
    ) + 1
    doc = Document(
        memorandum=memorandum,
        kind=kind,
        version=version,
        original_name=upload.name[:255],
        size=upload.size,
        content_type=file_kind.content_type,
        is_confidential=is_confidential,
        note=(note or "").strip(),
        uploaded_by=by if getattr(by, "pk", None) else None,
        uploaded_at=at or timezone.now(),
    )
    doc.file.save(upload.name, upload, save=False)
    doc.full_clean(exclude=["memorandum", "uploaded_by"])  # given by the caller, not typed
    doc.save()
    _touch(
        memorandum,
        by,
        {f"document {doc.get_kind_display()} v{version}": [None, doc.original_name]},
        message=_("Confidential document") if is_confidential else "",
    )
    return doc


# -- deliverables ------------------------------------------------------------------------------

DELIVERABLE_FIELDS = {"title", "description", "target_quantity", "due_date", "owner", "status"}


def _deliverable_apply(deliverable: Deliverable, fields: dict) -> None:
    unknown = set(fields) - DELIVERABLE_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        setattr(deliverable, key, value.strip() if isinstance(value, str) else value)
    if deliverable.status == DeliverableStatus.DONE and not deliverable.completed_on:
        deliverable.completed_on = timezone.localdate()
    elif deliverable.status in OPEN_DELIVERABLE:
        deliverable.completed_on = None


@transaction.atomic
def deliverable_create(*, memorandum: Memorandum, by, quiet: bool = False, **fields) -> Deliverable:
    deliverable = Deliverable(memorandum=memorandum)
    _deliverable_apply(deliverable, fields)
    deliverable.full_clean()
    deliverable.save()
    memoranda_refresh_health([memorandum.pk])
    _touch(memorandum, by, {f"deliverable {deliverable.title}": [None, deliverable.status]})
    if not quiet and deliverable.owner_id and deliverable.owner_id != getattr(by, "pk", None):
        notify(
            recipient=deliverable.owner,
            kind=NOTIFY_KIND,
            title=_("You own the deliverable “%(title)s” of %(memo)s")
            % {"title": deliverable.title, "memo": memorandum.reference},
            url=memorandum.get_absolute_url(),
        )
    return deliverable


@transaction.atomic
def deliverable_update(*, deliverable: Deliverable, by, **fields) -> Deliverable:
    before = snapshot(Deliverable.objects.get(pk=deliverable.pk))
    _deliverable_apply(deliverable, fields)
    deliverable.full_clean()
    deliverable.save()
    changes = diff(before, snapshot(deliverable))
    if changes:
        memoranda_refresh_health([deliverable.memorandum_id])
        audit_log(actor=by, action="update", obj=deliverable, changes=changes)
        _touch(
            deliverable.memorandum,
            by,
            {f"deliverable {deliverable.title}: {k}": v for k, v in changes.items()},
        )
    return deliverable


# -- activity, nudges, types -------------------------------------------------------------------


def memoranda_set_last_activity(*, dates: dict[int, datetime.date | None]) -> int:
    """Record each memorandum's latest activity date (called by the engagement log after it
    writes). A derived value, not a person's edit: neither audited nor a new version."""
    changed = 0
    by_date: dict = {}
    for memo_id, day in dates.items():
        by_date.setdefault(day, []).append(memo_id)
    for day, ids in by_date.items():
        changed += (
            Memorandum.objects.filter(pk__in=ids)
            .exclude(last_activity_on=day)
            .update(last_activity_on=day)
        )
    memoranda_refresh_health(dates)
    return changed


@transaction.atomic
def memorandum_nudge(*, memorandum: Memorandum, by, message: str = "") -> bool:
    """Ask the person in charge of a quiet memorandum to record what is happening with the
    partner. Once a day at most."""
    today = timezone.localdate()
    sent = notify(
        recipient=memorandum.person_in_charge,
        kind="agreements.reminder",
        title=_("%(memo)s has had no recorded activity lately: please log what is happening")
        % {"memo": str(memorandum)},
        body=message,
        url=memorandum.get_absolute_url(),
        dedupe_key=f"nudge:{memorandum.pk}:{today.isoformat()}",
    )
    if sent is not None:
        audit_log(
            actor=by,
            action="other",
            obj=memorandum,
            message=_("Reminded %(person)s to record activities")
            % {"person": memorandum.person_in_charge},
        )
    return sent is not None


TYPE_FIELDS = {
    "code",
    "name",
    "name_ms",
    "abbreviation",
    "needs_committee",
    "description",
    "is_active",
    "order",
}


@transaction.atomic
def type_create(*, by, **fields) -> MemorandumType:
    if set(fields) - TYPE_FIELDS:
        raise ValueError(f"Unknown fields: {sorted(set(fields) - TYPE_FIELDS)}")
    memo_type = MemorandumType(**fields)
    memo_type.full_clean()
    memo_type.save()
    audit_log(actor=by, action="create", obj=memo_type, changes=diff({}, snapshot(memo_type)))
    return memo_type


@transaction.atomic
def type_update(*, memo_type: MemorandumType, by, **fields) -> MemorandumType:
    if set(fields) - TYPE_FIELDS:
        raise ValueError(f"Unknown fields: {sorted(set(fields) - TYPE_FIELDS)}")
    before = snapshot(MemorandumType.objects.get(pk=memo_type.pk))
    for key, value in fields.items():
        setattr(memo_type, key, value)
    memo_type.full_clean()
    memo_type.save()
    changes = diff(before, snapshot(memo_type))
    if changes:
        audit_log(actor=by, action="update", obj=memo_type, changes=changes)
    return memo_type


def types_ensure_defaults(*, by=None) -> list[MemorandumType]:
    """Create the default types that are missing (never changes existing ones)."""
    from .defaults import TYPES

    existing = {t.code: t for t in MemorandumType.objects.all()}
    out = []
    for order, (code, name, name_ms, abbreviation, committee) in enumerate(TYPES, start=1):
        if code in existing:
            out.append(existing[code])
            continue
        out.append(
            type_create(
                by=by,
                code=code,
                name=name,
                name_ms=name_ms,
                abbreviation=abbreviation,
                needs_committee=committee,
                order=order * 10,
            )
        )
    return out


# -- memoranda brought in from the office's register -------------------------------------------


def _import_unchanged(memo: Memorandum, parties, fields: dict) -> bool:
    for key, value in _clean(fields).items():
        current = getattr(memo, key + "_id") if hasattr(value, "pk") else getattr(memo, key)
        if (value.pk if hasattr(value, "pk") else value) != current:
            return False
    have = list(memo.parties.values_list("organisation_id", flat=True))
    return have == list(dict.fromkeys(getattr(p, "pk", None) for p in parties))


# No savepoint of its own: the import writes each row in one (core.imports.engine), and a
# caller outside a transaction still gets one transaction.
@transaction.atomic(savepoint=False)
def memorandum_import(
    *,
    by,
    reference: str,
    parties,
    status: str,
    signed_on: datetime.date | None = None,
    terminated_on: datetime.date | None = None,
    **fields,
) -> tuple[Memorandum, str]:
    """Bring in (or bring up to date) a memorandum of the office's earlier register, keyed by
    its own reference: ``("created" | "updated" | "unchanged")``. Its status is taken as the
    register gives it, recorded as one "imported" history row: no workflow step is replayed.
    Nobody is notified."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    memo = Memorandum.objects.filter(reference=reference).first()
    if memo is None:
        memo = memorandum_create(by=by, parties=parties, reference=reference, quiet=True, **fields)
        outcome = "created"
    elif _import_unchanged(memo, parties, fields):
        outcome = "unchanged"  # a second import of the same row: nothing to compare further
    else:
        version = memo.version
        memo = memorandum_update(memorandum=memo, by=by, version=version, parties=parties, **fields)
        outcome = "updated" if memo.version != version else "unchanged"
    dates = {"signed_on": signed_on, "terminated_on": terminated_on}
    changed = {k: v for k, v in dates.items() if getattr(memo, k) != v}
    if memo.status != status or changed:
        before = memo.status
        for k, v in changed.items():
            setattr(memo, k, v)
        memo.status = status
        memo.status_changed_at = timezone.now()
        memo.version += 1
        memo.save(update_fields=["status", "status_changed_at", "version", "updated_at", *changed])
        StatusChange.objects.create(
            memorandum=memo,
            action="import",
            from_status=before,
            to_status=status,
            actor=by if getattr(by, "pk", None) else None,
            comment=_("Status as the office's register gives it"),
        )
        audit_log(
            actor=by,
            action="import",
            obj=memo,
            changes={"status": [before, status]}
            | {k: [None, str(v) if v else None] for k, v in changed.items()},
            message=_("Imported from the office's register"),
        )
        outcome = "created" if outcome == "created" else "updated"
    return memo, outcome
