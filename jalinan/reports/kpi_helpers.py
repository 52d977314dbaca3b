"""What every app's ``kpis.py`` counts with, so that a figure is counted, and a sector or a
KCDIO named, one way on every chart and table (see :mod:`.registry` for what an app registers).

Each helper takes the app's own queryset, already read through the reader's visibility rule
and narrowed to the scope's units (``x_for(scope.user).filter(scope.unit_q(...))``), and the
paths to the fields it groups or dates by; none widens what the queryset holds.

- :func:`count_by_year`, :func:`count_each_year`, :func:`count_by_unit`, :func:`count_rows`:
  the figures' queries;
- :func:`count_series`, :func:`unit_series`, :func:`year_series` (and :func:`units_ordered`,
  :func:`in_choice_order`): the charts and tables drawn from them;
- :func:`sector_label`: a partner's MSIC section, as every chart and table names it;
- :func:`sdg_counts_by_unit`, :func:`sdg_counts_by_sector`, and :class:`SdgRecords`: a
  record type as an SDG source, its counts and its evidence rows;
- :class:`AppKpis`: registers what an app counts with them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from jalinan.partners.msic import SECTIONS
from jalinan.sdgs import kpis as sdg_kpis
from jalinan.sdgs.selectors import filter_by_goal

from .registry import (
    Chart,
    Dataset,
    Evidence,
    Figure,
    Number,
    ReportPart,
    Scope,
    SdgSource,
    Series,
    Trend,
    register_chart,
    register_figure,
    register_report_section,
    register_sdg_source,
    register_trend,
)

# -- registering -------------------------------------------------------------------------------


class AppKpis:
    """Registers what one app counts (see :mod:`.registry`), under keys ``<app>.<name>``,
    from its ``kpis.register()``:

    - figures and charts, in the dashboard ``section`` (the app's name unless given, or
      another per call), shown in the order registered (an ``order`` of 10, 20, … in each
      section unless one is given); a figure registered without ``compute`` reads its value,
      under its name, from ``values(scope)``, a dict its section's figures share (one query);
    - report parts; they and the figures fall under ``ministry_category`` unless they name
      another (``ministry_category=""``: none);
    - trends and SDG sources (see :class:`SdgRecords`), whose ``order`` places them among
      every app's.
    """

    def __init__(
        self,
        app: str,
        *,
        section: str = "",
        ministry_category: str = "",
        values: Callable[[Scope], Mapping[str, Any]] | None = None,
    ) -> None:
        self.app = app
        self.section = section or app
        self.ministry_category = ministry_category
        self.values = values
        self._registered: dict[tuple[str, str], int] = {}

    def _next_order(self, kind: str, section: str) -> int:
        n = self._registered.get((kind, section), 0) + 1
        self._registered[kind, section] = n
        return n * 10

    def figure(
        self,
        name: str,
        label,
        compute: Callable[[Scope], Any] | None = None,
        *,
        trend: Callable[[Scope], Mapping[int, Any]] | None = None,
        trend_order: int = 100,
        **options,
    ) -> Figure:
        """A figure; with ``trend`` (``{year: value}``), also its line of the five-year trends,
        under the same name and label."""
        section = options.pop("section", self.section)
        options.setdefault("order", self._next_order("figure", section))
        options.setdefault("ministry_category", self.ministry_category)
        if trend is not None:
            unit = options.get("unit", "count")
            self.trend(name, label, trend, unit=unit, order=trend_order)
        return register_figure(
            f"{self.app}.{name}",
            label=label,
            section=section,
            compute=compute or self._value(name),
            **options,
        )

    def figures(self, **labels) -> None:
        """Figures read from ``values``, ``name=label`` each, in the order given."""
        for name, label in labels.items():
            self.figure(name, label)

    def _value(self, name: str) -> Callable[[Scope], Any]:
        values = self.values
        if values is None:
            raise ValueError(f"No values to read {name!r} from: give compute or values")
        return lambda scope: values(scope)[name]

    def chart(
        self, name: str, label, compute: Callable[[Scope], Any], kind: str = "bar", **options
    ) -> Chart:
        section = options.pop("section", self.section)
        options.setdefault("order", self._next_order("chart", section))
        return register_chart(
            f"{self.app}.{name}",
            label=label,
            section=section,
            compute=compute,
            kind=kind,
            **options,
        )

    def report(self, name: str, label, compute: Callable[[Scope], Any], **options) -> ReportPart:
        options.setdefault("ministry_category", self.ministry_category)
        return register_report_section(
            f"{self.app}.{name}", label=label, compute=compute, **options
        )

    def trend(self, name: str, label, compute: Callable[[Scope], Any], **options) -> Trend:
        return register_trend(f"{self.app}.{name}", label=label, compute=compute, **options)

    def sdg_records(self, name: str, label, records: SdgRecords, *, order: int) -> SdgSource:
        """An SDG source: ``records`` say which records count and how the evidence pack lists
        them; ``order`` places the source among every app's."""
        return register_sdg_source(
            f"{self.app}.{name}",
            label=label,
            by_unit=records.by_unit,
            by_sector=records.by_sector,
            evidence=records.evidence,
            order=order,
        )


# -- counting ----------------------------------------------------------------------------------


def count_by_year(
    scope: Scope,
    records: QuerySet,
    date_field: str,
    *,
    total: str | None = None,
    since: int | None = None,
) -> dict[int, Any]:
    """``{year: number of records}`` (with ``total``, the sum of that field instead) by the
    year of ``date_field`` (a date, or a datetime in the current time zone), from ``since``
    (the first trend year unless given) to the last year asked for: one query. Years with
    nothing are left out."""
    first = scope.trend_years[0] if since is None else since
    rows = (
        records.filter(
            **{f"{date_field}__year__gte": first, f"{date_field}__year__lte": scope.year_to}
        )
        .annotate(y=ExtractYear(date_field))
        .values_list("y")
        .annotate(v=Sum(total) if total else Count("pk"))
        .order_by()
    )
    return {year: value or 0 for year, value in rows}


def count_each_year(scope: Scope, records: QuerySet, in_year: Callable[[int], Q]) -> dict[int, int]:
    """``{year: number of records matching in_year(year)}`` for each trend year, in one
    query: for stock figures (in force at the end of the year, running during it)."""
    row = records.aggregate(
        **{f"y{year}": Count("pk", filter=in_year(year)) for year in scope.trend_years}
    )
    return {year: row[f"y{year}"] for year in scope.trend_years}


def count_rows(records: QuerySet, *fields: str, order_by: tuple[str, ...] = ()) -> list[tuple]:
    """``(value of each field…, number of records)`` per distinct value of ``fields``, in the
    order ``order_by`` (``"-n"``: the largest count first), in one query."""
    return list(records.values_list(*fields).annotate(n=Count("pk")).order_by(*order_by))


def count_by_unit(records: QuerySet, unit: str = "unit_id") -> dict[int | None, int]:
    """``{unit id: number of records}`` by the path ``unit`` (not rolled up: see
    :meth:`.Scope.roll_up`)."""
    return dict(count_rows(records, unit))


# -- charts ------------------------------------------------------------------------------------


def count_series(
    rows: Iterable[tuple[Any, Number | None]],
    *,
    label,
    x_label,
    label_of: Callable[[Any], Any] | None = None,
) -> Series:
    """One dataset named ``label`` from ``(key, value)`` rows, in their order, each row
    labelled ``label_of(key)`` (the key itself by default)."""
    rows = list(rows)
    return Series(
        labels=[label_of(key) if label_of else key for key, _value in rows],
        datasets=[Dataset(label, [value for _key, value in rows])],
        x_label=x_label,
    )


def in_choice_order(counts: Mapping[str, Any], choices) -> list[tuple[Any, Any]]:
    """``(label, count)`` for each of ``choices`` (a ``TextChoices``) that has a count, in the
    order the choices are declared."""
    return [(c.label, counts[c.value]) for c in choices if counts.get(c.value)]


def units_ordered(scope: Scope, by_unit: Mapping[int | None, Any]) -> list[tuple[int | None, Any]]:
    """``(reporting unit id, value)`` rolled up to the reporting KCDIOs, largest first."""
    totals = scope.roll_up(by_unit)
    return sorted(totals.items(), key=lambda kv: (-kv[1], scope.unit_name(kv[0])))


def unit_series(scope: Scope, by_unit: Mapping[int | None, Any], *, label) -> Series:
    """One dataset by reporting KCDIO (see :func:`units_ordered`)."""
    return count_series(
        units_ordered(scope, by_unit), label=label, x_label=_("KCDIO"), label_of=scope.unit_name
    )


def year_series(
    scope: Scope,
    datasets: Iterable[tuple[Any, Mapping[int, Any]]],
    *,
    unit: str = "count",
    missing: Number = 0,
) -> Series:
    """The trend years along the axis, one dataset per ``(label, {year: value})``."""
    years = scope.trend_years
    return Series(
        labels=[str(year) for year in years],
        datasets=[
            Dataset(label, [values.get(year, missing) for year in years])
            for label, values in datasets
        ],
        x_label=_("Year"),
        unit=unit,
    )


def sector_label(code: str | None) -> str:
    """A partner's sector, its MSIC section, as every chart and table names it:
    "C — Manufacturing", or "Sector not recorded"."""
    if not code:
        return str(_("Sector not recorded"))
    return f"{code} — {SECTIONS.get(code, code)}"


# -- SDG sources -------------------------------------------------------------------------------


def sdg_counts_by_unit(records: QuerySet, unit: str | None) -> dict:
    """``{unit id: {goal: records}}`` by the path ``unit``; ``None``: the record type has no
    KCDIO, and its records count under "No KCDIO"."""
    return sdg_kpis.goal_counts(records, by=unit)


def sdg_counts_by_sector(records: QuerySet, partners: str | None) -> dict:
    """``{MSIC section: {goal: records}}``: a record counts once in each of its partners'
    sectors, and not at all without a partner.

    ``partners`` is the path from a record to its partner organisations: a foreign key
    (``"organisation"``), a many-to-many field (``"organisations"``), a reverse foreign key
    and on (``"parties__organisation"``), ``""`` when the records are the organisations, or
    ``None`` when the record type has no partner.
    """
    if partners is None:
        return {}
    if partners == "":
        return sdg_kpis.goal_counts(records, by="msic_section")
    head, _sep, rest = partners.partition("__")
    field = records.model._meta.get_field(head)
    if field.many_to_many:
        links, to_record, to_partner = (
            field.remote_field.through,
            field.m2m_field_name(),
            field.m2m_reverse_field_name(),
        )
    elif field.one_to_many:
        links, to_record, to_partner = field.related_model, field.field.name, rest
    else:
        return sdg_kpis.goal_counts(
            records.filter(**{f"{partners}__isnull": False}), by=f"{partners}__msic_section"
        )
    # Through the links, so that a record with partners in two sectors counts in both.
    return sdg_kpis.goal_counts(
        links.objects.filter(**{f"{to_record}_id__in": records.values("pk")}),
        by=f"{to_partner}__msic_section",
        record=f"{to_record}_id",
        model=records.model,
    )


def _follow(obj, path: str) -> list:
    """The objects at the end of ``path`` (``a__b``) from ``obj``, through managers too."""
    if not path:
        return [obj]
    head, _sep, rest = path.partition("__")
    value = getattr(obj, head)
    if value is None:
        return []
    items = value.all() if hasattr(value, "all") else [value]
    return [end for item in items for end in _follow(item, rest)]


@dataclass(frozen=True)
class SdgRecords:
    """A record type whose accepted SDG tags count, for :meth:`AppKpis.sdg_records`.

    ``records(scope)`` are the records of the period the coverage counts, by the path ``unit``
    to their KCDIO (``None``: they have none) and the path ``partners`` to their partner
    organisations (see :func:`sdg_counts_by_sector`).

    ``listed(scope)`` are those the evidence pack may name (all of them by default), in the
    order ``order_by``, ``related`` joined: ``describe(record)`` names a record as people know
    it, ``date`` and ``period`` say when (neither by default), ``url`` gives its page
    (``get_absolute_url()`` by default), and its partners are named from the path
    ``partners`` unless ``partner_names(record)`` names them.
    """

    records: Callable[[Scope], QuerySet]
    describe: Callable[[Any], str]
    unit: str | None = "unit_id"
    partners: str | None = None
    listed: Callable[[Scope], QuerySet] | None = None
    partner_names: Callable[[Any], list[str]] | None = None
    date: Callable[[Any], datetime.date | None] | None = None
    period: Callable[[Any], str] | None = None
    url: Callable[[Any], str] | None = None
    order_by: tuple[str, ...] = ("pk",)
    related: tuple[str, ...] = ()

    def by_unit(self, scope: Scope) -> dict:
        return sdg_counts_by_unit(self.records(scope), self.unit)

    def by_sector(self, scope: Scope) -> dict:
        return sdg_counts_by_sector(self.records(scope), self.partners)

    def evidence(self, scope: Scope, goal: int) -> list[Evidence]:
        """The records with an accepted tag for ``goal``, as the evidence pack lists them: in
        two queries, and a third for their partners."""
        records = (self.listed or self.records)(scope)
        query = filter_by_goal(records, goal).select_related(*self.related)
        if self.partners:
            query = query.prefetch_related(self.partners)
        items = list(query.order_by(*self.order_by))
        tags = sdg_kpis.accepted_tags(records.model, [o.pk for o in items], goal)
        return [
            Evidence(
                record=self.describe(o),
                url=self.url(o) if self.url else o.get_absolute_url(),
                date=self.date(o) if self.date else None,
                period=self.period(o) if self.period else "",
                partners=self._partner_names(o),
                unit=self._unit_name(scope, o),
                tag=tags.get(o.pk, {}),
            )
            for o in items
        ]

    def _partner_names(self, record) -> list[str]:
        if self.partner_names is not None:
            return self.partner_names(record)
        if self.partners is None:
            return []
        return [org.legal_name for org in _follow(record, self.partners)]

    def _unit_name(self, scope: Scope, record) -> str:
        unit_id = next(iter(_follow(record, self.unit)), None) if self.unit else None
        return scope.unit_name(unit_id) if unit_id else ""
