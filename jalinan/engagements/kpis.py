"""What the engagement log gives the dashboards and reports (see
:mod:`jalinan.reports.registry`): activities held in the period (by their date, planned ones
included once their date falls in it), by organising KCDIO."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_unit,
    count_by_year,
    count_series,
    unit_series,
)
from jalinan.reports.registry import Dataset, ReportSection, Series, Stat, Table

from .choices import ActivityType
from .selectors import activities_for


def _activities(scope):
    return activities_for(scope.user).filter(scope.unit_q("unit_id"))


def _in_period(scope):
    return _activities(scope).filter(scope.in_years("date"))


def _headline(scope) -> dict:
    def compute():
        return _in_period(scope).aggregate(
            activities=Count("pk", distinct=True),
            partners=Count("organisations", distinct=True),
            staff=Count("staff", distinct=True),
            students=Count("students", distinct=True),
        )

    return scope.once("engagements.headline", compute)


def _by_month_and_type(scope) -> list[dict]:
    return scope.once(
        "engagements.by_month",
        lambda: list(
            _in_period(scope)
            .annotate(month=TruncMonth("date"))
            .values("month", "activity_type")
            .annotate(n=Count("pk"))
            .order_by("month")
        ),
    )


def _months(scope) -> list[datetime.date]:
    return [datetime.date(y, m, 1) for y in scope.years for m in range(1, 13)]


def _month_key(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def over_time(scope) -> Series:
    rows = _by_month_and_type(scope)
    months = _months(scope)
    counts: dict[str, dict] = {}
    for r in rows:
        counts.setdefault(r["activity_type"], {})[_month_key(r["month"])] = r["n"]
    return Series(
        labels=[formats.date_format(m, "M Y") for m in months],
        datasets=[
            Dataset(t.label, [counts[t.value].get(m, 0) for m in months])
            for t in ActivityType
            if t.value in counts
        ],
        x_label=_("Month"),
    )


def _type_totals(scope) -> dict[str, int]:
    totals: dict[str, int] = {}
    for r in _by_month_and_type(scope):
        totals[r["activity_type"]] = totals.get(r["activity_type"], 0) + r["n"]
    return totals


def by_type(scope) -> Series:
    return count_series(
        sorted(_type_totals(scope).items(), key=lambda kv: -kv[1]),
        label=_("Activities"),
        x_label=_("Type"),
        label_of=lambda t: ActivityType(t).label,
    )


def by_unit(scope) -> Series:
    return unit_series(scope, count_by_unit(_in_period(scope)), label=_("Activities"))


def per_year(scope) -> dict[int, int]:
    return count_by_year(scope, _activities(scope), "date")


def report_section(scope) -> ReportSection:
    head = _headline(scope)
    totals = _type_totals(scope)
    partners_by_type = dict(
        _in_period(scope)
        .values_list("activity_type")
        .annotate(n=Count("organisations", distinct=True))
        .order_by()
    )
    listed = list(_in_period(scope).prefetch_related("organisations").order_by("date", "pk"))
    return ReportSection(
        stats=[
            Stat(_("Engagement activities"), head["activities"]),
            Stat(_("Partner organisations engaged"), head["partners"]),
            Stat(_("Staff involved"), head["staff"]),
            Stat(_("Students involved"), head["students"]),
        ],
        tables=[
            Table(
                _("Engagement activities by type"),
                [_("Type"), _("Activities"), _("Partner organisations")],
                [
                    [t.label, totals[t.value], partners_by_type.get(t.value, 0)]
                    for t in ActivityType
                    if t.value in totals
                ],
            ),
        ],
        lists=[
            Table(
                _("Engagement activities in the period"),
                [_("Date"), _("Activity"), _("Type"), _("KCDIO"), _("Partners")],
                [
                    [
                        a.date,
                        a.title,
                        a.get_activity_type_display(),
                        scope.unit_name(a.unit_id) if a.unit_id else "",
                        "; ".join(o.legal_name for o in a.organisations.all()),
                    ]
                    for a in listed
                ],
                links=[a.get_absolute_url() for a in listed],
            ),
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

ACTIVITIES = SdgRecords(
    _in_period,
    partners="organisations",
    describe=lambda a: f"{a.title} ({a.get_activity_type_display()})",
    date=lambda a: a.date,
    order_by=("date", "pk"),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("engagements", ministry_category="engagement", values=_headline)
    kpis.figure(
        "activities", _("Engagement activities"), headline=True, trend=per_year, trend_order=30
    )
    kpis.figures(
        partners=_("Partner organisations engaged"),
        staff=_("Staff involved"),
        students=_("Students involved"),
    )
    kpis.chart("over_time", _("Engagement activities by month"), over_time, "stacked")
    kpis.chart("by_type", _("Engagement activities by type"), by_type, "doughnut")
    kpis.chart("by_unit", _("Engagement activities by KCDIO"), by_unit, "hbar")
    kpis.report("activities", _("Engagement activities"), report_section)
    kpis.sdg_records("activities", _("Engagement activities"), ACTIVITIES, order=20)
