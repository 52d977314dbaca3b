"""The dashboard for one scope: every registered section, figure and chart, evaluated.

Each chart's table and drawing come from the same :class:`~.registry.Series`; the drawing gets
it as JSON (``payload``), which the page embeds with ``json_script`` and the API returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.formats import number_format

from jalinan.accounts.roles import user_roles

from . import registry
from .registry import Chart, Figure, Scope, Section, Series, Table

# Chart colours, distinguishable and readable on white (Okabe–Ito, then Tableau).
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
]


def plain(value):
    """A value JSON and spreadsheets take (decimals as floats)."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def format_value(value, unit: str = "count") -> str:
    if value is None:
        return "—"
    if unit == "percent":
        return f"{number_format(value, 1)}%"
    if unit == "rm":
        return "RM " + number_format(round(value), 0, force_grouping=True)
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, 1, force_grouping=True)
    return number_format(int(value), 0, force_grouping=True)


@dataclass
class FigureView:
    figure: Figure
    value: Any
    display: str
    link: str = ""


@dataclass
class ChartView:
    chart: Chart
    series: Series
    table: Table
    payload: dict

    @property
    def dom_id(self) -> str:
        return "chart-" + self.chart.key.replace(".", "-").replace("_", "-")

    @property
    def data_id(self) -> str:
        return self.dom_id + "-data"

    @property
    def height(self) -> str:
        """The drawing's height: horizontal bars grow with their number."""
        if self.chart.kind == "hbar":
            return f"{max(12.0, min(30.0, 3 + 1.6 * len(self.series.labels))):.1f}rem"
        return "16rem"

    @property
    def is_matrix(self) -> bool:
        return self.chart.kind == "matrix"

    def shaded_rows(self) -> list[list[tuple[Any, str]]]:
        """For a matrix: each cell with its heat-map style (darker for more)."""
        values = [v for row in self.table.rows for v in row[1:] if isinstance(v, (int, float))]
        top = max(values, default=0) or 1
        out = []
        for row in self.table.rows:
            cells = []
            for v in row[1:]:
                share = (v or 0) / top
                if not v:
                    style = ""
                else:
                    text = "#fff" if share > 0.55 else "#111"
                    style = (
                        f"background-color: rgba(0, 95, 115, {0.12 + 0.88 * share:.2f}); "
                        f"color: {text};"
                    )
                cells.append((v, style))
            out.append([row[0], cells])
        return out


@dataclass
class SectionView:
    section: Section
    figures: list[FigureView] = field(default_factory=list)
    charts: list[ChartView] = field(default_factory=list)


def evaluate_figure(figure: Figure, scope: Scope) -> FigureView:
    value = figure.compute(scope)
    link = figure.link(scope) if figure.link else ""
    return FigureView(figure, value, format_value(value, figure.unit), link)


def payload(chart: Chart, series: Series) -> dict:
    multi = len(series.datasets) > 1
    datasets = []
    for i, d in enumerate(series.datasets):
        colour = d.colour
        if colour is None:
            if chart.kind == "doughnut":
                colour = [PALETTE[j % len(PALETTE)] for j in range(len(series.labels))]
            else:
                colour = PALETTE[i % len(PALETTE)] if multi else PALETTE[0]
        datasets.append(
            {"label": str(d.label), "data": [plain(v) for v in d.values], "colour": colour}
        )
    return {
        "key": chart.key,
        "kind": chart.kind,
        "title": str(chart.label),
        "unit": series.unit,
        "x_label": str(series.x_label),
        "labels": [str(label) for label in series.labels],
        "axis_labels": [str(label) for label in (series.short_labels or series.labels)],
        "datasets": datasets,
    }


def evaluate_chart(chart: Chart, scope: Scope) -> ChartView | None:
    series = chart.compute(scope)
    if series is None:
        return None
    return ChartView(chart, series, series.table(chart.label), payload(chart, series))


def _reader_key(scope: Scope) -> str:
    """The cache key of what ``scope`` shows its reader: the reader themselves (their
    visibility), what decides it (roles, unit, organisation), the scope and the language."""
    user = scope.user
    roles = ",".join(sorted(user_roles(user)))
    return ":".join(
        str(part)
        for part in (
            "reports.dashboard",
            user.pk,
            user.is_superuser,
            roles,
            user.unit_id,
            getattr(user, "organisation_id", None),
            scope.year_from,
            scope.year_to,
            scope.unit_id,
            scope.today.isoformat(),
            translation.get_language(),
        )
    )


def _cached(key: str, compute):
    seconds = settings.JALINAN_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return compute()
    hit = cache.get(key)
    if hit is None:
        hit = compute()
        cache.set(key, hit, seconds)
    return hit


def _value(figure: Figure, scope: Scope) -> tuple:
    return figure.compute(scope), figure.link(scope) if figure.link else ""


def computed(scope: Scope) -> dict:
    """Every visible figure's value and link and every chart's series for ``scope``, kept for
    ``JALINAN_DASHBOARD_CACHE_SECONDS`` per reader (0: computed on every request).

    The cache is per reader, so it never shows one person what another may see; ``as_of`` is
    when the figures were counted, which the dashboard states.
    """

    def compute():
        values: dict = {"as_of": timezone.now(), "figures": {}, "charts": {}}
        for section in registry.sections():
            if section.visible is not None and not section.visible(scope.user):
                continue
            for f in registry.figures(section.key):
                values["figures"][f.key] = _value(f, scope)
            for c in registry.charts(section.key):
                values["charts"][c.key] = c.compute(scope)
        return values

    return _cached(_reader_key(scope), compute)


def _figure_view(figure: Figure, value_link: tuple) -> FigureView:
    value, link = value_link
    return FigureView(figure, value, format_value(value, figure.unit), link)


def _chart_view(chart: Chart, series: Series | None) -> ChartView | None:
    if series is None:
        return None
    return ChartView(chart, series, series.table(chart.label), payload(chart, series))


def build(scope: Scope) -> list[SectionView]:
    """Every section with something registered and visible to the viewer, evaluated."""
    values = computed(scope)
    out = []
    for section in registry.sections():
        if section.visible is not None and not section.visible(scope.user):
            continue
        view = SectionView(section)
        view.figures = [
            _figure_view(f, values["figures"][f.key]) for f in registry.figures(section.key)
        ]
        view.charts = [
            c
            for c in (_chart_view(c, values["charts"][c.key]) for c in registry.charts(section.key))
            if c
        ]
        if view.figures or view.charts:
            out.append(view)
    return out


def as_of(scope: Scope):
    """When the figures ``build(scope)`` shows were counted (local time)."""
    return timezone.localtime(computed(scope)["as_of"])


def headlines(scope: Scope) -> list[FigureView]:
    """The headline figures (My work's card), kept like the dashboard's but apart from it, so
    the card does not count the whole dashboard."""
    found = registry.figures(headline=True)
    values = _cached(
        _reader_key(scope) + ":headlines", lambda: {f.key: _value(f, scope) for f in found}
    )
    return [_figure_view(f, values[f.key]) for f in found]
