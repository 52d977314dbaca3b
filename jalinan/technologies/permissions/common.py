"""The checks every permission module of the app starts from."""

from __future__ import annotations

from jalinan.accounts.roles import Role, has_role, is_oil


def is_ip_staff(user) -> bool:
    """OIL officers and admins, and IP committee members."""
    return is_oil(user) or has_role(user, Role.IP_COMMITTEE)
