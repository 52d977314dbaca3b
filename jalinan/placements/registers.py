"""The placements registers on the import framework of ``jalinan.core.imports`` (registered in
``PlacementsConfig.ready()``):

- graduate outcomes: the tracer study's answers, one row per graduate, keyed by the graduate's
  e-mail (one outcome each). An employer the partner registry knows by that exact name is
  linked to it; any other is kept as a name.
- placements: the office's history of past internships and industry projects, keyed by its
  own reference. Such a placement has no opening or application in Jalinan
  (``services.placements.placement_record``); the student must already have an account (the
  register creates none), the company is matched to the partner registry (a name it does not
  know is added to it) and nobody is notified.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.imports.engine import organisations
from jalinan.core.imports.registry import (
    CHOICE,
    CREATED,
    DATE,
    ORGANISATION,
    PERSON,
    TEXT,
    UNCHANGED,
    UNIT,
    UPDATED,
    Column,
    RowError,
)

from .choices import OpeningKind, OutcomeStatus, PlacementStatus

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


PLACEMENT_COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Reference"),
        required=True,
        help=gettext_lazy("The office's own number for the placement; a second import updates it."),
        example="PL/2022/0031",
    ),
    Column(
        "student",
        TEXT,
        gettext_lazy("Student"),
        required=True,
        help=gettext_lazy(
            "The student's matric number or the e-mail address of their account (the import "
            "creates no accounts)."
        ),
        aliases=("matric", "matric_number"),
        example="2000001",
    ),
    Column(
        "company",
        ORGANISATION,
        gettext_lazy("Company"),
        required=True,
        help=gettext_lazy(
            "Matched to the partner registry by name; a name it does not know is added to it."
        ),
        aliases=("organisation",),
        example="Gombak Precision Engineering Sdn. Bhd.",
    ),
    Column(
        "kind",
        CHOICE,
        gettext_lazy("Kind"),
        choices=OpeningKind.choices,
        help=gettext_lazy("Internship when empty."),
        example="internship",
    ),
    Column("starts_on", DATE, gettext_lazy("Starts on"), required=True, example="2022-03-07"),
    Column("ends_on", DATE, gettext_lazy("Ends on"), required=True, example="2022-05-27"),
    Column(
        "status",
        CHOICE,
        gettext_lazy("Status"),
        choices=PlacementStatus.choices,
        help=gettext_lazy(
            "Completed when empty; a placement that has ended is completed or cancelled."
        ),
        example="completed",
    ),
    Column(
        "industry_supervisor",
        TEXT,
        gettext_lazy("Industry supervisor"),
        example="Encik Hafiz Rahman",
    ),
    Column(
        "industry_supervisor_email",
        TEXT,
        gettext_lazy("Industry supervisor's e-mail"),
        example="hafiz@gombak-precision.example",
    ),
    Column(
        "academic_supervisor",
        PERSON,
        gettext_lazy("Academic supervisor"),
        help=gettext_lazy("The e-mail address of a member of academic staff."),
        example="academic@demo.iium.example",
    ),
    Column(
        "kulliyyah",
        UNIT,
        gettext_lazy("Kulliyyah"),
        help=gettext_lazy(
            "Checked against the student's (their programme's): coordinators see the "
            "placements of their Kulliyyah's students."
        ),
        example="koe",
    ),
)


def _student(text: str, ctx):
    """The active account whose e-mail or matric number is ``text``; a RowError otherwise."""
    from jalinan.accounts.models import User

    students = ctx.cache.setdefault("placement_students", {})
    key = text.strip().lower()
    if key not in students:
        field = "email__iexact" if "@" in key else "staff_id__iexact"
        found = list(User.objects.filter(is_active=True, **{field: key})[:2])
        students[key] = found
    found = students[key]
    if len(found) == 1:
        return found[0]
    if found:
        raise RowError(
            _("student: more than one account has the matric number “%(value)s”") % {"value": text}
        )
    raise RowError(
        _("student: nobody with the matric number or e-mail address “%(value)s” has an account")
        % {"value": text}
    )


def _check_kulliyyah(student, unit, ctx) -> None:
    profile = getattr(student, "student_profile", None) if student else None
    own = profile.kulliyyah if profile is not None else None
    if unit is None:
        return
    if own is None:
        ctx.notes.append(
            _(
                "the student has no Kulliyyah in their placement profile: their coordinators "
                "will see the placement once it is set"
            )
        )
        return
    if own.pk != unit.pk:
        raise RowError(
            _("kulliyyah: the student's Kulliyyah is %(own)s, not %(given)s")
            % {"own": own.code, "given": unit.code}
        )


def write_placement(values: dict, *, by, ctx):
    from .models import Placement
    from .services.placements import placement_record

    student = _student(values["student"], ctx)
    _check_kulliyyah(student, values["kulliyyah"], ctx)
    fields = {
        "student": student,
        "kind": values["kind"] or OpeningKind.INTERNSHIP,
        "starts_on": values["starts_on"],
        "ends_on": values["ends_on"],
        "status": values["status"] or PlacementStatus.COMPLETED,
        "industry_supervisor_name": values["industry_supervisor"] or "",
        "industry_supervisor_email": values["industry_supervisor_email"] or "",
        "academic_supervisor": values["academic_supervisor"],
    }
    existing = Placement.objects.filter(reference=values["reference"]).first()
    company = values["company"]
    if existing is not None and getattr(company, "pk", None) == existing.organisation_id:
        same = all(
            (getattr(existing, f"{k}_id") == getattr(v, "pk", None))
            if k in ("student", "academic_supervisor")
            else getattr(existing, k) == v
            for k, v in fields.items()
        )
        if same:
            return existing, UNCHANGED
    (organisation,) = organisations([company], by=by)
    placement = placement_record(
        reference=values["reference"], by=by, organisation=organisation, **fields
    )
    return placement, CREATED if existing is None else UPDATED


def register() -> None:
    """Declare the registers to the import framework; called from ``AppConfig.ready()``."""
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
    register_import(
        "placements",
        label=gettext_lazy("Placements history"),
        description=gettext_lazy(
            "Past internships and industry projects: the student, the company and the period, "
            "with the supervisors."
        ),
        columns=PLACEMENT_COLUMNS,
        write_row=write_placement,
        reference="reference",
        can_import=is_oil,
        order=60,
        object_url=lambda placement: placement.get_absolute_url(),
    )
