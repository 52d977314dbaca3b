"""What every app's ``kpis.py`` counts with, so that a figure is counted, and a sector or a
KCDIO named, one way on every chart and table (see :mod:`.registry` for what an app registers).

Each helper takes the app's own queryset, already read through the reader's visibility rule
and narrowed to the scope's units (``x_for(scope.user).filter(scope.unit_q(...))``), and the
paths to the fields it groups or dates by; none widens what the queryset holds.

- :func:`count_by_year`, :func:`count_each_year`, :func:`count_by_unit`: the figures' queries;
- :func:`count_series`, :func:`unit_series`, :func:`year_series`: the charts drawn from them;
- :func:`sector_label`: a partner's MSIC section, as every chart and table names it;
- :func:`sdg_counts_by_unit`, :func:`sdg_counts_by_sector`, :func:`sdg_evidence`, and
  :func:`register_sdg_records`, which registers a record type as an SDG source with them;
- :class:`SectionKpis`: registers an app's figures, charts and report part for one section.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
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
    register_chart,
    register_figure,
    register_report_section,
    register_sdg_source,
)

# -- registering -------------------------------------------------------------------------------


class SectionKpis:
    """Registers an app's figures and charts in one dashboard section, shown in the order they
    are registered (an ``order`` of 10, 20, … unless one is given), and its report part.

    The figures and the part fall under the section's ministry category unless they name
    another (``ministry_category=""``: none). A figure registered without ``compute`` reads its
    value from ``values(scope)``, a dict shared by the section's figures (one query), under
    the name after the dot of its key (``"engagements.staff"``: ``values(scope)["staff"]``).
    """

    def __init__(
        self,
        section: str,
        *,
        ministry_category: str = "",
        values: Callable[[Scope], Mapping[str, Any]] | None = None,
    ) -> None:
        self.section = section
        self.ministry_category = ministry_category
        self.values = values
        self._figures = 0
        self._charts = 0

    def figure(
        self, key: str, label, compute: Callable[[Scope], Any] | None = None, **options
    ) -> Figure:
        if compute is None:
            compute = self._value(key.partition(".")[2])
        self._figures += 1
        options.setdefault("order", self._figures * 10)
        options.setdefault("ministry_category", self.ministry_category)
        return register_figure(key, label=label, section=self.section, compute=compute, **options)

    def _value(self, name: str) -> Callable[[Scope], Any]:
        values = self.values
        if values is None:
            raise ValueError(f"No values to read {name!r} from: give compute or values")
        return lambda scope: values(scope)[name]

    def chart(
        self, key: str, label, compute: Callable[[Scope], Any], kind: str = "bar", **options
    ) -> Chart:
        self._charts += 1
        options.setdefault("order", self._charts * 10)
        return register_chart(
            key, label=label, section=self.section, compute=compute, kind=kind, **options
        )

    def report(self, key: str, label, compute: Callable[[Scope], Any], **options) -> ReportPart:
        options.setdefault("ministry_category", self.ministry_category)
        return register_report_section(key, label=label, compute=compute, **options)


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


def count_by_unit(records: QuerySet, unit: str = "unit_id") -> dict[int | None, int]:
    """``{unit id: number of records}`` by the path ``unit`` (not rolled up: see
    :meth:`.Scope.roll_up`)."""
    return dict(records.values_list(unit).annotate(n=Count("pk")).order_by())


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


def sdg_evidence(
    scope: Scope,
    records: QuerySet,
    goal: int,
    *,
    describe: Callable[[Any], str],
    unit: str | None = "unit_id",
    partners: str | None = None,
    partner_names: Callable[[Any], list[str]] | None = None,
    date: Callable[[Any], datetime.date | None] | None = None,
    period: Callable[[Any], str] | None = None,
    url: Callable[[Any], str] | None = None,
    order_by: tuple[str, ...] = ("pk",),
    related: tuple[str, ...] = (),
) -> list[Evidence]:
    """The records with an accepted tag for ``goal``, as the evidence pack lists them: in
    two queries and a third for their partners.

    ``describe(record)`` names the record as people know it; ``unit`` is the path to its KCDIO
    (``None``: it has none); ``partners`` the path to its partner organisations (as for
    :func:`sdg_counts_by_sector`), whose names are listed unless ``partner_names(record)``
    gives them; ``date`` and ``period`` say when (neither by default); ``url`` its page
    (``get_absolute_url()`` by default); ``related``: what ``describe`` reads, joined.
    """
    items = filter_by_goal(records, goal).select_related(*related).order_by(*order_by)
    if partners:
        items = items.prefetch_related(partners)
    items = list(items)
    tags = sdg_kpis.accepted_tags(records.model, [o.pk for o in items], goal)
    out = []
    for o in items:
        unit_id = next(iter(_follow(o, unit)), None) if unit else None
        if partner_names is not None:
            names = partner_names(o)
        else:
            names = [org.legal_name for org in _follow(o, partners)] if partners is not None else []
        out.append(
            Evidence(
                record=describe(o),
                url=url(o) if url else o.get_absolute_url(),
                date=date(o) if date else None,
                period=period(o) if period else "",
                partners=names,
                unit=scope.unit_name(unit_id) if unit_id else "",
                tag=tags.get(o.pk, {}),
            )
        )
    return out


def register_sdg_records(
    key: str,
    *,
    label,
    records: Callable[[Scope], QuerySet],
    unit: str | None = "unit_id",
    partners: str | None = None,
    listed: Callable[[Scope], QuerySet] | None = None,
    order: int = 100,
    **evidence,
) -> SdgSource:
    """Register a record type whose accepted SDG tags count: ``records(scope)`` are the
    records of the period the coverage counts, by the path ``unit`` to their KCDIO and the
    path ``partners`` to their partner organisations (see :func:`sdg_counts_by_sector`);
    ``listed(scope)`` the ones the evidence pack may name (all of them by default), described
    as ``evidence`` (the keywords of :func:`sdg_evidence`) says."""
    shown = listed or records
    return register_sdg_source(
        key,
        label=label,
        by_unit=lambda scope: sdg_counts_by_unit(records(scope), unit),
        by_sector=lambda scope: sdg_counts_by_sector(records(scope), partners),
        evidence=lambda scope, goal: sdg_evidence(
            scope, shown(scope), goal, unit=unit, partners=partners, **evidence
        ),
        order=order,
    )
