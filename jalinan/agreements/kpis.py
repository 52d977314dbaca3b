"""What the memoranda give the dashboards and reports (see :mod:`jalinan.reports.registry`).

Counted from :func:`.selectors.memoranda_for` (what the viewer may see), by initiating KCDIO:

- *in force* on a day: for today, the memoranda active or expiring (as the list's "in force"
  filter counts them); for an earlier day, those signed whose term covers it and that were not
  terminated by then;
- *signed* in a year: by the signing date (the start date where none was recorded);
- *expiring*: in force and ending within ``JALINAN_MEMORANDUM_EXPIRING_DAYS`` (180) days;
- *dormant* and *at risk*: today's health (:mod:`.selectors`), for the running year only.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_unit,
    count_by_year,
    count_each_year,
    count_series,
    sector_label,
    unit_series,
    units_ordered,
)
from jalinan.reports.registry import Dataset, ReportSection, Series, Stat, Table

from .choices import CONCLUDED, IN_FORCE, Health
from .models import Party
from .selectors import expiring_days, health_summary, memoranda_for


def _memoranda(scope):
    return memoranda_for(scope.user).filter(scope.unit_q("initiating_unit_id"))


def in_force_on(day: datetime.date, *, today: datetime.date) -> Q:
    if day >= today:
        return Q(status__in=IN_FORCE)
    return (
        Q(status__in=CONCLUDED, start_date__lte=day)
        & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        & (Q(terminated_on__isnull=True) | Q(terminated_on__gt=day))
    )


def in_force_during(start: datetime.date, end: datetime.date) -> Q:
    """Signed memoranda whose term overlaps ``start``–``end``."""
    return (
        Q(status__in=CONCLUDED, start_date__lte=end)
        & (Q(end_date__isnull=True) | Q(end_date__gte=start))
        & (Q(terminated_on__isnull=True) | Q(terminated_on__gte=start))
    )


def signed_between(start: datetime.date, end: datetime.date) -> Q:
    return Q(status__in=CONCLUDED) & (
        Q(signed_on__gte=start, signed_on__lte=end)
        | Q(signed_on__isnull=True, start_date__gte=start, start_date__lte=end)
    )


def _in_force(scope) -> Q:
    return in_force_on(scope.as_of, today=scope.today)


def _signed(scope) -> Q:
    return signed_between(scope.start, scope.end)


def _headline(scope) -> dict:
    def compute():
        as_of = scope.as_of
        horizon = as_of + datetime.timedelta(days=expiring_days())
        in_force = _in_force(scope)
        signed = _signed(scope)
        return _memoranda(scope).aggregate(
            in_force=Count("pk", filter=in_force),
            signed=Count("pk", filter=signed),
            expiring=Count("pk", filter=in_force & Q(end_date__gte=as_of, end_date__lte=horizon)),
            value=Sum(F("value_cash") + F("value_in_kind"), filter=signed),
        )

    return scope.once("agreements.headline", compute)


def _health(scope) -> dict | None:
    if not scope.is_current:
        return None
    return scope.once(
        "agreements.health", lambda: health_summary(_memoranda(scope), today=scope.today)
    )


def _list_link(scope, **params) -> str:
    from urllib.parse import urlencode

    if scope.unit_id:
        params["unit"] = scope.unit_id
    return reverse("agreements:memorandum_list") + "?" + urlencode(params)


def _type_name(row, prefix="memo_type__") -> str:
    if get_language() == "ms" and row.get(f"{prefix}name_ms"):
        return row[f"{prefix}name_ms"]
    return row[f"{prefix}name"]


def country_label(code: str | None) -> str:
    return countries.name(code) or code or str(_("Country not recorded"))


# -- charts --------------------------------------------------------------------------------


def by_type(scope) -> Series:
    rows = (
        _memoranda(scope)
        .filter(_in_force(scope))
        .values("memo_type__name", "memo_type__name_ms")
        .annotate(n=Count("pk"))
        .order_by("-n", "memo_type__name")
    )
    return count_series(
        [(_type_name(r), r["n"]) for r in rows], label=_("Memoranda in force"), x_label=_("Type")
    )


def _in_force_by_unit(scope) -> dict[int | None, int]:
    return count_by_unit(_memoranda(scope).filter(_in_force(scope)), "initiating_unit_id")


def by_unit(scope) -> Series:
    return unit_series(scope, _in_force_by_unit(scope), label=_("Memoranda in force"))


def _by_partner_field(scope, field: str, label_of) -> Series:
    memos = _memoranda(scope).filter(_in_force(scope)).values("pk")
    rows = (
        Party.objects.filter(memorandum_id__in=memos)
        .values_list(f"organisation__{field}")
        .annotate(n=Count("memorandum_id", distinct=True))
        .order_by("-n", f"organisation__{field}")
    )
    return count_series(
        rows,
        label=_("Memoranda in force"),
        x_label=_("Partner's sector") if field == "msic_section" else _("Partner's country"),
        label_of=label_of,
    )


def health_chart(scope) -> Series | None:
    health = _health(scope)
    if health is None:
        return None
    order = [Health.ENGAGED, Health.AT_RISK, Health.DORMANT]
    return Series(
        labels=[Health(h).label for h in order],
        datasets=[
            Dataset(
                _("Memoranda in force"),
                [health[h] for h in order],
                colour=["#198754", "#ffc107", "#dc3545"],
            )
        ],
        x_label=_("Health"),
    )


# -- trends --------------------------------------------------------------------------------


def _signed_by_year(scope) -> dict[int, int]:
    # Signed on the signing date, the start date where none was recorded (signed_between).
    signed = _memoranda(scope).filter(status__in=CONCLUDED)
    signed = signed.annotate(signed_day=Coalesce("signed_on", "start_date"))
    return scope.once(
        "agreements.signed_by_year", lambda: count_by_year(scope, signed, "signed_day")
    )


def _in_force_by_year(scope) -> dict[int, int]:
    return scope.once(
        "agreements.in_force_by_year",
        lambda: count_each_year(
            scope,
            _memoranda(scope),
            lambda year: in_force_on(scope.year_end(year), today=scope.today),
        ),
    )


# -- the reports ---------------------------------------------------------------------------


def report_section(scope) -> ReportSection:
    head = _headline(scope)
    qs = _memoranda(scope)
    in_force, signed = _in_force(scope), _signed(scope)
    types = (
        qs.filter(in_force | signed)
        .values("memo_type__name", "memo_type__name_ms", "memo_type__order")
        .annotate(signed=Count("pk", filter=signed), in_force=Count("pk", filter=in_force))
        .order_by("memo_type__order", "memo_type__name")
    )
    as_of = scope.as_of.strftime("%d/%m/%Y")
    type_table = Table(
        _("Memoranda by type"),
        [
            _("Type"),
            _("Signed in the period"),
            _("In force on %(day)s") % {"day": as_of},
        ],
        [[_type_name(r), r["signed"], r["in_force"]] for r in types],
    )
    unit_table = Table(
        _("Memoranda in force by KCDIO"),
        [_("KCDIO"), _("In force on %(day)s") % {"day": as_of}],
        [[scope.unit_name(u), n] for u, n in units_ordered(scope, _in_force_by_unit(scope))],
    )
    listed = list(
        qs.filter(signed)
        .select_related("memo_type", "initiating_unit")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by(Coalesce("signed_on", "start_date"), "reference")
    )
    signed_table = Table(
        _("Memoranda signed in the period"),
        [
            _("Reference"),
            _("Title"),
            _("Type"),
            _("Partners"),
            _("KCDIO"),
            _("Signed on"),
            _("Ends on"),
            _("Value (RM)"),
        ],
        [
            [
                m.reference,
                m.title,
                m.memo_type.abbreviation,
                "; ".join(p.organisation.legal_name for p in m.parties.all()),
                scope.unit_name(m.initiating_unit_id),
                m.signed_on or m.start_date,
                m.end_date,
                m.total_value,
            ]
            for m in listed
        ],
        links=[m.get_absolute_url() for m in listed],
    )
    return ReportSection(
        stats=[
            Stat(_("Memoranda in force"), head["in_force"]),
            Stat(_("Memoranda signed"), head["signed"]),
            Stat(_("Expiring within %(days)s days") % {"days": expiring_days()}, head["expiring"]),
            Stat(_("Value of memoranda signed (RM)"), head["value"] or 0, unit="rm"),
        ],
        tables=[type_table, unit_table],
        lists=[signed_table],
    )


# -- SDGs ----------------------------------------------------------------------------------


def _sdg_records(scope):
    return _memoranda(scope).filter(in_force_during(scope.start, scope.end))


def _period(start, end) -> str:
    if not start and not end:
        return ""
    fmt = "%d/%m/%Y"
    return f"{start.strftime(fmt) if start else '…'} – {end.strftime(fmt) if end else '…'}"


MEMORANDA = SdgRecords(
    _sdg_records,
    unit="initiating_unit_id",
    partners="parties__organisation",
    describe=lambda m: f"{m.reference} {m.title} ({m.memo_type.abbreviation})",
    date=lambda m: m.signed_on or m.start_date,
    period=lambda m: _period(m.start_date, m.end_date),
    order_by=("reference",),
    related=("memo_type",),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis(
        "agreements", section="memoranda", ministry_category="memoranda", values=_headline
    )
    kpis.figure(
        "in_force",
        _("Memoranda in force"),
        headline=True,
        help=_("Active or expiring today; for past years, in force on 31 December."),
        link=lambda scope: _list_link(scope, status="in_force") if scope.is_current else "",
    )
    kpis.figure(
        "signed", _("Memoranda signed"), headline=True, trend=_signed_by_year, trend_order=10
    )
    kpis.figure(
        "expiring",
        _("Expiring"),
        headline=True,
        help=_("In force and ending within the expiring window (180 days unless configured)."),
        link=lambda scope: (
            _list_link(scope, status="in_force", expiring=expiring_days(), sort="end")
            if scope.is_current
            else ""
        ),
    )
    kpis.figure(
        "dormant",
        _("Dormant today"),
        lambda scope: (_health(scope) or {}).get(Health.DORMANT),
        ministry_category="",
        headline=True,
        help=_(
            "No activity logged for the dormancy period (six months unless configured); "
            "counted for the running year only."
        ),
        link=lambda scope: _list_link(scope, health="dormant") if scope.is_current else "",
    )
    kpis.figure(
        "at_risk",
        _("At risk today"),
        lambda scope: (_health(scope) or {}).get(Health.AT_RISK),
        ministry_category="",
        link=lambda scope: _list_link(scope, health="at_risk") if scope.is_current else "",
    )
    kpis.figure(
        "value",
        _("Value of memoranda signed (RM)"),
        lambda scope: _headline(scope)["value"] or 0,
        unit="rm",
        help=_("Cash and in kind, as stated in the memoranda signed in the period."),
    )
    kpis.chart("by_type", _("Memoranda in force by type"), by_type)
    kpis.chart("by_unit", _("Memoranda in force by KCDIO"), by_unit, "hbar")
    kpis.chart(
        "by_sector",
        _("Memoranda in force by partner's sector"),
        lambda scope: _by_partner_field(scope, "msic_section", sector_label),
        "hbar",
        help=_("A memorandum with partners in several sectors counts once in each."),
    )
    kpis.chart(
        "by_country",
        _("Memoranda in force by partner's country"),
        lambda scope: _by_partner_field(scope, "country", country_label),
    )
    kpis.chart("health", _("Health of the memoranda in force"), health_chart, "doughnut")
    kpis.report("memoranda", _("Memoranda"), report_section)
    kpis.trend(
        "in_force", _("Memoranda in force at the end of the year"), _in_force_by_year, order=20
    )
    kpis.sdg_records("memoranda", _("Memoranda"), MEMORANDA, order=10)
