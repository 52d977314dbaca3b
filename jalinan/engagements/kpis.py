"""What the engagement log gives the dashboards and reports (see
:mod:`jalinan.reports.registry`): activities held in the period (by their date, planned ones
included once their date falls in it), by organising KCDIO."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from jalinan.reports.registry import (
    Dataset,
    Evidence,
    ReportSection,
    Series,
    Stat,
    Table,
    register_chart,
    register_figure,
    register_report_section,
    register_sdg_source,
    register_trend,
)
from jalinan.sdgs import kpis as sdg_kpis
from jalinan.sdgs.selectors import filter_by_goal

from .choices import ActivityType
from .models import Activity
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
    totals = _type_totals(scope)
    ordered = sorted(totals.items(), key=lambda kv: -kv[1])
    return Series(
        labels=[ActivityType(t).label for t, _n in ordered],
        datasets=[Dataset(_("Activities"), [n for _t, n in ordered])],
        x_label=_("Type"),
    )


def by_unit(scope) -> Series:
    rows = dict(_in_period(scope).values_list("unit_id").annotate(n=Count("pk")).order_by())
    totals = scope.roll_up(rows)
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], scope.unit_name(kv[0])))
    return Series(
        labels=[scope.unit_name(u) for u, _n in ordered],
        datasets=[Dataset(_("Activities"), [n for _u, n in ordered])],
        x_label=_("KCDIO"),
    )


def per_year(scope) -> dict[int, int]:
    first, last = scope.trend_years[0], scope.trend_years[-1]
    return dict(
        _activities(scope)
        .filter(date__gte=datetime.date(first, 1, 1), date__lte=datetime.date(last, 12, 31))
        .annotate(y=ExtractYear("date"))
        .values_list("y")
        .annotate(n=Count("pk"))
        .order_by()
    )


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


def sdg_by_unit(scope):
    return sdg_kpis.goal_counts(_in_period(scope), by="unit_id")


def sdg_by_sector(scope):
    links = Activity.organisations.through.objects.filter(
        activity_id__in=_in_period(scope).values("pk")
    )
    return sdg_kpis.goal_counts(
        links, by="organisation__msic_section", record="activity_id", model=Activity
    )


def sdg_evidence(scope, goal: int) -> list[Evidence]:
    items = list(
        filter_by_goal(_in_period(scope), goal)
        .prefetch_related("organisations")
        .order_by("date", "pk")
    )
    tags = sdg_kpis.accepted_tags(Activity, [a.pk for a in items], goal)
    return [
        Evidence(
            record=f"{a.title} ({a.get_activity_type_display()})",
            url=a.get_absolute_url(),
            date=a.date,
            period="",
            partners=[o.legal_name for o in a.organisations.all()],
            unit=scope.unit_name(a.unit_id) if a.unit_id else "",
            tag=tags.get(a.pk, {}),
        )
        for a in items
    ]


# -- registration --------------------------------------------------------------------------


def register():
    register_figure(
        "engagements.activities",
        label=_("Engagement activities"),
        section="engagements",
        compute=lambda scope: _headline(scope)["activities"],
        ministry_category="engagement",
        headline=True,
        order=10,
    )
    register_figure(
        "engagements.partners",
        label=_("Partner organisations engaged"),
        section="engagements",
        compute=lambda scope: _headline(scope)["partners"],
        ministry_category="engagement",
        order=20,
    )
    register_figure(
        "engagements.staff",
        label=_("Staff involved"),
        section="engagements",
        compute=lambda scope: _headline(scope)["staff"],
        ministry_category="engagement",
        order=30,
    )
    register_figure(
        "engagements.students",
        label=_("Students involved"),
        section="engagements",
        compute=lambda scope: _headline(scope)["students"],
        ministry_category="engagement",
        order=40,
    )
    register_chart(
        "engagements.over_time",
        label=_("Engagement activities by month"),
        section="engagements",
        compute=over_time,
        kind="stacked",
        order=10,
    )
    register_chart(
        "engagements.by_type",
        label=_("Engagement activities by type"),
        section="engagements",
        compute=by_type,
        kind="doughnut",
        order=20,
    )
    register_chart(
        "engagements.by_unit",
        label=_("Engagement activities by KCDIO"),
        section="engagements",
        compute=by_unit,
        kind="hbar",
        order=30,
    )
    register_trend(
        "engagements.activities", label=_("Engagement activities"), compute=per_year, order=30
    )
    register_report_section(
        "engagements.activities",
        label=_("Engagement activities"),
        compute=report_section,
        ministry_category="engagement",
    )
    register_sdg_source(
        "engagements.activities",
        label=_("Engagement activities"),
        by_unit=sdg_by_unit,
        by_sector=sdg_by_sector,
        evidence=sdg_evidence,
        order=20,
    )
