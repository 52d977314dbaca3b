"""Who may see which dashboards and reports. Views, the API, panels and the monthly e-mail ask
here.

- OIL admins and officers, and management: the whole university, any KCDIO, every report.
- KCDIO coordinators: their unit and the units below it (the dashboard and the unit report).
- Everyone else: nothing (404).
"""

from __future__ import annotations

import datetime

from django.http import Http404
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from .registry import Scope

# Reports other than the unit report cover the whole university.
WHOLE_UNIVERSITY_REPORTS = ("annual", "impact")
FIRST_YEAR = 2000


def reads_whole_university(user) -> bool:
    return is_oil(user) or has_role(user, Role.MANAGEMENT)


def _is_unit_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR) and bool(getattr(user, "unit_id", None))


def can_see_dashboard(user) -> bool:
    return reads_whole_university(user) or _is_unit_coordinator(user)


def can_download(user, report: str) -> bool:
    if report in WHOLE_UNIVERSITY_REPORTS:
        return reads_whole_university(user)
    return report == "unit" and can_see_dashboard(user)


def _descendants(tree: dict[int, dict], unit_id: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, row in tree.items():
        children.setdefault(row["parent_id"], []).append(pk)
    ids, frontier = {unit_id}, [unit_id]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, []) if c not in ids]
        ids.update(frontier)
    return ids


def allowed_unit_ids(user) -> set[int] | None:
    """``None``: any unit (and the whole university); else the units ``user`` may pick (a
    coordinator's: their unit and every unit below it, as in every app)."""
    if reads_whole_university(user):
        return None
    if not _is_unit_coordinator(user):
        return set()
    return unit_ids(user)


def default_unit_id(user) -> int | None:
    return None if reads_whole_university(user) else getattr(user, "unit_id", None)


def scope_for(
    user,
    *,
    year: int | None = None,
    unit_id: int | None = None,
    today=None,
    tree: dict[int, dict] | None = None,
) -> Scope:
    """The scope ``user`` asked for: one year (this year by default) and a unit (with every
    unit below it; a coordinator's own unit by default). 404 when the user may see no
    dashboard, or asks for a year out of range or a unit outside theirs."""
    if not can_see_dashboard(user):
        raise Http404
    today = today or timezone.localdate()
    year = year or today.year
    if not FIRST_YEAR <= year <= today.year + 1:
        raise Http404
    unit_id = unit_id or default_unit_id(user)
    if unit_id is None:
        scope = Scope(user=user, year_from=year, year_to=year, today=today)
        if tree is not None:
            scope._cache["reports.unit_tree"] = tree
        return scope
    if tree is None:
        from jalinan.accounts.selectors import unit_tree

        tree = unit_tree()
    allowed = allowed_unit_ids(user)
    if unit_id not in tree or (allowed is not None and unit_id not in allowed):
        raise Http404
    scope = Scope(
        user=user,
        year_from=year,
        year_to=year,
        unit_ids=frozenset(_descendants(tree, unit_id)),
        unit_id=unit_id,
        today=today,
    )
    scope._cache["reports.unit_tree"] = tree
    return scope


def year_choices(today: datetime.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year, today.year - 10, -1))
