"""Every write to invention disclosures and the IP portfolio: validated, atomic, audited.

A disclosure goes draft -> received (submitted) -> under assessment -> decided (protect,
publish, release to the inventors, hold, with reasons). IP assets keep their computed
deadlines in step with their dates (see :mod:`.deadlines`); deadlines entered by hand and
those marked done are never touched by a recomputation.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import OIL_ROLES, Role
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from .choices import AssetStatus, DeadlineKind, Decision, DisclosureStatus
from .deadlines import compute_deadlines
from .models import Deadline, Disclosure, Inventor, IPAsset, PublicDisclosure

NOTIFY_SUBMITTED = "technologies.disclosure_submitted"
NOTIFY_DECIDED = "technologies.disclosure_decided"
NOTIFY_DEADLINE = "technologies.ip_deadline"

DISCLOSURE_FIELDS = {
    "title",
    "description",
    "novelty",
    "prior_art",
    "funding_source",
    "sponsor_obligations",
    "trl",
    "applications",
    "target_industries",
    "unit",
}
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
LONG_TEXT = {"description", "novelty", "prior_art", "sponsor_obligations", "applications", "notes"}
DATE_FIELDS = {"filing_date", "priority_date", "granted_on", "expires_on"}

# The review as data: from which status each step may be taken.
TRANSITIONS = {
    "submit": (DisclosureStatus.DRAFT, DisclosureStatus.RECEIVED),
    "start_assessment": (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT),
    "decide": (DisclosureStatus.ASSESSMENT, DisclosureStatus.DECIDED),
}


def _by(by):
    return by if getattr(by, "pk", None) else None


def ip_staff_people(*, oil_only: bool = False) -> list:
    """Active OIL admins and officers and (unless ``oil_only``) IP committee members."""
    from jalinan.accounts.models import User

    roles = set(OIL_ROLES) if oil_only else {*OIL_ROLES, Role.IP_COMMITTEE}
    return list(User.objects.filter(groups__name__in=roles, is_active=True).distinct())


def inventor_people(disclosure: Disclosure) -> list:
    """The users among the inventors, and the submitter, each once."""
    people = {i.user_id: i.user for i in disclosure.inventors.select_related("user") if i.user_id}
    if disclosure.submitted_by_id and disclosure.submitted_by_id not in people:
        people[disclosure.submitted_by_id] = disclosure.submitted_by
    return list(people.values())


def _apply(obj, fields: dict, allowed: set) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip() if key not in LONG_TEXT else value.strip("\n")
        if key in DATE_FIELDS and value == "":
            value = None
        setattr(obj, key, value)


# --- disclosures -------------------------------------------------------------------------


def _share(value) -> Decimal:
    try:
        share = Decimal(str(value).strip().rstrip("%").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"inventors": _("“%(v)s” is not a percentage.") % {"v": value}}
        ) from None
    if not share.is_finite() or share <= 0 or share > 100:
        raise ValidationError(
            {"inventors": _("Each contribution must be more than 0% and at most 100%.")}
        )
    return share


def check_inventors(inventors) -> list[dict]:
    """Normalise and check a list of inventors (dicts ``{"user" or "name", "is_student",
    "unit", "share"}``): at least one, nobody twice, shares totalling exactly 100%."""
    rows = []
    for raw in inventors or []:
        user = raw.get("user")
        name = (raw.get("name") or "").strip()
        if user is None and not name:
            raise ValidationError({"inventors": _("Give each inventor's name or choose them.")})
        share = _share(raw.get("share"))
        if share != share.quantize(Decimal("0.01")):
            raise ValidationError(
                {"inventors": _("Give contributions with at most two decimal places.")}
            )
        unit = raw.get("unit", None)
        if unit is None and user is not None:
            unit = getattr(user, "unit", None)
        rows.append(
            {
                "user": user,
                "name": name if user is None else "",
                "is_student": bool(raw.get("is_student")),
                "unit": unit,
                "share": share,
            }
        )
    if not rows:
        raise ValidationError({"inventors": _("Name at least one inventor.")})
    seen: set = set()
    for row in rows:
        key = ("u", row["user"].pk) if row["user"] is not None else ("n", row["name"].casefold())
        if key in seen:
            who = str(row["user"]) if row["user"] is not None else row["name"]
            raise ValidationError(
                {"inventors": _("%(who)s is listed twice as an inventor.") % {"who": who}}
            )
        seen.add(key)
    total = sum((row["share"] for row in rows), Decimal("0"))
    if total != Decimal("100"):
        raise ValidationError(
            {
                "inventors": _(
                    "The contribution shares must total exactly 100%% (they total %(total)s%%)."
                )
                % {"total": total.quantize(Decimal("0.01"))}
            }
        )
    return rows


def check_public_disclosures(items) -> list[dict]:
    rows = []
    for raw in items or []:
        if not raw.get("date") or not raw.get("kind"):
            raise ValidationError(
                {"public_disclosures": _("Give the kind and the date of each public disclosure.")}
            )
        rows.append(
            {
                "kind": raw["kind"],
                "date": raw["date"],
                "details": (raw.get("details") or "").strip(),
            }
        )
    return rows


def _inventors_snapshot(disclosure: Disclosure) -> list[str]:
    return [f"{i} ({i.share}%)" for i in disclosure.inventors.select_related("user")]


def _public_snapshot(disclosure: Disclosure) -> list[str]:
    return [f"{p.kind} {p.date} {p.details}".strip() for p in disclosure.public_disclosures.all()]


def _set_inventors(disclosure: Disclosure, rows: list[dict]) -> None:
    disclosure.inventors.all().delete()
    for order, row in enumerate(rows):
        inventor = Inventor(disclosure=disclosure, order=order, **row)
        inventor.full_clean(exclude=["disclosure"])
        inventor.save()


def _set_public(disclosure: Disclosure, rows: list[dict]) -> None:
    disclosure.public_disclosures.all().delete()
    for row in rows:
        item = PublicDisclosure(disclosure=disclosure, **row)
        item.full_clean(exclude=["disclosure"])
        item.save()


def _disclosure_reference(disclosure: Disclosure) -> str:
    return f"IDF-{timezone.localdate(disclosure.created_at).year}-{disclosure.pk:04d}"


@transaction.atomic
def disclosure_create(
    *,
    by,
    inventors,
    public_disclosures=(),
    at: datetime.datetime | None = None,
    **fields,
) -> Disclosure:
    """Open an invention disclosure as a draft with its inventors and contribution shares
    (they must total 100%) and any public disclosures made so far."""
    rows = check_inventors(inventors)
    public = check_public_disclosures(public_disclosures)
    disclosure = Disclosure(submitted_by=_by(by), status=DisclosureStatus.DRAFT)
    disclosure.created_at = at or timezone.now()
    disclosure.reference = f"NEW-{uuid.uuid4().hex[:16]}"
    _apply(disclosure, fields, DISCLOSURE_FIELDS)
    if "unit" not in fields:
        disclosure.unit = getattr(by, "unit", None) or next(
            (r["unit"] for r in rows if r["unit"] is not None), None
        )
    disclosure.full_clean()
    disclosure.save()
    disclosure.reference = _disclosure_reference(disclosure)
    Disclosure.objects.filter(pk=disclosure.pk).update(reference=disclosure.reference)
    _set_inventors(disclosure, rows)
    _set_public(disclosure, public)
    audit_log(
        actor=by,
        action="create",
        obj=disclosure,
        changes={
            **diff({}, snapshot(disclosure)),
            "inventors": [None, _inventors_snapshot(disclosure)],
            **({"public_disclosures": [None, _public_snapshot(disclosure)]} if public else {}),
        },
    )
    return disclosure


@transaction.atomic
def disclosure_update(
    *, disclosure: Disclosure, by, inventors=None, public_disclosures=None, **fields
) -> Disclosure:
    """Change a disclosure; ``inventors`` and ``public_disclosures``, when given, replace the
    lists (the same checks as on creation)."""
    rows = check_inventors(inventors) if inventors is not None else None
    public = (
        check_public_disclosures(public_disclosures) if public_disclosures is not None else None
    )
    current = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    before = {
        **snapshot(current),
        "inventors": _inventors_snapshot(current),
        "public_disclosures": _public_snapshot(current),
    }
    _apply(current, fields, DISCLOSURE_FIELDS)
    current.full_clean()
    current.save()
    if rows is not None:
        _set_inventors(current, rows)
    if public is not None:
        _set_public(current, public)
    after = {
        **snapshot(current),
        "inventors": _inventors_snapshot(current),
        "public_disclosures": _public_snapshot(current),
    }
    changes = diff(before, after)
    changes.pop("updated_at", None)
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    return current


def _move(disclosure: Disclosure, step: str) -> tuple[Disclosure, str]:
    source, target = TRANSITIONS[step]
    current = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if current.status != source:
        raise ValidationError(
            _("This disclosure is %(status)s; it cannot be moved that way.")
            % {"status": current.get_status_display().lower()}
        )
    old = current.status
    current.status = target
    return current, old


def _sync_instance(original, current) -> None:
    if original is not current:
        original.refresh_from_db()


@transaction.atomic
def disclosure_submit(*, disclosure: Disclosure, by, quiet: bool = False) -> Disclosure:
    """Send a draft to OIL (draft -> received); OIL and the IP committee are told."""
    current, old = _move(disclosure, "submit")
    current.submitted_at = timezone.now()
    if current.submitted_by_id is None:
        current.submitted_by = _by(by)
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="update",
        obj=current,
        changes={"status": [old, current.status]},
        message="submitted",
    )
    if not quiet:
        for person in ip_staff_people():
            if person.pk == getattr(by, "pk", None):
                continue
            notify(
                recipient=person,
                kind=NOTIFY_SUBMITTED,
                title=_("New invention disclosure %(ref)s: %(title)s")
                % {"ref": current.reference, "title": current.title},
                body=_("It awaits assessment."),
                url=current.get_absolute_url(),
                dedupe_key=f"disclosure:{current.pk}:submitted",
            )
    _sync_instance(disclosure, current)
    return current


@transaction.atomic
def disclosure_start_assessment(*, disclosure: Disclosure, by) -> Disclosure:
    """OIL or the IP committee start assessing a received disclosure."""
    current, old = _move(disclosure, "start_assessment")
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="update",
        obj=current,
        changes={"status": [old, current.status]},
        message="assessment started",
    )
    _sync_instance(disclosure, current)
    return current


@transaction.atomic
def disclosure_decide(
    *, disclosure: Disclosure, by, decision: str, reasons: str, quiet: bool = False
) -> Disclosure:
    """Record the decision on a disclosure under assessment, with its reasons (required);
    the inventors are told."""
    reasons = (reasons or "").strip()
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("Choose a decision.")
    if not reasons:
        errors["reasons"] = _("Give the reasons for the decision.")
    if errors:
        raise ValidationError(errors)
    current, old = _move(disclosure, "decide")
    current.decision = decision
    current.decision_reasons = reasons
    current.decided_by = _by(by)
    current.decided_at = timezone.now()
    current.full_clean()
    current.save()
    audit_log(
        actor=by,
        action="update",
        obj=current,
        changes={
            "status": [old, current.status],
            "decision": [None, decision],
            "decision_reasons": [None, reasons],
        },
        message="decided",
    )
    if not quiet:
        for person in inventor_people(current):
            notify(
                recipient=person,
                kind=NOTIFY_DECIDED,
                title=_("Decision on your invention disclosure %(ref)s: %(decision)s")
                % {"ref": current.reference, "decision": current.get_decision_display()},
                body=reasons,
                url=current.get_absolute_url(),
                dedupe_key=f"disclosure:{current.pk}:decided",
            )
    _sync_instance(disclosure, current)
    return current


# --- IP assets and deadlines -------------------------------------------------------------


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
    asset = IPAsset(disclosure=disclosure, created_by=_by(by))
    asset.created_at = at or timezone.now()
    asset.reference = f"NEW-{uuid.uuid4().hex[:16]}"
    _apply(asset, fields, ASSET_FIELDS)
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
    _apply(current, fields, ASSET_FIELDS)
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
    _sync_instance(asset, current)
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
    current.done_by = _by(by)
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
    _sync_instance(deadline, current)
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
    _sync_instance(deadline, current)
    return current
