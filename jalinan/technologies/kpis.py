"""What technology transfer gives the dashboards and reports (see
:mod:`jalinan.reports.registry`), under the ministry's "intellectual property and
commercialisation" category:

- invention disclosures received (by the date they were submitted), by year and KCDIO;
- patent filings (patents and utility innovations, by filing date) and grants (by grant date);
- licences signed (by their start date, once out of negotiation), commercialisation income (the
  royalty and other payments received, by date) and spin-offs formed (by incorporation date);
- the technology offers' accepted SDG tags: the offers in the public catalogue by the end of the
  period, under their KCDIO (set from the disclosure when the offer is made).

Disclosures are confidential, but their number is not: every staff member counts them (the
lists behind the figures show IP assets, never disclosure titles). Anyone else counts only what
they may open. The lists of IP assets behind the figures show only the assets the reader may
open (the others are counted in a note: never their titles or application numbers).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.roles import is_staff_member
from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_unit,
    count_by_year,
    year_series,
)
from jalinan.reports.registry import Dataset, ReportSection, Series, Stat, Table, not_shown

from .choices import AssetKind, DisclosureStatus, LicenceStatus
from .models import Disclosure, IPAsset, Licence, RoyaltyPayment, Spinoff
from .selectors.assets import assets_for
from .selectors.catalogue import published_technologies
from .selectors.disclosures import disclosures_for

PATENT_KINDS = (AssetKind.PATENT, AssetKind.UTILITY)
SIGNED = (LicenceStatus.ACTIVE, LicenceStatus.EXPIRED, LicenceStatus.TERMINATED)


def _staff(scope) -> bool:
    return is_staff_member(scope.user)


def _disclosures(scope):
    qs = Disclosure.objects.all() if _staff(scope) else disclosures_for(scope.user)
    return qs.exclude(status=DisclosureStatus.DRAFT).filter(
        scope.unit_q("unit_id"), submitted_at__isnull=False
    )


def _patents(scope):
    qs = IPAsset.objects.all() if _staff(scope) else assets_for(scope.user)
    return qs.filter(scope.unit_q("unit_id"), kind__in=PATENT_KINDS)


def _licences(scope):
    qs = Licence.objects.all() if _staff(scope) else Licence.objects.none()
    return qs.filter(scope.unit_q("technology__unit_id"), status__in=SIGNED)


def _payments(scope):
    qs = RoyaltyPayment.objects.all() if _staff(scope) else RoyaltyPayment.objects.none()
    return qs.filter(scope.unit_q("licence__technology__unit_id"))


def _spinoffs(scope):
    qs = Spinoff.objects.all() if _staff(scope) else Spinoff.objects.none()
    return qs.filter(scope.unit_q("licence__technology__unit_id"))


def _per_year(scope, key: str, qs, field: str, value=None) -> dict[int, int]:
    """``{year: count (or sum of value)}`` over the scope's years and trend years: one query."""
    since = min(scope.trend_years[0], scope.year_from)
    return scope.once(
        f"technologies.{key}",
        lambda: count_by_year(scope, qs, field, total=value, since=since),
    )


def disclosures_by_year(scope):
    return _per_year(scope, "disclosures", _disclosures(scope), "submitted_at")


def filings_by_year(scope):
    return _per_year(scope, "filings", _patents(scope), "filing_date")


def grants_by_year(scope):
    return _per_year(
        scope, "grants", _patents(scope).filter(granted_on__isnull=False), "granted_on"
    )


def licences_by_year(scope):
    return _per_year(
        scope, "licences", _licences(scope).filter(start_date__isnull=False), "start_date"
    )


def income_by_year(scope):
    return _per_year(scope, "income", _payments(scope), "received_on", value="amount")


def spinoffs_by_year(scope):
    return _per_year(
        scope, "spinoffs", _spinoffs(scope).filter(incorporated_on__isnull=False), "incorporated_on"
    )


def _in_years(by_year: dict, scope):
    return sum(by_year.get(y, 0) for y in scope.years)


SERIES = [
    ("disclosures", _("Invention disclosures"), disclosures_by_year, "count"),
    ("filings", _("Patent filings"), filings_by_year, "count"),
    ("grants", _("Patents granted"), grants_by_year, "count"),
    ("licences", _("Licences signed"), licences_by_year, "count"),
    ("income", _("Commercialisation income (RM)"), income_by_year, "rm"),
    ("spinoffs", _("Spin-off companies formed"), spinoffs_by_year, "count"),
]


def ip_by_year(scope) -> Series:
    return year_series(
        scope,
        [
            (label, fn(scope))
            for key, label, fn, _unit in SERIES
            if key in ("disclosures", "filings", "grants")
        ],
    )


def _by_unit(scope) -> dict:
    def compute():
        counted = {
            "disclosures": _disclosures(scope).filter(scope.in_years("submitted_at__date")),
            "filings": _patents(scope).filter(scope.in_years("filing_date")),
            "grants": _patents(scope).filter(scope.in_years("granted_on")),
        }
        return {key: scope.roll_up(count_by_unit(qs)) for key, qs in counted.items()}

    return scope.once("technologies.by_unit", compute)


def ip_by_unit(scope) -> Series:
    data = _by_unit(scope)
    units = set(data["disclosures"]) | set(data["filings"]) | set(data["grants"])
    ordered = sorted(units, key=lambda u: (-data["disclosures"].get(u, 0), str(scope.unit_name(u))))
    return Series(
        labels=[scope.unit_name(u) for u in ordered],
        datasets=[
            Dataset(_("Invention disclosures"), [data["disclosures"].get(u, 0) for u in ordered]),
            Dataset(_("Patent filings"), [data["filings"].get(u, 0) for u in ordered]),
            Dataset(_("Patents granted"), [data["grants"].get(u, 0) for u in ordered]),
        ],
        x_label=_("KCDIO"),
    )


def _listed(scope, field: str) -> tuple[list, int]:
    """The patents of the period by ``field`` that the reader may open, and how many others
    the figures count (a coordinator counts their unit's filings, but reads no title or
    application number of an asset that is not theirs)."""
    counted = _patents(scope).filter(scope.in_years(field))
    shown = list(counted.filter(pk__in=assets_for(scope.user).values("pk")).order_by(field, "pk"))
    return shown, counted.count() - len(shown)


def report_section(scope) -> ReportSection:
    series = ip_by_unit(scope)
    filed, filed_hidden = _listed(scope, "filing_date")
    granted, granted_hidden = _listed(scope, "granted_on")
    return ReportSection(
        stats=[
            Stat(label, _in_years(fn(scope), scope), unit=unit) for _key, label, fn, unit in SERIES
        ],
        tables=[series.table(_("Disclosures, filings and grants by KCDIO"))],
        lists=[
            Table(
                _("Patent filings in the period"),
                [_("Filing date"), _("Title"), _("Office"), _("Application number"), _("KCDIO")],
                [
                    [
                        a.filing_date,
                        a.title,
                        a.get_office_display() if a.office else "",
                        a.application_number,
                        scope.unit_name(a.unit_id) if a.unit_id else "",
                    ]
                    for a in filed
                ],
                note=not_shown(filed_hidden),
                links=[a.get_absolute_url() for a in filed],
            ),
            Table(
                _("Patents granted in the period"),
                [_("Granted on"), _("Title"), _("Office"), _("Grant / registration number")],
                [
                    [
                        a.granted_on,
                        a.title,
                        a.get_office_display() if a.office else "",
                        a.grant_number,
                    ]
                    for a in granted
                ],
                note=not_shown(granted_hidden),
                links=[a.get_absolute_url() for a in granted],
            ),
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------


def _offers(scope):
    """The offers in the catalogue by the end of the period (public: anyone may count them)."""
    return published_technologies().filter(
        scope.unit_q("unit_id"), published_at__date__lte=scope.as_of
    )


OFFERS = SdgRecords(
    _offers,
    partners=None,  # an offer has no partner until it is licensed
    describe=lambda t: f"{t.title} ({t.reference})",
    # The public catalogue page: evidence anyone (an assessor too) may open.
    url=lambda t: t.get_public_url(),
    date=lambda t: timezone.localtime(t.published_at).date(),
    order_by=("published_at", "pk"),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("technologies", ministry_category="ip")
    for position, (name, label, fn, unit) in enumerate(SERIES, start=1):
        kpis.figure(
            name,
            label,
            lambda scope, fn=fn: _in_years(fn(scope), scope),
            unit=unit,
            headline=name in ("disclosures", "income"),
            trend=fn,
            trend_order=60 + position,
        )
    kpis.chart("by_year", _("Disclosures, filings and grants by year"), ip_by_year)
    kpis.chart("by_unit", _("Disclosures, filings and grants by KCDIO"), ip_by_unit, "hbar")
    kpis.report("ip", _("Intellectual property and commercialisation"), report_section)
    kpis.sdg_records("technologies", _("Technology offers"), OFFERS, order=60)
