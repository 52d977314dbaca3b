"""What the pipeline gives the dashboards and reports (see :mod:`jalinan.reports.registry`):
enquiries received, opportunities opened and where they stand, and how many went on to an
agreement or a project, by year and KCDIO, and the opportunities' accepted SDG tags. Counted
over the opportunities opened in the period that the viewer may see (OIL: all; coordinators:
their units')."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_unit,
    count_by_year,
    unit_series,
)
from jalinan.reports.registry import Dataset, ReportSection, Series, Stat, Table, register_section

from .choices import ORDER, Source, Stage
from .models import StageChange
from .selectors import funnel, opportunities_for

WON = ORDER[ORDER.index(Stage.AGREEMENT) :]


def _opportunities(scope):
    return opportunities_for(scope.user).filter(scope.unit_q("unit_id"))


def _in_period(scope):
    return _opportunities(scope).filter(scope.in_years("created_at__date"))


def _funnel(scope) -> dict:
    return scope.once("pipeline.funnel", lambda: funnel(_in_period(scope)))


def _enquiries(scope) -> int:
    return scope.once(
        "pipeline.enquiries", lambda: _in_period(scope).filter(source=Source.ENQUIRY).count()
    )


def by_stage(scope) -> Series:
    f = _funnel(scope)
    return Series(
        labels=[s["label"] for s in f["stages"]],
        datasets=[
            Dataset(_("Reached the stage"), [s["reached"] for s in f["stages"]]),
            Dataset(_("In the stage now"), [s["current"] for s in f["stages"]]),
        ],
        x_label=_("Stage"),
    )


def by_unit(scope) -> Series:
    return unit_series(scope, count_by_unit(_in_period(scope)), label=_("Opportunities"))


def _per_year(scope, **filters) -> dict[int, int]:
    return count_by_year(scope, _opportunities(scope).filter(**filters), "created_at")


def report_section(scope) -> ReportSection:
    f = _funnel(scope)
    listed = list(
        _in_period(scope).select_related("organisation", "unit").order_by("created_at", "pk")
    )
    return ReportSection(
        stats=[
            Stat(_("Public enquiries received"), _enquiries(scope)),
            Stat(_("Opportunities opened"), f["total"]),
            Stat(_("Opportunities that reached an agreement"), f["to_agreement"]),
            Stat(_("Opportunities that became projects"), f["to_project"]),
        ],
        tables=[
            Table(
                _("Pipeline by stage"),
                [
                    _("Stage"),
                    _("Reached"),
                    _("Went on to the next stage (%)"),
                    _("Median days in stage"),
                ],
                [
                    [s["label"], s["reached"], s["conversion"], s["median_days"]]
                    for s in f["stages"]
                ],
            ),
            Table(
                _("Opportunities lost, by reason"),
                [_("Reason lost"), _("Opportunities")],
                [[r["label"], r["count"]] for r in f["lost"]["by_reason"]],
            ),
        ],
        lists=[
            Table(
                _("Opportunities opened in the period"),
                [
                    _("Reference"),
                    _("Opportunity"),
                    _("Source"),
                    _("Stage"),
                    _("KCDIO"),
                    _("Organisation"),
                ],
                [
                    [
                        o.reference,
                        o.title,
                        o.get_source_display(),
                        o.get_stage_display(),
                        scope.unit_name(o.unit_id) if o.unit_id else "",
                        o.partner_label,
                    ]
                    for o in listed
                ],
                links=[o.get_absolute_url() for o in listed],
            )
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

OPPORTUNITIES = SdgRecords(
    _in_period,
    # An enquiry not yet matched to a partner has no sector to count under, but its
    # evidence names the organisation the visitor gave.
    partners="organisation",
    partner_names=lambda o: [o.partner_label] if o.partner_label else [],
    describe=lambda o: f"{o.title} ({o.reference})",
    date=lambda o: timezone.localtime(o.created_at).date(),
    order_by=("created_at", "pk"),
)


# -- registration --------------------------------------------------------------------------


def register():
    register_section("pipeline", label=_("Brokerage pipeline"), order=62)
    kpis = AppKpis("pipeline", values=_funnel)
    kpis.figure(
        "enquiries",
        _("Public enquiries received"),
        _enquiries,
        trend=lambda scope: _per_year(scope, source=Source.ENQUIRY),
        trend_order=60,
    )
    kpis.figure("opened", _("Opportunities opened"), lambda scope: _funnel(scope)["total"])
    kpis.figures(
        to_agreement=_("Opportunities that reached an agreement"),
        to_project=_("Opportunities that became projects"),
    )
    kpis.figure("agreement_rate", _("Share of opportunities reaching an agreement"), unit="percent")
    kpis.chart("by_stage", _("Opportunities by stage"), by_stage)
    kpis.chart("by_unit", _("Opportunities by KCDIO"), by_unit, "hbar")
    kpis.report("funnel", _("Brokerage pipeline"), report_section, ministry_category="projects")
    kpis.trend(
        "to_agreement",
        _("Opportunities opened that reached an agreement"),
        lambda scope: _per_year(
            scope,
            pk__in=StageChange.objects.filter(to_stage__in=WON).values("opportunity_id"),
        ),
        order=61,
    )
    kpis.sdg_records("opportunities", _("Pipeline opportunities"), OPPORTUNITIES, order=50)
