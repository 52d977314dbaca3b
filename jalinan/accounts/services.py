"""Writes about people: creating users, giving roles, units. Every write is audited."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from jalinan.core.audit import audit_log, diff, snapshot

from .models import Unit, User
from .roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    roles: list[str] | tuple[str, ...] = (),
    by=None,
    **fields,
) -> User:
    """Create a person with the given roles. ``password=None`` leaves it unusable."""
    user = User(email=email.strip().lower(), full_name=full_name, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles, by=by, audit=False)
    audit_log(actor=by, action="create", obj=user,
              changes={"roles": [None, sorted(roles)], **diff({}, snapshot(user))})
    return user


def user_set_roles(*, user: User, roles, by=None, audit: bool = True) -> User:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    before = sorted(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    keep = user.groups.exclude(name__in=Role.values)
    user.groups.set(list(keep) + list(Group.objects.filter(name__in=roles)))
    user._jalinan_roles = None
    if audit and before != sorted(roles):
        audit_log(actor=by, action="update", obj=user, changes={"roles": [before, sorted(roles)]})
    return user


def user_update(*, user: User, by, **fields) -> User:
    before = snapshot(user)
    for k, v in fields.items():
        setattr(user, k, v)
    user.full_clean()
    user.save()
    changes = diff(before, snapshot(user))
    if changes:
        audit_log(actor=by, action="update", obj=user, changes=changes)
    return user


def unit_create(*, by, **fields) -> Unit:
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    audit_log(actor=by, action="create", obj=unit, changes=diff({}, snapshot(unit)))
    return unit


def unit_update(*, unit: Unit, by, **fields) -> Unit:
    before = snapshot(unit)
    for k, v in fields.items():
        setattr(unit, k, v)
    if unit.parent_id and unit.pk in (unit.parent.descendant_ids() if unit.parent else set()):
        from django.core.exceptions import ValidationError

        raise ValidationError({"parent": "A unit cannot sit below itself."})
    unit.full_clean()
    unit.save()
    changes = diff(before, snapshot(unit))
    if changes:
        audit_log(actor=by, action="update", obj=unit, changes=changes)
    return unit
