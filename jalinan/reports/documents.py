"""The reports management and the ministry ask for, built from what the apps register, and
written as PDF, XLSX or CSV. The page shows the same :class:`Document` the files hold.

- ``annual``: the annual industry-linkage report: headline figures, then the apps' parts in
  the ministry's categories, the SDG coverage and the five-year trends;
- ``unit``: the same for one KCDIO (and the units below it);
- ``impact``: the THE Impact Rankings evidence pack for SDG 17 and SDG 9: per goal, how many
  records of each kind carry an accepted tag, then each record with its dates, partners, KCDIO
  and the tag's evidence.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.exports import safe_cell

from . import dashboard, registry
from .registry import MINISTRY_CATEGORIES, Scope, Table

REPORTS = {
    "annual": gettext_lazy("Annual industry-linkage report"),
    "impact": gettext_lazy("THE Impact Rankings evidence pack (SDG 17 and SDG 9)"),
    "unit": gettext_lazy("Unit report"),
}
IMPACT_GOALS = (17, 9)


@dataclass
class Line:
    label: Any
    display: str
    value: Any = None


@dataclass
class Part:
    heading: str
    category: str = ""
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    appendix: bool = False


@dataclass
class Document:
    kind: str
    title: str
    subtitle: str
    scope: Scope
    parts: list[Part]
    generated_at: Any = field(default_factory=timezone.now)

    @property
    def filename(self) -> str:
        unit = f"-unit{self.scope.unit_id}" if self.scope.unit_id else ""
        return f"{self.kind}-report-{self.scope.year_from}{unit}"


def _subtitle(scope: Scope) -> str:
    where = scope.unit_name(scope.unit_id) if scope.unit_id else _("The whole university")
    when = (
        str(scope.year_from)
        if scope.year_from == scope.year_to
        else f"{scope.year_from}–{scope.year_to}"
    )
    as_of = formats.date_format(scope.as_of, "j F Y")
    return _("%(where)s · %(when)s · figures in force on %(day)s") % {
        "where": where,
        "when": when,
        "day": as_of,
    }


def _summary(scope: Scope) -> Part:
    part = Part(_("Summary"))
    for figure in registry.figures():
        if not figure.ministry_category:
            continue
        view = dashboard.evaluate_figure(figure, scope)
        part.lines.append(Line(figure.label, view.display, view.value))
    return part


def _trends(scope: Scope) -> Part | None:
    from .kpis import trend_rows

    part = Part(_("Five-year trends"))
    for unit in registry.UNITS:
        chosen, rows = trend_rows(scope, unit)
        if chosen:
            part.tables.append(
                Table(
                    _("Five-year trends (RM)") if unit == "rm" else _("Five-year trends"),
                    [_("Year"), *[str(t.label) for t in chosen]],
                    [[str(row[0]), *row[1:]] for row in rows],
                )
            )
    return part if part.tables else None


def _parts(kind: str, scope: Scope) -> tuple[list[Part], list[Part]]:
    """The apps' parts in the ministry's categories, and the appendices holding their lists
    of records."""
    parts: list[Part] = []
    appendices: list[Part] = []
    for entry in registry.report_parts(kind):
        section = entry.compute(scope)
        category = str(MINISTRY_CATEGORIES[entry.ministry_category])
        parts.append(
            Part(
                heading=str(entry.label),
                category=category,
                lines=[
                    Line(s.label, dashboard.format_value(s.value, s.unit), s.value)
                    for s in section.stats
                ],
                tables=section.tables,
                notes=[str(n) for n in section.notes],
            )
        )
        if section.lists:
            letter = chr(ord("A") + len(appendices))
            appendices.append(
                Part(
                    heading=_("Appendix %(letter)s: %(part)s")
                    % {"letter": letter, "part": entry.label},
                    category=category,
                    tables=section.lists,
                    appendix=True,
                )
            )
    return parts, appendices


def _tag_note(tag: Mapping[str, Any]) -> tuple[str, str]:
    """What an accepted tag says: (who decided it, how it came), and (what matched)."""
    if not tag:
        return "", ""
    day = (
        formats.date_format(timezone.localtime(tag["decided_at"]), "j M Y")
        if tag.get("decided_at")
        else ""
    )
    who = tag.get("decided_by") or "?"
    if tag.get("source") == "person":
        how = _("added by %(who)s, %(day)s") % {"who": who, "day": day}
    else:
        how = _("classifier (%(c)s), accepted by %(who)s, %(day)s") % {
            "c": formats.number_format(tag.get("confidence") or 0, 2),
            "who": who,
            "day": day,
        }
    bits = []
    codes = [c for c, _t in tag.get("targets") or [] if c]
    if codes:
        bits.append(_("targets %(codes)s") % {"codes": ", ".join(codes)})
    terms = tag.get("terms") or []
    if terms:
        bits.append(_("terms: %(terms)s") % {"terms": ", ".join(terms[:8])})
    return how, "; ".join(bits)


def _impact(scope: Scope) -> list[Part]:
    from .kpis import goal_label

    sources = registry.sdg_sources()
    parts = []
    for goal in IMPACT_GOALS:
        part = Part(goal_label(goal), category=_("THE Impact Rankings evidence"))
        evidence = {s.key: s.evidence(scope, goal) for s in sources}
        part.tables.append(
            Table(
                _("Records with an accepted tag for SDG %(goal)s") % {"goal": goal},
                [_("Kind of record"), _("Records")],
                [[str(s.label), len(evidence[s.key])] for s in sources],
            )
        )
        for source in sources:
            items = evidence[source.key]
            if not items:
                continue
            rows = []
            for e in items:
                how, why = _tag_note(e.tag)
                when = e.period or (e.date.strftime("%d/%m/%Y") if e.date else "")
                rows.append([e.record, when, "; ".join(e.partners), e.unit, how, why])
            part.tables.append(
                Table(
                    f"SDG {goal} · {source.label}",
                    [
                        _("Record"),
                        _("When"),
                        _("Partners"),
                        _("KCDIO"),
                        _("Tag"),
                        _("Evidence"),
                    ],
                    rows,
                    links=[e.url for e in items],
                )
            )
        part.notes.append(
            _(
                "Records of the period carrying a tag for this goal that a person accepted; "
                "suggestions not yet decided are left out."
            )
        )
        parts.append(part)
    return parts


def build(kind: str, scope: Scope) -> Document:
    if kind not in REPORTS:
        raise ValueError(kind)
    if kind == "impact":
        parts = _impact(scope)
    else:
        main, appendices = _parts(kind, scope)
        trends = _trends(scope)
        parts = [_summary(scope), *main, *([trends] if trends else []), *appendices]
    return Document(kind, str(REPORTS[kind]), _subtitle(scope), scope, parts)


# -- files ---------------------------------------------------------------------------------


def _cell(value):
    return safe_cell(dashboard.plain(value))


def csv_response(doc: Document) -> HttpResponse:
    """Each part's figures, then each table under its title, in one CSV file."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(doc.title)])
    writer.writerow([_cell(doc.subtitle)])
    for part in doc.parts:
        writer.writerow([])
        writer.writerow([_cell(part.heading)])
        for line in part.lines:
            writer.writerow([_cell(line.label), _cell(line.value)])
        for table in part.tables:
            headers, rows = table.flat()
            writer.writerow([])
            writer.writerow([_cell(table.title)])
            writer.writerow([_cell(h) for h in headers])
            for row in rows:
                writer.writerow([_cell(v) for v in row])
            if table.note:
                writer.writerow([_cell(str(table.note))])
        for note in part.notes:
            writer.writerow([_cell(str(note))])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    _attach(response, doc, "csv")
    return response


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        name = f"{base[:25]} ({n})"
        n += 1
    taken.add(name.lower())
    return name


def xlsx_response(doc: Document) -> HttpResponse:
    """A summary sheet with every part's figures, then one sheet per table."""
    import tablib

    book = tablib.Databook()
    taken: set[str] = set()
    summary = tablib.Dataset(headers=[_cell(_("Part")), _cell(_("Figure")), _cell(_("Value"))])
    summary.title = _sheet_title(_("Summary"), taken)
    for part in doc.parts:
        for line in part.lines:
            summary.append([_cell(part.heading), _cell(line.label), _cell(line.value)])
    book.add_sheet(summary)
    for part in doc.parts:
        for table in part.tables:
            headers, rows = table.flat()
            sheet = tablib.Dataset(headers=[_cell(h) for h in headers])
            sheet.title = _sheet_title(str(table.title), taken)
            for row in rows:
                sheet.append([_cell(v) for v in row])
            if table.note:  # e.g. how many confidential records were left out
                sheet.append([_cell(str(table.note))] + [""] * (len(headers) - 1))
            book.add_sheet(sheet)
    response = HttpResponse(
        book.export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    _attach(response, doc, "xlsx")
    return response


def pdf_response(doc: Document, request) -> HttpResponse:
    from jalinan.core.pdf import pdf_response as render

    return render("reports/pdf/document.html", {"doc": doc}, request, filename=doc.filename)


def _attach(response: HttpResponse, doc: Document, ext: str) -> None:
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{doc.filename}-{stamp}.{ext}"'
