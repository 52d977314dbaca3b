"""What the projects app gives the dashboards and reports (see :mod:`jalinan.reports.registry`):
projects running and new in the period, funding (cash and in kind) by year, income received by
year, and the same by KCDIO. A project counts under its KCDIO (``unit``); funding under the
year it is for; income under the day it was received."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_unit,
    count_each_year,
    count_rows,
    count_series,
    in_choice_order,
    year_series,
)
from jalinan.reports.registry import Dataset, ReportSection, Series, Stat, Table

from .choices import ProjectKind
from .selectors import active_in_year_q, funding_for, income_for, projects_for

ZERO = Decimal("0")


def _projects(scope):
    return projects_for(scope.user).filter(scope.unit_q("unit_id"))


def _running(scope):
    """Projects running at some time in the years asked for."""
    return _projects(scope).filter(start_date__lte=scope.end).exclude(end_date__lt=scope.start)


def _new(scope):
    """Projects that started in the years asked for."""
    return _projects(scope).filter(scope.in_years("start_date"))


def _income(scope):
    return income_for(scope.user).filter(scope.unit_q("project__unit_id"))


def _funding(scope):
    return funding_for(scope.user).filter(scope.unit_q("project__unit_id"))


# -- figures -----------------------------------------------------------------------------------


def _running_by_unit(scope) -> dict[int | None, int]:
    """Projects running in the period per (unreduced) unit: one query."""
    return scope.once("projects.running_by_unit", lambda: count_by_unit(_running(scope)))


def active_projects(scope) -> int:
    return sum(_running_by_unit(scope).values())


def new_by_kind(scope) -> dict[str, int]:
    return scope.once(
        "projects.new_by_kind",
        lambda: dict(count_rows(_new(scope), "kind")),
    )


def _first_year(scope) -> int:
    return min(scope.trend_years[0], scope.year_from)


def _funding_rows(scope) -> list[tuple]:
    """``(year, unit id, cash, in kind)`` over the trend years and the years asked for: one
    query, shared by the figures, the charts by year and by KCDIO."""
    return scope.once(
        "projects.funding_rows",
        lambda: list(
            _funding(scope)
            .filter(year__gte=_first_year(scope), year__lte=scope.year_to)
            .values_list("year", "project__unit_id")
            .annotate(c=Sum("cash"), k=Sum("in_kind"))
            .order_by()
        ),
    )


def _income_rows(scope) -> list[tuple]:
    """``(year, unit id, RM)``, as :func:`_funding_rows`."""
    return scope.once(
        "projects.income_rows",
        lambda: list(
            _income(scope)
            .filter(received_on__year__gte=_first_year(scope), received_on__year__lte=scope.year_to)
            .annotate(y=ExtractYear("received_on"))
            .values_list("y", "project__unit_id")
            .annotate(t=Sum("amount"))
            .order_by()
        ),
    )


def funding_by_year(scope) -> dict[int, dict]:
    """``{year: {"cash": RM, "in_kind": RM}}`` over the trend years and the years asked for."""
    out: dict[int, dict] = {}
    for year, _unit, cash, in_kind in _funding_rows(scope):
        row = out.setdefault(year, {"cash": ZERO, "in_kind": ZERO})
        row["cash"] += cash or ZERO
        row["in_kind"] += in_kind or ZERO
    return out


def income_by_year(scope) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for year, _unit, total in _income_rows(scope):
        out[year] = out.get(year, ZERO) + (total or ZERO)
    return out


def funding_cash(scope) -> Decimal:
    rows = funding_by_year(scope)
    return sum((rows.get(y, {}).get("cash", ZERO) for y in scope.years), ZERO)


def funding_in_kind(scope) -> Decimal:
    rows = funding_by_year(scope)
    return sum((rows.get(y, {}).get("in_kind", ZERO) for y in scope.years), ZERO)


def income_in_years(scope) -> Decimal:
    rows = income_by_year(scope)
    return sum((rows.get(y, ZERO) for y in scope.years), ZERO)


def _list_link(scope) -> str:
    url = reverse("projects:project_list")
    params = [f"year={scope.year_to}"] if scope.year_from == scope.year_to else []
    if scope.unit_id:
        params.append(f"unit={scope.unit_id}")
    return url + ("?" + "&".join(params) if params else "")


# -- charts ------------------------------------------------------------------------------------


def new_by_kind_chart(scope) -> Series:
    return count_series(
        in_choice_order(new_by_kind(scope), ProjectKind),
        label=_("New projects"),
        x_label=_("Kind"),
    )


def funding_chart(scope) -> Series:
    rows = funding_by_year(scope)
    return year_series(
        scope,
        [
            (_("Cash (RM)"), {y: r["cash"] for y, r in rows.items()}),
            (_("In kind (RM)"), {y: r["in_kind"] for y, r in rows.items()}),
        ],
        unit="rm",
        missing=ZERO,
    )


def income_chart(scope) -> Series:
    return year_series(scope, [(_("Income (RM)"), income_by_year(scope))], unit="rm", missing=ZERO)


def by_unit(scope) -> dict[int | None, dict]:
    """Per reporting KCDIO: projects running, funding (cash, in kind) and income in the
    period."""

    def compute():
        years = set(scope.years)
        running = scope.roll_up(_running_by_unit(scope))
        money = [r for r in _funding_rows(scope) if r[0] in years]
        cash: dict = {}
        in_kind: dict = {}
        for _y, unit, c, k in money:
            cash[unit] = cash.get(unit, ZERO) + (c or ZERO)
            in_kind[unit] = in_kind.get(unit, ZERO) + (k or ZERO)
        cash, in_kind = scope.roll_up(cash), scope.roll_up(in_kind)
        received: dict = {}
        for y, unit, t in _income_rows(scope):
            if y in years:
                received[unit] = received.get(unit, ZERO) + (t or ZERO)
        income = scope.roll_up(received)
        units = set(running) | set(cash) | set(in_kind) | set(income)
        return {
            u: {
                "projects": running.get(u, 0),
                "cash": cash.get(u, 0) or ZERO,
                "in_kind": in_kind.get(u, 0) or ZERO,
                "income": income.get(u, 0) or ZERO,
            }
            for u in units
        }

    return scope.once("projects.by_unit", compute)


def _units_ordered(scope, rows):
    return sorted(rows, key=lambda u: (-rows[u]["projects"], scope.unit_name(u)))


def by_unit_chart(scope) -> Series:
    rows = by_unit(scope)
    return count_series(
        [(u, rows[u]["projects"]) for u in _units_ordered(scope, rows)],
        label=_("Projects running"),
        x_label=_("KCDIO"),
        label_of=scope.unit_name,
    )


def money_by_unit_chart(scope) -> Series:
    rows = by_unit(scope)
    units = sorted(
        rows, key=lambda u: (-(rows[u]["cash"] + rows[u]["in_kind"]), scope.unit_name(u))
    )
    return Series(
        labels=[scope.unit_name(u) for u in units],
        datasets=[
            Dataset(_("Funding in cash (RM)"), [rows[u]["cash"] for u in units]),
            Dataset(_("Funding in kind (RM)"), [rows[u]["in_kind"] for u in units]),
            Dataset(_("Income received (RM)"), [rows[u]["income"] for u in units]),
        ],
        x_label=_("KCDIO"),
        unit="rm",
    )


def projects_per_year(scope) -> dict[int, int]:
    """Projects running in each trend year (one query)."""
    return count_each_year(scope, _projects(scope), active_in_year_q)


# -- the report --------------------------------------------------------------------------------


def report_section(scope) -> ReportSection:
    new = new_by_kind(scope)
    rows = by_unit(scope)
    listed = list(
        _running(scope)
        .select_related("lead")
        .prefetch_related("organisations")
        .order_by("start_date", "pk")
    )
    return ReportSection(
        stats=[
            Stat(_("Projects running"), active_projects(scope)),
            Stat(_("New projects"), sum(new.values())),
            Stat(_("Funding in cash (RM)"), funding_cash(scope), unit="rm"),
            Stat(_("Funding in kind (RM)"), funding_in_kind(scope), unit="rm"),
            Stat(_("Income received (RM)"), income_in_years(scope), unit="rm"),
        ],
        tables=[
            Table(
                _("New projects by kind"),
                [_("Kind"), _("Projects")],
                [[k.label, new.get(k.value, 0)] for k in ProjectKind],
            ),
            Table(
                _("Projects by KCDIO"),
                [
                    _("KCDIO"),
                    _("Projects running"),
                    _("Funding in cash (RM)"),
                    _("Funding in kind (RM)"),
                    _("Income received (RM)"),
                ],
                [
                    [
                        scope.unit_name(u),
                        rows[u]["projects"],
                        rows[u]["cash"],
                        rows[u]["in_kind"],
                        rows[u]["income"],
                    ]
                    for u in _units_ordered(scope, rows)
                ],
            ),
        ],
        lists=[
            Table(
                _("Projects running in the period"),
                [_("Reference"), _("Project"), _("Kind"), _("Leader"), _("KCDIO"), _("Partners")],
                [
                    [
                        p.reference,
                        p.title,
                        p.get_kind_display(),
                        p.lead.display_name,
                        scope.unit_name(p.unit_id) if p.unit_id else "",
                        "; ".join(o.legal_name for o in p.organisations.all()),
                    ]
                    for p in listed
                ],
                links=[p.get_absolute_url() for p in listed],
            )
        ],
    )


def income_report(scope) -> ReportSection:
    rows = list(
        _income(scope)
        .filter(scope.in_years("received_on"))
        .values_list("payer__legal_name")
        .annotate(t=Sum("amount"))
        .order_by("-t")
    )
    return ReportSection(
        stats=[Stat(_("Income received from projects (RM)"), income_in_years(scope), unit="rm")],
        tables=[
            Table(
                _("Project income by payer"),
                [_("Payer"), _("RM")],
                [[name or str(_("Not named")), total] for name, total in rows],
            )
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

PROJECTS = SdgRecords(
    _running,
    partners="organisations",
    describe=str,
    date=lambda p: p.start_date,
    period=lambda p: (
        f"{p.start_date:%d %b %Y} – {p.end_date:%d %b %Y}" if p.start_date and p.end_date else ""
    ),
    order_by=("start_date", "pk"),
)


# -- registration ------------------------------------------------------------------------------


def register():
    kpis = AppKpis("projects", ministry_category="projects")
    kpis.figure(
        "running",
        _("Projects running"),
        active_projects,
        headline=True,
        link=_list_link,
        trend=projects_per_year,
        trend_order=40,
    )
    kpis.figure("new", _("New projects"), lambda scope: sum(new_by_kind(scope).values()))
    kpis.figure("funding_cash", _("Project funding in cash (RM)"), funding_cash, unit="rm")
    kpis.figure("funding_in_kind", _("Project funding in kind (RM)"), funding_in_kind, unit="rm")
    kpis.chart("new_by_kind", _("New projects by kind"), new_by_kind_chart, "doughnut")
    kpis.chart("funding_by_year", _("Project funding by year"), funding_chart, "stacked")
    kpis.chart("by_unit", _("Projects running by KCDIO"), by_unit_chart, "hbar")
    kpis.chart(
        "money_by_unit", _("Project funding and income by KCDIO"), money_by_unit_chart, "hbar"
    )
    kpis.report("projects", _("Collaborative and contract research"), report_section)
    kpis.sdg_records("projects", _("Projects"), PROJECTS, order=30)
    income = AppKpis("projects", section="income", ministry_category="income")
    income.figure(
        "income",
        _("Income received from projects (RM)"),
        income_in_years,
        unit="rm",
        headline=True,
        trend=lambda scope: {y: income_by_year(scope).get(y, ZERO) for y in scope.trend_years},
        trend_order=50,
    )
    income.chart("income_by_year", _("Income received from projects by year"), income_chart)
    income.report("income", _("Income received from projects"), income_report)
