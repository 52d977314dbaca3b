"""Writes of single sign-on: the person behind a university sign-in, the identity provider
configuration and the identity mappings. Every write is audited."""

from __future__ import annotations

from django.db import transaction

from jalinan.accounts.mapping import role_table, roles_for, unit_for
from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create, user_set_roles, user_update
from jalinan.core.audit import audit_log, diff, snapshot

from .errors import SignInRefused
from .identity import Identity
from .models import IdentityProvider

SECRET_FIELDS = ("client_secret",)


@transaction.atomic
def person_sign_in(*, identity: Identity, user: User | None = None) -> User:
    """The account of the person the identity provider vouches for, created on the first
    sign-in with the roles and unit the mappings give, brought up to date on the next ones: the
    unit follows the department code, and of the roles only those the mappings can give are
    replaced (roles given by hand, such as committee or OIL officer, stay). ``user`` is the
    account already linked to this university identity, if any; otherwise the e-mail address
    finds it. Refuses (:class:`SignInRefused`) a deactivated account, an identity without an
    e-mail address, and a new person whose affiliation gives no role."""
    if not identity.email:
        raise SignInRefused("no_email")
    if user is None:
        user = User.objects.filter(email__iexact=identity.email).first()
    table = role_table()
    given = roles_for(identity.affiliations, table)
    unit = unit_for(identity.department) if identity.department else None
    if user is None:
        if not given:
            raise SignInRefused("no_role", ", ".join(identity.affiliations))
        return user_create(
            email=identity.email,
            full_name=identity.name or identity.email.partition("@")[0],
            roles=sorted(given),
            unit=unit,
            staff_id=identity.staff_id,
        )
    if not user.is_active:
        raise SignInRefused("inactive", user.email)
    fields: dict = {}
    if identity.name and identity.name != user.full_name:
        fields["full_name"] = identity.name
    if unit is not None and unit.pk != user.unit_id:
        fields["unit"] = unit
    if identity.staff_id and identity.staff_id != user.staff_id:
        fields["staff_id"] = identity.staff_id
    if fields:
        user_update(user=user, by=None, **fields)
    mappable = set().union(*table.values()) if table else set()
    current = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    wanted = (current - mappable) | given
    if wanted != current:
        user_set_roles(user=user, roles=sorted(wanted), by=None)
    return user


def masked_secret(secret: str) -> str:
    """A secret as the page and the audit log show it: never in full (its last four
    characters only when it is long enough for them to give nothing away)."""
    if not secret:
        return ""
    return "••••••" + (secret[-4:] if len(secret) >= 12 else "")


def _masked(values: dict) -> dict:
    return {k: masked_secret(v) if k in SECRET_FIELDS else v for k, v in values.items()}


@transaction.atomic
def identity_provider_save(*, protocol: str, by, **fields) -> IdentityProvider:
    """Store the page's configuration of one protocol. An empty ``client_secret`` keeps the
    stored one (the page never shows it back). The audit row masks the secret."""
    row = IdentityProvider.objects.filter(protocol=protocol).first()
    before = snapshot(row) if row else {}
    if row is None:
        row = IdentityProvider(protocol=protocol)
    if not fields.get("client_secret"):
        fields.pop("client_secret", None)
    for k, v in fields.items():
        setattr(row, k, v)
    row.full_clean()
    row.save()
    changes = diff(_masked(before), _masked(snapshot(row)))
    if changes:
        audit_log(actor=by, action="update" if before else "create", obj=row, changes=changes)
    return row
