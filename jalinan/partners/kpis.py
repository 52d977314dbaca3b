"""What the partner registry gives the dashboards and reports (see
:mod:`jalinan.reports.registry`): the organisations the office works with (status *active*),
by type, sector and country, counted under their lead KCDIO when a unit is asked for.
*Industry* partners are the companies (MNC, GLC, SME, startup); agencies, NGOs and
universities are partners too, but not industry."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_rows,
    count_series,
    sector_label,
)
from jalinan.reports.registry import ReportSection, Series, Stat, Table

from .choices import OrganisationStatus, OrganisationType
from .selectors import organisations_for

INDUSTRY_TYPES = (
    OrganisationType.MNC,
    OrganisationType.GLC,
    OrganisationType.SME,
    OrganisationType.STARTUP,
)


def _partners(scope):
    """Active partner organisations known by the end of the period."""
    return (
        organisations_for(scope.user)
        .filter(status=OrganisationStatus.ACTIVE, created_at__date__lte=scope.as_of)
        .filter(scope.unit_q("lead_unit_id"))
    )


def _headline(scope) -> dict:
    return scope.once(
        "partners.headline",
        lambda: _partners(scope).aggregate(
            partners=Count("pk"),
            industry=Count("pk", filter=Q(org_type__in=INDUSTRY_TYPES)),
            new=Count("pk", filter=scope.in_years("created_at__date")),
        ),
    )


def _by_type(scope) -> list[tuple[str, int, int]]:
    return scope.once(
        "partners.by_type",
        lambda: [
            (row["org_type"], row["n"], row["new"])
            for row in _partners(scope)
            .values("org_type")
            .annotate(n=Count("pk"), new=Count("pk", filter=scope.in_years("created_at__date")))
            .order_by("-n", "org_type")
        ],
    )


def by_type(scope) -> Series:
    return count_series(
        [(t, n) for t, n, _new in _by_type(scope)],
        label=_("Partner organisations"),
        x_label=_("Type"),
        label_of=lambda t: OrganisationType(t).label,
    )


def _by_sector(scope) -> list[tuple[str, int]]:
    return scope.once(
        "partners.by_sector",
        lambda: count_rows(
            _partners(scope).filter(org_type__in=INDUSTRY_TYPES),
            "msic_section",
            order_by=("-n", "msic_section"),
        ),
    )


def by_sector(scope) -> Series:
    return count_series(
        _by_sector(scope),
        label=_("Industry partners"),
        x_label=_("Sector (MSIC section)"),
        label_of=sector_label,
    )


def report_section(scope) -> ReportSection:
    head = _headline(scope)
    by_country = count_rows(
        _partners(scope).filter(org_type__in=INDUSTRY_TYPES), "country", order_by=("-n", "country")
    )
    new = list(
        _partners(scope)
        .filter(scope.in_years("created_at__date"))
        .select_related("lead_unit")
        .order_by("legal_name")
    )
    return ReportSection(
        stats=[
            Stat(_("Partner organisations"), head["partners"]),
            Stat(_("Industry partners"), head["industry"]),
            Stat(_("New partner organisations in the period"), head["new"]),
        ],
        tables=[
            Table(
                _("Partner organisations by type"),
                [_("Type"), _("Partners"), _("New in the period")],
                [[OrganisationType(t).label, n, nw] for t, n, nw in _by_type(scope)],
            ),
            Table(
                _("Industry partners by sector"),
                [_("Sector (MSIC section)"), _("Industry partners")],
                [[sector_label(code), n] for code, n in _by_sector(scope)],
            ),
            Table(
                _("Industry partners by country"),
                [_("Country"), _("Industry partners")],
                [[countries.name(code) or code, n] for code, n in by_country],
            ),
        ],
        lists=[
            Table(
                _("New partner organisations in the period"),
                [_("Organisation"), _("Type"), _("Sector"), _("Country"), _("Lead KCDIO")],
                [
                    [
                        o.legal_name,
                        o.get_org_type_display(),
                        sector_label(o.msic_section) if o.msic_section else "",
                        o.country.name,
                        scope.unit_name(o.lead_unit_id) if o.lead_unit_id else "",
                    ]
                    for o in new
                ],
                links=[o.get_absolute_url() for o in new],
            ),
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

ORGANISATIONS = SdgRecords(
    _partners,
    unit="lead_unit_id",
    partners="",  # the records are the partners
    describe=lambda o: f"{o.legal_name} ({o.get_org_type_display()})",
    order_by=("legal_name",),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("partners", ministry_category="partners", values=_headline)
    kpis.figure(
        "partners",
        _("Partner organisations"),
        headline=True,
        help=_("Active organisations in the partner registry (under their lead KCDIO)."),
    )
    kpis.figure(
        "industry",
        _("Industry partners"),
        help=_("Multinationals, government-linked companies, SMEs and startups."),
    )
    kpis.figure("new", _("New partner organisations"))
    kpis.chart("by_type", _("Partner organisations by type"), by_type, "doughnut")
    kpis.chart("by_sector", _("Industry partners by sector"), by_sector, "hbar")
    kpis.report("organisations", _("Partner organisations"), report_section)
    kpis.sdg_records("organisations", _("Partner organisations"), ORGANISATIONS, order=30)
