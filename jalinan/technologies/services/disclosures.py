"""Every write to invention disclosures: validated, atomic, audited.

A disclosure goes draft -> received (submitted) -> under assessment -> decided (protect,
publish, release to the inventors, hold, with reasons).
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

from ..choices import Decision, DisclosureStatus
from ..models import Disclosure, Inventor, PublicDisclosure
from .common import apply_fields, sync_instance, user_or_none

NOTIFY_SUBMITTED = "technologies.disclosure_submitted"
NOTIFY_DECIDED = "technologies.disclosure_decided"


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


LONG_TEXT = {"description", "novelty", "prior_art", "sponsor_obligations", "applications"}


# The review as data: from which status each step may be taken.
TRANSITIONS = {
    "submit": (DisclosureStatus.DRAFT, DisclosureStatus.RECEIVED),
    "start_assessment": (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT),
    "decide": (DisclosureStatus.ASSESSMENT, DisclosureStatus.DECIDED),
}


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
    disclosure = Disclosure(submitted_by=user_or_none(by), status=DisclosureStatus.DRAFT)
    disclosure.created_at = at or timezone.now()
    disclosure.reference = f"NEW-{uuid.uuid4().hex[:16]}"
    apply_fields(disclosure, fields, DISCLOSURE_FIELDS, long_text=LONG_TEXT)
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
    apply_fields(current, fields, DISCLOSURE_FIELDS, long_text=LONG_TEXT)
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


@transaction.atomic
def disclosure_submit(*, disclosure: Disclosure, by, quiet: bool = False) -> Disclosure:
    """Send a draft to OIL (draft -> received); OIL and the IP committee are told."""
    current, old = _move(disclosure, "submit")
    current.submitted_at = timezone.now()
    if current.submitted_by_id is None:
        current.submitted_by = user_or_none(by)
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
    sync_instance(disclosure, current)
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
    sync_instance(disclosure, current)
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
    current.decided_by = user_or_none(by)
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
    sync_instance(disclosure, current)
    return current
