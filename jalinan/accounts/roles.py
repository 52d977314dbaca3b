"""Roles are groups. A user may hold several (an academic on the committee, say)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OIL_ADMIN = "oil_admin", _("OIL administrator")
    OIL_OFFICER = "oil_officer", _("OIL officer")
    COORDINATOR = "coordinator", _("KCDIO coordinator")
    ACADEMIC = "academic", _("Academic staff")
    STUDENT = "student", _("Student")
    PARTNER = "partner", _("Industry partner user")
    COMMITTEE = "committee", _("Committee member (MCOM)")
    MANAGEMENT = "management", _("Management")
    LEGAL = "legal", _("Legal adviser")
    IP_COMMITTEE = "ip_committee", _("IP committee member")


OIL_ROLES = frozenset({Role.OIL_ADMIN, Role.OIL_OFFICER})
STAFF_ROLES = frozenset(
    {
        Role.OIL_ADMIN,
        Role.OIL_OFFICER,
        Role.COORDINATOR,
        Role.ACADEMIC,
        Role.COMMITTEE,
        Role.MANAGEMENT,
        Role.LEGAL,
        Role.IP_COMMITTEE,
    }
)
# Roles that only an OIL administrator grants or removes (officers invite with the others).
PRIVILEGED_ROLES = frozenset(
    {
        Role.OIL_ADMIN,
        Role.OIL_OFFICER,
        Role.LEGAL,
        Role.COMMITTEE,
        Role.IP_COMMITTEE,
        Role.MANAGEMENT,
    }
)
# Roles that must sign in with a second factor (with every superuser and admin-site user) when
# JALINAN_REQUIRE_MFA is on.
MFA_ROLES = frozenset(
    {Role.OIL_ADMIN, Role.OIL_OFFICER, Role.LEGAL, Role.IP_COMMITTEE, Role.MANAGEMENT}
)


def is_signed_in(user) -> bool:
    """A signed-in, active account (not an anonymous visitor nor a deactivated account)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def user_roles(user) -> frozenset[str]:
    """The role keys of ``user``, read once per request and kept on the user object."""
    if not is_signed_in(user):
        return frozenset()
    cached = getattr(user, "_jalinan_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & set(Role.values)
        if user.is_superuser:
            cached = cached | {Role.OIL_ADMIN}
        user._jalinan_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def is_oil(user) -> bool:
    """OIL admins and officers run the office and see everything it holds."""
    return has_role(user, *OIL_ROLES)


def is_oil_admin(user) -> bool:
    return has_role(user, Role.OIL_ADMIN)


def is_staff_member(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def is_academic(user) -> bool:
    return has_role(user, Role.ACADEMIC)


def is_partner_user(user) -> bool:
    """An approved partner user attached to an organisation."""
    return (
        has_role(user, Role.PARTNER)
        and getattr(user, "organisation_id", None) is not None
        and user.approval_status == "approved"
    )


def unit_ids(user) -> set[int]:
    """The ids of the user's KCDIO unit and of every unit below it (none without a unit): the
    units a coordinator answers for. Read once per request and kept on the user object."""
    cached = getattr(user, "_jalinan_unit_ids", None)
    if cached is None:
        cached = user.unit.descendant_ids() if getattr(user, "unit_id", None) else set()
        user._jalinan_unit_ids = cached
    return cached


def needs_mfa(user) -> bool:
    """Whether ``user`` must sign in with two-factor authentication when it is enforced."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or has_role(user, *MFA_ROLES)


def invitable_roles(user) -> frozenset[str]:
    """The roles ``user`` may invite a person with: an OIL admin any; an OIL officer those that
    are not privileged; a coordinator academics and students; nobody else any."""
    if is_oil_admin(user):
        return frozenset(Role.values)
    if is_oil(user):
        return frozenset(Role.values) - PRIVILEGED_ROLES
    if has_role(user, Role.COORDINATOR):
        return frozenset({Role.ACADEMIC, Role.STUDENT})
    return frozenset()


def role_change_refusal(by, user):
    """Why ``by`` may not change the roles of ``user`` (None if they may): only an OIL
    administrator changes roles, and nobody their own."""
    if by.pk == user.pk:
        return _("You cannot change your own roles: another OIL administrator must.")
    if not is_oil_admin(by):
        return _("Only an OIL administrator can change roles.")
    return None
