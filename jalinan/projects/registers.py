"""The projects register on the import framework of ``jalinan.core.imports`` (registered in
``ProjectsConfig.ready()``): one row per project, keyed by the office's project reference,
with its partners (matched to the partner registry), funding by year and income received."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.engine import organisations
from jalinan.core.imports.registry import (
    CHOICE,
    DATE,
    ORGANISATION,
    PERSON,
    TEXT,
    UNIT,
    Column,
    RowError,
)

from .choices import ProjectKind, ProjectStatus

COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Reference"),
        required=True,
        help=gettext_lazy("The office's own project number; a second import updates it."),
        example="RMC/2021/044",
    ),
    Column("title", TEXT, gettext_lazy("Title"), required=True, example="Smart cold rooms"),
    Column(
        "kind",
        CHOICE,
        gettext_lazy("Kind"),
        required=True,
        choices=ProjectKind.choices,
        example="contract",
    ),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Status"),
        required=True,
        choices=ProjectStatus.choices,
        example="active",
    ),
    Column(
        "lead",
        PERSON,
        gettext_lazy("Project leader"),
        required=True,
        help=gettext_lazy("The e-mail address of the person's account."),
        example="aminah@iium.example",
    ),
    Column(
        "kcdio", UNIT, gettext_lazy("KCDIO"), help=gettext_lazy("The unit's code."), example="koe"
    ),
    Column(
        "partners",
        ORGANISATION,
        gettext_lazy("Partners"),
        required=True,
        many=True,
        help=gettext_lazy(
            "Partner organisations by name, separated by “;”: each is matched to the partner "
            "registry; a name it does not know is added to it."
        ),
        example="Gombak Precision Engineering Sdn. Bhd.",
    ),
    Column("start_date", DATE, gettext_lazy("Start date"), example="2021-07-01"),
    Column("end_date", DATE, gettext_lazy("End date"), example="2023-06-30"),
    Column("summary", TEXT, gettext_lazy("Summary")),
    Column(
        "funding",
        TEXT,
        gettext_lazy("Funding by year"),
        help=gettext_lazy(
            "The first partner's funding, “year: cash” or “year: cash + in kind”, separated by “;”."
        ),
        example="2021: 60000; 2022: 40000 + 5000",
    ),
    Column(
        "income",
        TEXT,
        gettext_lazy("Income received"),
        help=gettext_lazy("“date: amount”, separated by “;”."),
        example="2021-09-30: 30000; 2022-03-31: 30000",
    ),
)

CENTS = Decimal("0.01")


def _amount(text: str) -> Decimal:
    value = Decimal(re.sub(r"(?i)^rm|[\s,]", "", text))
    if not value.is_finite() or value < 0:
        raise InvalidOperation
    return value.quantize(CENTS)


def _funding(text: str) -> list[tuple[int, Decimal, Decimal]]:
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        try:
            year, money = (x.strip() for x in part.split(":", 1))
            cash, _sep, kind = money.partition("+")
            out.append((int(year), _amount(cash), _amount(kind) if kind.strip() else Decimal(0)))
        except (ValueError, InvalidOperation):
            raise RowError(
                _("funding: “%(part)s” is not “year: cash” or “year: cash + in kind”")
                % {"part": part}
            ) from None
    return out


def _income(text: str) -> list[tuple[datetime.date, Decimal]]:
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        try:
            day, money = (x.strip() for x in part.rsplit(":", 1))
            out.append((datetime.date.fromisoformat(day), _amount(money)))
        except (ValueError, InvalidOperation):
            raise RowError(
                _("income: “%(part)s” is not “date: amount” (2022-03-31: 30000)") % {"part": part}
            ) from None
    return out


def _differs(project, fields: dict, partners: list, status: str) -> bool:
    for key, value in fields.items():
        current = (
            getattr(project, f"{key}_id") if key in ("lead", "unit") else getattr(project, key)
        )
        if current != getattr(value, "pk", value):
            return True
    have = sorted(project.organisations.values_list("pk", flat=True))
    return have != sorted(o.pk for o in partners) or project.status != status


def write_project(values: dict, *, by, ctx):
    from . import services
    from .models import Project

    funding = _funding(values["funding"])
    income = _income(values["income"])
    partners = organisations(values["partners"], by=by)
    fields = {
        "title": values["title"],
        "kind": values["kind"],
        "lead": values["lead"],
        "unit": values["kcdio"],
        "summary": values["summary"] or "",
        "start_date": values["start_date"],
        "end_date": values["end_date"],
    }
    project = Project.objects.filter(reference=values["reference"]).first()
    outcome = "unchanged"
    if project is None:
        project = services.project_create(
            by=by,
            reference=values["reference"],
            organisations=partners,
            status=values["status"],
            quiet=True,
            funding=[
                {"year": y, "organisation": partners[0], "cash": c, "in_kind": k}
                for y, c, k in funding
            ],
            **fields,
        )
        outcome, funding = "created", []
    else:
        differs = _differs(project, fields, partners, values["status"])
        if differs:
            project = services.project_update(
                project=project, by=by, organisations=partners, status=values["status"], **fields
            )
            outcome = "updated"
    have = {(f.year, f.cash, f.in_kind) for f in project.funding.filter(organisation=partners[0])}
    for year, cash, kind in funding:
        if (year, cash, kind) not in have:
            services.funding_add(
                project=project, by=by, year=year, organisation=partners[0], cash=cash, in_kind=kind
            )
            outcome = "updated" if outcome == "unchanged" else outcome
    received = {(i.received_on, i.amount) for i in project.income.all()}
    for day, amount in income:
        if (day, amount) not in received:
            services.income_record(
                project=project, by=by, received_on=day, amount=amount, payer=partners[0]
            )
            outcome = "updated" if outcome == "unchanged" else outcome
    return project, outcome


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.accounts.roles import is_oil
    from jalinan.core.imports.registry import register_import

    register_import(
        "projects",
        label=gettext_lazy("Projects"),
        description=gettext_lazy(
            "Projects with their partners, funding by year and income received."
        ),
        columns=COLUMNS,
        write_row=write_project,
        reference="reference",
        can_import=is_oil,
        order=30,
        object_url=lambda project: project.get_absolute_url(),
    )
