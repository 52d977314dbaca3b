"""What the pipeline gives the dashboards and reports (see :mod:`jalinan.reports.registry`):
enquiries received, opportunities opened and where they stand, and how many went on to an
agreement or a project, by year and KCDIO, and the opportunities' accepted SDG tags. Counted
over the opportunities opened in the period that the viewer may see (OIL: all; coordinators:
their units')."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
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
    register_section,
    register_trend,
)
from jalinan.sdgs import kpis as sdg_kpis
from jalinan.sdgs.selectors import filter_by_goal

from .choices import ORDER, Source, Stage
from .models import Opportunity, StageChange
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
    rows = dict(_in_period(scope).values_list("unit_id").annotate(n=Count("pk")).order_by())
    totals = scope.roll_up(rows)
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], scope.unit_name(kv[0])))
    return Series(
        labels=[scope.unit_name(u) for u, _n in ordered],
        datasets=[Dataset(_("Opportunities"), [n for _u, n in ordered])],
        x_label=_("KCDIO"),
    )


def _per_year(scope, **filters) -> dict[int, int]:
    first, last = scope.trend_years[0], scope.trend_years[-1]
    return dict(
        _opportunities(scope)
        .filter(created_at__year__gte=first, created_at__year__lte=last, **filters)
        .annotate(y=ExtractYear("created_at"))
        .values_list("y")
        .annotate(n=Count("pk"))
        .order_by()
    )


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


def sdg_by_unit(scope):
    return sdg_kpis.goal_counts(_in_period(scope), by="unit_id")


def sdg_by_sector(scope):
    # An enquiry not yet matched to a partner has no sector to count under.
    return sdg_kpis.goal_counts(
        _in_period(scope).filter(organisation__isnull=False), by="organisation__msic_section"
    )


def sdg_evidence(scope, goal: int) -> list[Evidence]:
    items = list(
        filter_by_goal(_in_period(scope), goal)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    tags = sdg_kpis.accepted_tags(Opportunity, [o.pk for o in items], goal)
    return [
        Evidence(
            record=f"{o.title} ({o.reference})",
            url=o.get_absolute_url(),
            date=timezone.localtime(o.created_at).date(),
            period="",
            partners=[o.partner_label] if o.partner_label else [],
            unit=scope.unit_name(o.unit_id) if o.unit_id else "",
            tag=tags.get(o.pk, {}),
        )
        for o in items
    ]


# -- registration --------------------------------------------------------------------------


def register():
    register_section("pipeline", label=_("Brokerage pipeline"), order=62)
    register_figure(
        "pipeline.enquiries",
        label=_("Public enquiries received"),
        section="pipeline",
        compute=_enquiries,
        order=10,
    )
    register_figure(
        "pipeline.opened",
        label=_("Opportunities opened"),
        section="pipeline",
        compute=lambda scope: _funnel(scope)["total"],
        order=20,
    )
    register_figure(
        "pipeline.to_agreement",
        label=_("Opportunities that reached an agreement"),
        section="pipeline",
        compute=lambda scope: _funnel(scope)["to_agreement"],
        order=30,
    )
    register_figure(
        "pipeline.to_project",
        label=_("Opportunities that became projects"),
        section="pipeline",
        compute=lambda scope: _funnel(scope)["to_project"],
        order=40,
    )
    register_figure(
        "pipeline.agreement_rate",
        label=_("Share of opportunities reaching an agreement"),
        section="pipeline",
        compute=lambda scope: _funnel(scope)["agreement_rate"],
        unit="percent",
        order=50,
    )
    register_chart(
        "pipeline.by_stage",
        label=_("Opportunities by stage"),
        section="pipeline",
        compute=by_stage,
        kind="bar",
        order=10,
    )
    register_chart(
        "pipeline.by_unit",
        label=_("Opportunities by KCDIO"),
        section="pipeline",
        compute=by_unit,
        kind="hbar",
        order=20,
    )
    register_trend(
        "pipeline.enquiries",
        label=_("Public enquiries received"),
        compute=lambda scope: _per_year(scope, source=Source.ENQUIRY),
        order=60,
    )
    register_trend(
        "pipeline.to_agreement",
        label=_("Opportunities opened that reached an agreement"),
        compute=lambda scope: _per_year(
            scope,
            pk__in=StageChange.objects.filter(to_stage__in=WON).values("opportunity_id"),
        ),
        order=61,
    )
    register_report_section(
        "pipeline.funnel",
        label=_("Brokerage pipeline"),
        compute=report_section,
        ministry_category="projects",
    )
    register_sdg_source(
        "pipeline.opportunities",
        label=_("Pipeline opportunities"),
        by_unit=sdg_by_unit,
        by_sector=sdg_by_sector,
        evidence=sdg_evidence,
        order=50,
    )
