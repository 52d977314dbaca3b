"""Reading the identity mappings (:class:`~jalinan.accounts.models.IdentityMapping`): which
KCDIO unit a department code stands for and which roles an affiliation gives. Single sign-on
(claims and attributes at each sign-in) and the people sync (HR and student-records exports)
both call these, so a code means the same unit wherever it comes from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .models import IdentityMapping, Unit


def _key(value) -> str:
    return str(value or "").strip().lower()


def unit_table() -> dict[str, Unit | None]:
    """``{code: unit}`` of every mapped code, then every active unit's own code (a mapping
    wins): read once for a whole file."""
    table: dict[str, Unit | None] = {u.code.lower(): u for u in Unit.objects.filter(is_active=True)}
    for m in IdentityMapping.objects.filter(kind=IdentityMapping.Kind.UNIT).select_related("unit"):
        table[m.value] = m.unit
    return table


def role_table() -> dict[str, set[str]]:
    """``{affiliation: roles}`` of every role mapping."""
    table: dict[str, set[str]] = {}
    for value, role in IdentityMapping.objects.filter(kind=IdentityMapping.Kind.ROLE).values_list(
        "value", "role"
    ):
        table.setdefault(value, set()).add(role)
    return table


def unit_for(code, table: Mapping[str, Unit | None] | None = None) -> Unit | None:
    """The unit a department code stands for, or None when nothing maps it."""
    return (table if table is not None else unit_table()).get(_key(code))


def roles_for(affiliations: Iterable, table: dict[str, set[str]] | None = None) -> set[str]:
    """The roles the affiliations give together (an unknown affiliation gives none)."""
    table = table if table is not None else role_table()
    roles: set[str] = set()
    for a in affiliations:
        roles |= table.get(_key(a), set())
    return roles
