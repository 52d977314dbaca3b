"""The graduate outcomes register on the import framework of ``jalinan.core.imports``
(registered in ``PlacementsConfig.ready()``): the tracer study's answers, one row per graduate,
keyed by the graduate's e-mail (one outcome each). An employer the partner registry knows by
that exact name is linked to it; any other is kept as a name."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.registry import CHOICE, DATE, PERSON, TEXT, Column, RowError

from .choices import OutcomeStatus

COLUMNS = (
    Column(
        "graduate",
        PERSON,
        gettext_lazy("Graduate"),
        required=True,
        help=gettext_lazy("The e-mail address of the graduate's account; one row each."),
        example="ahmad.danial@student.iium.example",
    ),
    Column("graduated_on", DATE, gettext_lazy("Graduated on"), required=True, example="2024-08-15"),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Destination"),
        required=True,
        choices=OutcomeStatus.choices,
        example="employed",
    ),
    Column(
        "employer",
        TEXT,
        gettext_lazy("Employer"),
        help=gettext_lazy("Linked to the partner registry when it has this exact name."),
        example="Gombak Precision Engineering Sdn. Bhd.",
    ),
    Column("job_title", TEXT, gettext_lazy("Job title or course"), example="Graduate engineer"),
    Column("started_on", DATE, gettext_lazy("Started on"), example="2024-10-01"),
)


def _employer(name: str) -> tuple[object | None, str]:
    from jalinan.core.registry import partner_directory

    if not name:
        return None, ""
    exact = [c for c in partner_directory().find_duplicates(legal_name=name) if c.score >= 100]
    if len(exact) == 1:
        return exact[0].organisation, ""
    return None, name


def write_outcome(values: dict, *, by, ctx):
    from .models import GraduateOutcome
    from .services.outcomes import outcome_record

    if not getattr(by, "pk", None):
        raise RowError(_("graduate outcomes are recorded by a person: import them as an officer"))
    org, name = _employer(values["employer"] or "")
    fields = {
        "graduated_on": values["graduated_on"],
        "status": values["status"],
        "employer_organisation": org,
        "employer_name": name,
        "job_title": values["job_title"] or "",
        "started_on": values["started_on"],
    }
    student = values["graduate"]
    existing = GraduateOutcome.objects.filter(student=student).first()
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return existing, "unchanged"
    outcome = outcome_record(student=student, by=by, **fields)
    return outcome, "created" if existing is None else "updated"


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.accounts.roles import is_oil
    from jalinan.core.imports.registry import register_import

    register_import(
        "graduate_outcomes",
        label=gettext_lazy("Graduate outcomes"),
        description=gettext_lazy(
            "Where graduates were within six months of graduating, one row each."
        ),
        columns=COLUMNS,
        write_row=write_outcome,
        reference="graduate",
        can_import=is_oil,
        order=70,
    )
