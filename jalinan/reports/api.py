"""The reports part of the REST API, mounted at /api/v1/reports/: the dashboard's figures and
charts as JSON, for the same people and scopes as the page (404 for everyone else)."""

from __future__ import annotations

import datetime

from django.http import Http404
from ninja import Router, Schema

from . import dashboard, registry
from .permissions import scope_for

router = Router(tags=["reports"])


class FigureOut(Schema):
    key: str
    label: str
    section: str
    value: float | None
    unit: str
    display: str
    ministry_category: str


class DatasetOut(Schema):
    label: str
    data: list[float | None]


class ChartOut(Schema):
    key: str
    label: str
    section: str
    kind: str
    unit: str
    x_label: str
    labels: list[str]
    datasets: list[DatasetOut]


class SectionOut(Schema):
    key: str
    label: str
    figures: list[FigureOut]
    charts: list[ChartOut]


class DashboardOut(Schema):
    year: int
    unit_id: int | None
    unit: str
    as_of: datetime.date
    sections: list[SectionOut]


def _figure(view: dashboard.FigureView) -> dict:
    f = view.figure
    return {
        "key": f.key,
        "label": str(f.label),
        "section": f.section,
        "value": dashboard.plain(view.value),
        "unit": f.unit,
        "display": view.display,
        "ministry_category": f.ministry_category,
    }


def _chart(view: dashboard.ChartView) -> dict:
    p = view.payload
    return {
        "key": view.chart.key,
        "label": str(view.chart.label),
        "section": view.chart.section,
        "kind": view.chart.kind,
        "unit": p["unit"],
        "x_label": p["x_label"],
        "labels": p["labels"],
        "datasets": [{"label": d["label"], "data": d["data"]} for d in p["datasets"]],
    }


@router.get("/dashboard", response=DashboardOut)
def get_dashboard(request, year: int | None = None, unit: int | None = None):
    """Every figure and chart of the dashboard for one year (this year by default) and one
    KCDIO with the units below it (a coordinator's own unit by default; OIL and management:
    the whole university)."""
    scope = scope_for(request.user, year=year, unit_id=unit)
    return {
        "year": scope.year_to,
        "unit_id": scope.unit_id,
        "unit": scope.unit_name(scope.unit_id) if scope.unit_id else "",
        "as_of": scope.as_of,
        "sections": [
            {
                "key": s.section.key,
                "label": str(s.section.label),
                "figures": [_figure(f) for f in s.figures],
                "charts": [_chart(c) for c in s.charts],
            }
            for s in dashboard.build(scope)
        ],
    }


@router.get("/charts/{key}", response=ChartOut)
def get_chart(request, key: str, year: int | None = None, unit: int | None = None):
    """One chart's series (the table and the drawing share it)."""
    scope = scope_for(request.user, year=year, unit_id=unit)
    chart = registry.chart(key)
    view = dashboard.evaluate_chart(chart, scope) if chart else None
    if view is None:
        raise Http404
    return _chart(view)
