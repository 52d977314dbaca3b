"""Where each app registers what the dashboards and reports count. Reports knows no domain app.

An app with something to count writes a ``kpis.py`` module with a ``register()`` function.
When Django starts, the reports app imports ``<app>.kpis`` for every installed app and calls
its ``register()`` (importing the module registers nothing), so nothing else needs editing: no
URL, template or settings change, and no change to this app. In ``register()`` the app
registers, with the functions below:

- **figures** (:func:`register_figure`): one number each (a count, RM or a percentage), shown
  as a card on the dashboard, in the reports' summaries and, with ``headline=True``, on *My
  work* and in the monthly e-mail to management;
- **charts** (:func:`register_chart`): a :class:`Series` (labels and one or more datasets),
  drawn with Chart.js beside a data table made from the same series, with a CSV download;
  ``kind="matrix"`` draws only the table, shaded as a heat map;
- **trends** (:func:`register_trend`): ``{year: value}`` over the scope's five years, drawn
  together in the *Five-year trends* chart and table;
- **report parts** (:func:`register_report_section`): a :class:`ReportSection` (figures,
  summary tables, and the lists of records behind them, gathered in an appendix) for the
  annual industry-linkage report and/or the unit report, filed under one of the ministry's
  categories (:data:`MINISTRY_CATEGORIES`);
- **SDG sources** (:func:`register_sdg_source`): for a record type that carries SDG tags, its
  accepted goals by KCDIO and by partner sector (the coverage matrices) and, per goal, the
  records with their evidence (the THE Impact Rankings evidence pack).

Every function receives a :class:`Scope`: the years asked for, the KCDIO units (a unit and every
unit below it; ``None`` for the whole university), the viewing user and today's date. Start from
your own selector (``x_for(scope.user)``) so that nothing is counted the viewer may not see (a
figure may count more, as an aggregate, but a list of records shows only those the reader may
open, with :func:`not_shown` as the table's note for the rest), narrow it with
``scope.unit_q("<path to the unit id>")`` and ``scope.in_years("<date field>")``, and aggregate
in the database: a figure costs one query whatever the data's size (share one query between
several figures with ``scope.once(key, fn)``). A section of the dashboard appears as soon as one
figure or chart is registered in it.

The counting every app shares is in :mod:`jalinan.reports.kpi_helpers` (per-year counts,
counts by KCDIO, the charts drawn from them, the sector label, the SDG counts and evidence)
and so is :class:`~jalinan.reports.kpi_helpers.AppKpis`, which registers with the functions
below. A complete example, as the projects app might write it (``jalinan/projects/kpis.py``)::

    from django.utils.translation import gettext_lazy as _

    from jalinan.reports.kpi_helpers import AppKpis, SdgRecords, count_by_year, year_series
    from jalinan.reports.registry import ReportSection, Stat

    from .selectors import income_for, projects_for  # what this user may see


    def _income(scope):
        return income_for(scope.user).filter(scope.unit_q("project__unit_id"))


    def _by_year(scope):  # one query, shared by the figure, the chart and the trend
        return scope.once("projects.income_by_year",
                          lambda: count_by_year(scope, _income(scope), "received_on",
                                                total="amount"))


    def income_in_years(scope):
        return sum(_by_year(scope).get(y, 0) for y in scope.years)


    def income_chart(scope):
        return year_series(scope, [(_("Income (RM)"), _by_year(scope))], unit="rm")


    def income_report(scope):
        return ReportSection(
            stats=[Stat(_("Industry income (RM)"), income_in_years(scope), unit="rm")],
            tables=[],  # summary tables
            lists=[],  # the records behind the figures, for the appendix
        )


    PROJECTS = SdgRecords(  # a record type that carries SDG tags
        lambda scope: projects_for(scope.user).filter(scope.unit_q("unit_id")),
        describe=str,
        partners="organisations",  # the path to its partner organisations
        date=lambda p: p.start_date,
    )


    def register():
        kpis = AppKpis("projects", section="income", ministry_category="income")
        kpis.figure("income", _("Industry income (RM)"), income_in_years, unit="rm",
                    headline=True, trend=_by_year, trend_order=50)
        kpis.chart("income_by_year", _("Industry income by year"), income_chart)
        kpis.report("income", _("Industry income"), income_report)
        kpis.sdg_records("projects", _("Projects"), PROJECTS, order=30)

Keys are ``<app>.<name>``; registering a key again replaces the entry (so calling
``register()`` twice does no harm). Labels are lazy translations. Compute functions return
plain numbers, ``None`` when the figure does not apply (shown as "—"), or the dataclasses
below.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UNITS = ("count", "rm", "percent")
CHART_KINDS = ("bar", "hbar", "stacked", "line", "doughnut", "matrix")
REPORT_KINDS = ("annual", "unit")

# The ministry's categories, in the order the annual report gives them.
MINISTRY_CATEGORIES: dict[str, Any] = {
    "memoranda": _("Memoranda with industry (MoU, MoA and other agreements)"),
    "partners": _("Industry partners"),
    "engagement": _("Industry engagement activities"),
    "placements": _("Student placements and graduate employability"),
    "income": _("Industry income"),
    "projects": _("Collaborative and contract research"),
    "ip": _("Intellectual property and commercialisation"),
    "sdgs": _("Sustainable Development Goals"),
}


# -- what compute functions receive ------------------------------------------------------------


@dataclass
class Scope:
    """What a dashboard or report covers and for whom.

    ``unit_ids`` are the ids of the unit asked for and every unit below it (``None``: the
    whole university, records without a unit included); ``unit_id`` is the unit asked for.
    """

    user: Any
    year_from: int
    year_to: int
    unit_ids: frozenset[int] | None = None
    unit_id: int | None = None
    today: datetime.date = field(default_factory=timezone.localdate)
    trend_length: int = 5
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year_from, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year_to, 12, 31)

    @property
    def as_of(self) -> datetime.date:
        """The day stock figures ("in force") are counted on: the end of the last year asked
        for, or today while that year runs."""
        return min(self.end, self.today)

    @property
    def is_current(self) -> bool:
        return self.start <= self.today <= self.end

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def trend_years(self) -> list[int]:
        return list(range(self.year_to - self.trend_length + 1, self.year_to + 1))

    def year_end(self, year: int) -> datetime.date:
        """The day a year's stock figures are counted on (today for the running year)."""
        return min(datetime.date(year, 12, 31), self.today)

    def in_years(self, date_field: str) -> Q:
        """Records whose ``date_field`` falls in the years asked for."""
        return Q(**{f"{date_field}__gte": self.start, f"{date_field}__lte": self.end})

    def unit_q(self, unit_field: str) -> Q:
        """Records whose ``unit_field`` (a path to a unit id) lies in the scope's units."""
        if self.unit_ids is None:
            return Q()
        return Q(**{f"{unit_field}__in": sorted(self.unit_ids)})

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``'s result, computed once per scope (share a query among figures)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    # -- the KCDIO tree, for labels and roll-ups ------------------------------------------------

    def units(self) -> dict[int, dict]:
        def load():
            from jalinan.accounts.selectors import unit_tree

            return unit_tree()

        return self.once("reports.unit_tree", load)

    def unit_name(self, unit_id: int | None) -> str:
        from django.utils.translation import get_language

        row = self.units().get(unit_id) if unit_id is not None else None
        if row is None:
            return str(_("No KCDIO"))
        return row["name_ms"] if get_language() == "ms" and row["name_ms"] else row["name"]

    def reporting_unit(self, unit_id: int | None) -> int | None:
        """The unit a record of ``unit_id`` is counted under: the top-level KCDIO for the
        whole university, or the unit directly below the unit asked for (or that unit)."""
        if unit_id is None:
            return None
        tree = self.units()
        chain, current = [], unit_id
        while current is not None and current not in chain and current in tree:
            chain.append(current)
            current = tree[current]["parent_id"]
        if not chain:
            return unit_id
        if self.unit_id is None:
            return chain[-1]
        if self.unit_id in chain:
            at = chain.index(self.unit_id)
            return chain[at - 1] if at > 0 else self.unit_id
        return chain[-1]

    def roll_up(self, by_unit: Mapping[int | None, Any]) -> dict[int | None, Any]:
        """``{unit id: value}`` summed at the reporting level (see :meth:`reporting_unit`)."""
        out: dict[int | None, Any] = {}
        for unit_id, value in by_unit.items():
            key = self.reporting_unit(unit_id)
            out[key] = out.get(key, 0) + (value or 0)
        return out


# -- what compute functions return -------------------------------------------------------------


Number = int | float | Decimal


@dataclass
class Dataset:
    label: Any
    values: list[Number | None]
    # One colour for the dataset, or one per label (e.g. the SDGs' own colours).
    colour: str | list[str] | None = None


@dataclass
class Series:
    """What a chart draws and its table shows: ``labels`` along one axis, one value per label
    in each dataset."""

    labels: list[Any]
    datasets: list[Dataset]
    x_label: Any = ""
    unit: str = "count"
    # Shorter labels for the drawing's axis (e.g. "SDG 9"); the table keeps ``labels``.
    short_labels: list[Any] | None = None

    def table(self, title: Any = "") -> Table:
        headers = [self.x_label or _("Item"), *[d.label for d in self.datasets]]
        rows = [
            [label, *[d.values[i] if i < len(d.values) else None for d in self.datasets]]
            for i, label in enumerate(self.labels)
        ]
        return Table(title=title, headers=headers, rows=rows)

    def is_empty(self) -> bool:
        return not self.labels or all(not v for d in self.datasets for v in d.values)


@dataclass
class Table:
    """A table of a report or a chart: the first column labels the rows."""

    title: Any
    headers: list[Any]
    rows: list[list[Any]]
    note: Any = ""
    # One page per row (its path, e.g. ``obj.get_absolute_url()``): the first cell links to
    # it on the page and in the PDF; CSV and XLSX get its full address as a last column.
    links: list[str] | None = None

    def flat(self) -> tuple[list[Any], list[list[Any]]]:
        """Headers and rows for a spreadsheet, the links as a last column."""
        if not self.links:
            return list(self.headers), self.rows
        from django.conf import settings
        from django.utils.translation import gettext as _

        site = settings.JALINAN_SITE_URL.rstrip("/")
        return [*self.headers, _("Link")], [
            [*row, site + link if link.startswith("/") else link]
            for row, link in zip(self.rows, self.links, strict=False)
        ]

    def linked_rows(self) -> list[tuple[list[Any], str]]:
        links = self.links or []
        return [(row, links[i] if i < len(links) else "") for i, row in enumerate(self.rows)]

    def unbroken_columns(self) -> set[int]:
        """Columns of numbers or dates, which print on one line."""
        out = set()
        for i in range(len(self.headers)):
            values = [r[i] for r in self.rows if i < len(r) and r[i] not in (None, "")]
            if values and all(
                isinstance(v, (int, float, Decimal, datetime.date)) and not isinstance(v, bool)
                for v in values
            ):
                out.add(i)
        return out

    def numeric_columns(self) -> set[int]:
        out = set()
        for i in range(len(self.headers)):
            values = [r[i] for r in self.rows if i < len(r) and r[i] not in (None, "")]
            if values and all(
                isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in values
            ):
                out.add(i)
        return out


@dataclass
class Stat:
    label: Any
    value: Number | None
    unit: str = "count"


def not_shown(hidden: int) -> str:
    """The note under a list that left out records its reader may not open (their number
    only: never their titles, partners or numbers), or "" when none was left out."""
    from django.utils.translation import ngettext

    if hidden <= 0:
        return ""
    return ngettext(
        "%(n)s confidential item not shown.", "%(n)s confidential items not shown.", hidden
    ) % {"n": hidden}


@dataclass
class ReportSection:
    """A part of a report: its figures, its summary tables, and the lists of records behind
    them (which the reports gather in an appendix, after every part's figures)."""

    stats: list[Stat] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lists: list[Table] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)


@dataclass
class Evidence:
    """One record behind an SDG, for the THE Impact Rankings evidence pack."""

    record: str  # reference and title, as people know it
    url: str  # path of its page in Jalinan
    date: datetime.date | None  # signed on / held on / published on
    period: str  # e.g. "1 Jan 2024 – 31 Dec 2026", or ""
    partners: list[str]
    unit: str
    # The accepted tag, as ``jalinan.sdgs.kpis.accepted_tags`` describes it: who accepted it
    # and when, whether the classifier suggested it (and how confident it was), and the
    # targets and terms that made the suggestion.
    tag: Mapping[str, Any] = field(default_factory=dict)


# -- the registry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    label: Any
    order: int = 100
    visible: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Figure:
    key: str
    label: Any
    section: str
    compute: Callable[[Scope], Number | None]
    unit: str = "count"
    ministry_category: str = ""
    headline: bool = False
    order: int = 100
    help: Any = ""
    link: Callable[[Scope], str] | None = None


@dataclass(frozen=True)
class Chart:
    key: str
    label: Any
    section: str
    compute: Callable[[Scope], Series]
    kind: str = "bar"
    order: int = 100
    help: Any = ""


@dataclass(frozen=True)
class Trend:
    key: str
    label: Any
    compute: Callable[[Scope], Mapping[int, Number]]
    unit: str = "count"
    order: int = 100


@dataclass(frozen=True)
class ReportPart:
    key: str
    label: Any
    compute: Callable[[Scope], ReportSection]
    ministry_category: str
    reports: tuple[str, ...] = REPORT_KINDS
    order: int = 100


@dataclass(frozen=True)
class SdgSource:
    key: str
    label: Any
    # {unit id or None: {goal: number of records}}; a record counts once per goal.
    by_unit: Callable[[Scope], Mapping[int | None, Mapping[int, int]]]
    # {MSIC section letter or "": {goal: number of records}}; once per partner sector.
    by_sector: Callable[[Scope], Mapping[str, Mapping[int, int]]]
    # The records with an accepted tag for one goal, with their evidence.
    evidence: Callable[[Scope, int], list[Evidence]]
    order: int = 100


_SECTIONS: dict[str, Section] = {}
_FIGURES: dict[str, Figure] = {}
_CHARTS: dict[str, Chart] = {}
_TRENDS: dict[str, Trend] = {}
_PARTS: dict[str, ReportPart] = {}
_SDG_SOURCES: dict[str, SdgSource] = {}


def register_section(
    key: str, *, label, order: int = 100, visible: Callable[[Any], bool] | None = None
) -> Section:
    """A dashboard section; ``visible(user)`` may hide it from some viewers."""
    section = Section(key, label, order, visible)
    _SECTIONS[key] = section
    return section


for _key, _label, _order in [
    ("memoranda", _("Memoranda"), 10),
    ("partners", _("Partners"), 20),
    ("engagements", _("Engagement activities"), 30),
    ("placements", _("Placements and employability"), 40),
    ("income", _("Industry income"), 50),
    ("projects", _("Projects"), 60),
    ("challenges", _("Industry challenges"), 65),
    ("technologies", _("Intellectual property and commercialisation"), 70),
    ("sdgs", _("Sustainable Development Goals"), 80),
    ("trends", _("Five-year trends"), 90),
]:
    register_section(_key, label=_label, order=_order)


def _check(kind_name: str, value: str, allowed) -> None:
    if value not in allowed:
        raise ValueError(f"Unknown {kind_name} {value!r}; use one of {tuple(allowed)}")


def register_figure(
    key: str,
    *,
    label,
    section: str,
    compute: Callable[[Scope], Number | None],
    unit: str = "count",
    ministry_category: str = "",
    headline: bool = False,
    order: int = 100,
    help: Any = "",  # noqa: A002 - the word the pages use
    link: Callable[[Scope], str] | None = None,
) -> Figure:
    """One number. ``link(scope)`` may give the list page behind it."""
    _check("section", section, _SECTIONS)
    _check("unit", unit, UNITS)
    if ministry_category:
        _check("ministry category", ministry_category, MINISTRY_CATEGORIES)
    figure = Figure(
        key, label, section, compute, unit, ministry_category, headline, order, help, link
    )
    _FIGURES[key] = figure
    return figure


def register_chart(
    key: str,
    *,
    label,
    section: str,
    compute: Callable[[Scope], Series],
    kind: str = "bar",
    order: int = 100,
    help: Any = "",  # noqa: A002
) -> Chart:
    """A chart with its table. Kinds: bar, hbar (horizontal), stacked, line, doughnut,
    matrix (a shaded table only)."""
    _check("section", section, _SECTIONS)
    _check("chart kind", kind, CHART_KINDS)
    chart = Chart(key, label, section, compute, kind, order, help)
    _CHARTS[key] = chart
    return chart


def register_trend(
    key: str,
    *,
    label,
    compute: Callable[[Scope], Mapping[int, Number]],
    unit: str = "count",
    order: int = 100,
) -> Trend:
    """One line of the five-year trends: ``compute(scope)`` gives ``{year: value}`` for
    ``scope.trend_years`` (missing years count as 0)."""
    _check("unit", unit, UNITS)
    trend = Trend(key, label, compute, unit, order)
    _TRENDS[key] = trend
    return trend


def register_report_section(
    key: str,
    *,
    label,
    compute: Callable[[Scope], ReportSection],
    ministry_category: str,
    reports: tuple[str, ...] = REPORT_KINDS,
    order: int = 100,
) -> ReportPart:
    """A part of the annual industry-linkage report and/or the unit report."""
    _check("ministry category", ministry_category, MINISTRY_CATEGORIES)
    for kind in reports:
        _check("report", kind, REPORT_KINDS)
    part = ReportPart(key, label, compute, ministry_category, tuple(reports), order)
    _PARTS[key] = part
    return part


def register_sdg_source(
    key: str,
    *,
    label,
    by_unit: Callable[[Scope], Mapping[int | None, Mapping[int, int]]],
    by_sector: Callable[[Scope], Mapping[str, Mapping[int, int]]],
    evidence: Callable[[Scope, int], list[Evidence]],
    order: int = 100,
) -> SdgSource:
    """A record type whose accepted SDG tags feed the coverage matrices and the evidence
    pack (``jalinan.sdgs.kpis`` has the helpers that count and describe tags)."""
    source = SdgSource(key, label, by_unit, by_sector, evidence, order)
    _SDG_SOURCES[key] = source
    return source


def _ordered(items):
    return sorted(items, key=lambda i: (i.order, i.key))


def sections() -> list[Section]:
    return _ordered(_SECTIONS.values())


def figures(section: str | None = None, *, headline: bool | None = None) -> list[Figure]:
    out = [f for f in _FIGURES.values() if section is None or f.section == section]
    if headline is not None:
        out = [f for f in out if f.headline == headline]
    order = {s.key: s.order for s in _SECTIONS.values()}
    return sorted(out, key=lambda f: (order.get(f.section, 999), f.order, f.key))


def charts(section: str | None = None) -> list[Chart]:
    return _ordered(c for c in _CHARTS.values() if section is None or c.section == section)


def chart(key: str) -> Chart | None:
    return _CHARTS.get(key)


def trends() -> list[Trend]:
    return _ordered(_TRENDS.values())


def report_parts(report: str) -> list[ReportPart]:
    cats = list(MINISTRY_CATEGORIES)
    return sorted(
        (p for p in _PARTS.values() if report in p.reports),
        key=lambda p: (cats.index(p.ministry_category), p.order, p.key),
    )


def sdg_sources() -> list[SdgSource]:
    return _ordered(_SDG_SOURCES.values())
