"""The figures no single app owns, built from what the apps register: the five-year trends and
the SDG coverage (figures, the matrices by KCDIO and by partner sector, and the coverage table
of the reports), summed over every registered SDG source. Each is hidden while nothing it
draws on is registered."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jalinan.sdgs.goals import GOALS

from . import registry
from .kpi_helpers import AppKpis, sector_label
from .registry import Dataset, ReportSection, Series, Stat, Table


def trend_rows(scope, unit: str = "count") -> tuple[list, list[list]]:
    """``(trends, rows)``: the registered trends of one unit and, per year, their values."""
    chosen = [t for t in registry.trends() if t.unit == unit]
    values = [scope.once(f"trend:{t.key}", lambda t=t: dict(t.compute(scope))) for t in chosen]
    rows = [[year, *[v.get(year, 0) or 0 for v in values]] for year in scope.trend_years]
    return chosen, rows


def _trend_chart(scope, unit: str) -> Series | None:
    chosen, rows = trend_rows(scope, unit)
    if not chosen:
        return None
    return Series(
        labels=[str(r[0]) for r in rows],
        datasets=[Dataset(t.label, [r[i + 1] for r in rows]) for i, t in enumerate(chosen)],
        x_label=_("Year"),
        unit=unit,
    )


# -- SDGs ----------------------------------------------------------------------------------


def _sdg(scope, what: str) -> dict[str, dict]:
    """``{source key: its by_unit or by_sector counts}``, once per scope."""
    return {
        s.key: scope.once(f"sdg:{what}:{s.key}", lambda s=s: dict(getattr(s, what)(scope)))
        for s in registry.sdg_sources()
    }


def goal_totals(scope) -> dict[str, dict[int, int]]:
    """``{source key: {goal: records}}``: every record counted once per goal."""
    out = {}
    for key, by_unit in _sdg(scope, "by_unit").items():
        totals: dict[int, int] = {}
        for goals in by_unit.values():
            for goal, n in goals.items():
                totals[goal] = totals.get(goal, 0) + n
        out[key] = totals
    return out


def tagged(scope) -> int | None:
    if not registry.sdg_sources():
        return None
    return sum(sum(t.values()) for t in goal_totals(scope).values())


def goals_covered(scope) -> int | None:
    if not registry.sdg_sources():
        return None
    return len({g for t in goal_totals(scope).values() for g, n in t.items() if n})


def goal_label(goal: int) -> str:
    return f"SDG {goal}: {GOALS[goal].name}"


def by_goal(scope) -> Series | None:
    sources = registry.sdg_sources()
    if not sources:
        return None
    totals = goal_totals(scope)
    return Series(
        labels=[goal_label(g) for g in GOALS],
        datasets=[Dataset(s.label, [totals[s.key].get(g, 0) for g in GOALS]) for s in sources],
        x_label=_("Goal"),
        short_labels=[f"SDG {g}" for g in GOALS],
    )


def _matrix(scope, what: str, label_of, x_label) -> Series | None:
    if not registry.sdg_sources():
        return None
    cells: dict = {}
    for counts in _sdg(scope, what).values():
        if what == "by_unit":
            rolled: dict = {}
            for unit_id, goals in counts.items():
                key = scope.reporting_unit(unit_id)
                for goal, n in goals.items():
                    rolled.setdefault(key, {})
                    rolled[key][goal] = rolled[key].get(goal, 0) + n
            counts = rolled
        for column, goals in counts.items():
            for goal, n in goals.items():
                cells.setdefault(column, {})
                cells[column][goal] = cells[column].get(goal, 0) + n
    columns = sorted(cells, key=lambda c: (-sum(cells[c].values()), label_of(c)))
    return Series(
        labels=[goal_label(g) for g in GOALS],
        datasets=[Dataset(label_of(c), [cells[c].get(g, 0) for g in GOALS]) for c in columns],
        x_label=x_label,
    )


def by_unit_matrix(scope) -> Series | None:
    return _matrix(scope, "by_unit", scope.unit_name, _("Goal × KCDIO"))


def by_sector_matrix(scope) -> Series | None:
    return _matrix(scope, "by_sector", sector_label, _("Goal × partner's sector"))


def sdg_report_section(scope) -> ReportSection:
    sources = registry.sdg_sources()
    totals = goal_totals(scope)
    rows = []
    for goal in GOALS:
        counts = [totals[s.key].get(goal, 0) for s in sources]
        if any(counts):
            rows.append([goal_label(goal), *counts, sum(counts)])
    return ReportSection(
        stats=[
            Stat(_("Accepted SDG tags"), tagged(scope)),
            Stat(_("Goals with at least one record"), goals_covered(scope)),
        ],
        tables=[
            Table(
                _("Records with an accepted SDG tag, by goal"),
                [_("Goal"), *[s.label for s in sources], _("Total")],
                rows,
            )
        ],
        notes=[_("Only tags a person has accepted are counted.")],
    )


def register():
    trends = AppKpis("reports", section="trends")
    trends.chart(
        "trends", _("Five-year trends"), lambda scope: _trend_chart(scope, "count"), "line"
    )
    trends.chart(
        "trends_rm", _("Five-year trends (RM)"), lambda scope: _trend_chart(scope, "rm"), "line"
    )
    kpis = AppKpis("reports", section="sdgs", ministry_category="sdgs")
    kpis.figure(
        "sdg_tags",
        _("Accepted SDG tags"),
        tagged,
        help=_(
            "Tags accepted by a person on the records of the period (a record may carry several)."
        ),
    )
    kpis.figure(
        "sdg_goals",
        _("Goals covered"),
        goals_covered,
        help=_("Goals with at least one record carrying an accepted tag."),
    )
    kpis.chart("sdg_by_goal", _("Records by SDG"), by_goal, "stacked")
    kpis.chart(
        "sdg_by_unit",
        _("SDG coverage by KCDIO"),
        by_unit_matrix,
        "matrix",
        help=_("Records with an accepted tag for each goal, under the KCDIO that leads them."),
    )
    kpis.chart(
        "sdg_by_sector",
        _("SDG coverage by partner's sector"),
        by_sector_matrix,
        "matrix",
        help=_("A record with partners in several sectors counts once in each."),
    )
    kpis.report("sdgs", _("SDG coverage"), sdg_report_section)
