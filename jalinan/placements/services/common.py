"""What the placement services share: the notification kinds, who to tell, telling them
(or, inside :func:`quietly`, not), and tidying the fields a service is given."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import OIL_ROLES, Role
from jalinan.core.notifications import notify

# Notification kinds (registered in PlacementsConfig.ready()).
KIND_OPENING = "placements.opening"
KIND_APPLICATION = "placements.application"
KIND_PLACEMENT = "placements.placement"
KIND_LOGBOOK = "placements.logbook"
KIND_REMINDER = "placements.reminder"


def apply_fields(obj, fields: dict, allowed: set[str]) -> None:
    """Set ``fields`` on ``obj`` (text stripped, but for the free-text ones); a field outside
    ``allowed`` is a programming error."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in {"description", "cover_note"}:
            value = value.strip()
        setattr(obj, key, value)


def clean_list(values) -> list[str]:
    """Skills or languages: from a list or a comma- (or line-) separated string, spaces
    tidied, no duplicates whatever their case."""
    if isinstance(values, str):
        values = values.replace("\n", ",").split(",")
    out: list[str] = []
    for v in values or []:
        v = " ".join(str(v).split())
        if v and v.lower() not in {o.lower() for o in out}:
            out.append(v)
    return out


# -- who to tell ------------------------------------------------------------------------------


def partner_users(organisation_id) -> list[User]:
    """The organisation's approved, active partner users."""
    return list(
        User.objects.filter(
            organisation_id=organisation_id,
            groups__name=Role.PARTNER,
            approval_status=User.Approval.APPROVED,
            is_active=True,
        ).distinct()
    )


def officers() -> list[User]:
    """The office's active admins and officers."""
    return list(User.objects.filter(groups__name__in=list(OIL_ROLES), is_active=True).distinct())


def coordinators_of(unit_id) -> list[User]:
    """Coordinators of ``unit_id`` or of any unit above it."""
    if not unit_id:
        return []
    chain, seen = [], set()
    unit = Unit.objects.filter(pk=unit_id).first()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        chain.append(unit.pk)
        unit = unit.parent
    return list(
        User.objects.filter(
            groups__name=Role.COORDINATOR, unit_id__in=chain, is_active=True
        ).distinct()
    )


_QUIET: ContextVar[frozenset[int] | None] = ContextVar("placements_quiet", default=None)


@contextmanager
def quietly(*, except_for=()):
    """Record without telling anyone: inside this block the services write (and audit) as
    usual but create no notifications, except to the people in ``except_for``. For loading
    past terms (the demo data, an import from the previous system), where telling hundreds of
    people about last year's applications would be noise."""
    token = _QUIET.set(frozenset(u.pk for u in except_for if u is not None))
    try:
        yield
    finally:
        _QUIET.reset(token)


def tell(**kwargs):
    """:func:`jalinan.core.notifications.notify`, unless inside :func:`quietly` (and the
    recipient is not one of its exceptions): then nothing, and None."""
    quiet = _QUIET.get()
    if quiet is not None and getattr(kwargs.get("recipient"), "pk", None) not in quiet:
        return None
    return notify(**kwargs)


def tell_all(users, **kwargs) -> int:
    """:func:`tell` each of ``users``; how many were told."""
    return sum(1 for u in users if tell(recipient=u, **kwargs) is not None)
