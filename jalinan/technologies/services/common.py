"""Helpers the services of the app share: who acted, applying fields, references, and the
memoranda drafted for a technology (an enquiry's NDA, a licence's LCA)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil
from jalinan.core.references import next_reference

from ..models import Technology
from ..permissions.offers import inventor_user_ids


def user_or_none(by):
    """The user who acted, or None for the system (``by=None``: demo, commands)."""
    return by if getattr(by, "pk", None) else None


def require_oil(by) -> None:
    """Writes of the office: an OIL user, or the system (``by=None``: demo, commands)."""
    if by is not None and not is_oil(by):
        raise PermissionDenied(_("Only the industry office may do this."))


def apply_fields(obj, fields: dict, allowed: set[str], *, long_text=(), dates=()) -> None:
    """Set ``fields`` on ``obj`` (refusing any not in ``allowed``), strings stripped: those in
    ``long_text`` of surrounding blank lines only; an empty string in ``dates`` becomes None."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip() if key not in long_text else value.strip("\n")
        if key in dates and value == "":
            value = None
        setattr(obj, key, value)


def sync_instance(original, current) -> None:
    """Refresh the caller's instance when the service worked on a fresh (locked) copy."""
    if original is not current:
        original.refresh_from_db()


def save_with_reference(obj, prefix: str) -> None:
    """Save a new record with the next free reference of the year (retrying on a race)."""
    for _attempt in range(5):
        obj.reference = next_reference(type(obj), prefix, timezone.localdate().year)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError(f"Could not allocate a {prefix} reference")


# -- memoranda drafted for a technology ------------------------------------------------------


def memorandum_type(code: str):
    from jalinan.agreements.models import MemorandumType
    from jalinan.agreements.services import types_ensure_defaults

    memo_type = MemorandumType.objects.filter(code=code).first()
    if memo_type is None:
        types_ensure_defaults()
        memo_type = MemorandumType.objects.get(code=code)
    return memo_type


def initiating_unit(technology: Technology, by):
    unit = technology.unit or (technology.disclosure.unit if technology.disclosure_id else None)
    if unit is None and technology.disclosure_id:
        inv = technology.disclosure.inventors.exclude(unit=None).first()
        unit = inv.unit if inv else None
    if unit is None and getattr(by, "unit_id", None):
        unit = by.unit
    if unit is None:
        raise ValidationError(
            _("Give the technology its KCDIO first: a memorandum needs an initiating KCDIO.")
        )
    return unit


def person_in_charge(technology: Technology, by):
    if user_or_none(by):
        return by
    from jalinan.accounts.models import User

    person = User.objects.filter(pk__in=inventor_user_ids(technology), is_active=True).first()
    if person is None:
        raise ValidationError(_("Choose who is in charge of the memorandum."))
    return person
