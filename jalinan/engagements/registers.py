"""The activities register on the import framework of ``jalinan.core.imports`` (registered in
``EngagementsConfig.ready()``): the office's earlier log of meetings, visits, talks…, keyed by
its own reference, with the partners (matched to the registry), the memoranda they served (by
reference) and the staff involved (by e-mail). Their dates feed the memoranda's health."""

from __future__ import annotations

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

from .choices import ActivityType

COLUMNS = (
    Column(
        "reference",
        TEXT,
        gettext_lazy("Reference"),
        required=True,
        help=gettext_lazy("The office's own number for the activity; a second import updates it."),
        example="ACT/2022/0157",
    ),
    Column("date", DATE, gettext_lazy("Date"), required=True, example="2022-05-17"),
    Column(
        "type",
        CHOICE,
        gettext_lazy("Type"),
        required=True,
        choices=ActivityType.choices,
        example="visit",
    ),
    Column("title", TEXT, gettext_lazy("Title"), required=True, example="Visit to the plant"),
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
    Column("kcdio", UNIT, gettext_lazy("Organising KCDIO"), example="koe"),
    Column(
        "memoranda",
        TEXT,
        gettext_lazy("Memoranda"),
        help=gettext_lazy("References of the memoranda it served, separated by “;”."),
        example="MOU/2019/0012",
    ),
    Column(
        "staff",
        PERSON,
        gettext_lazy("Staff involved"),
        many=True,
        help=gettext_lazy("E-mail addresses, separated by “;”."),
        example="aminah@iium.example",
    ),
    Column("location", TEXT, gettext_lazy("Location"), example="Shah Alam"),
    Column("description", TEXT, gettext_lazy("Description")),
    Column("outcome", TEXT, gettext_lazy("Outcome")),
)


def _memoranda(text: str) -> list:
    from jalinan.agreements.models import Memorandum

    refs = [r.strip() for r in (text or "").split(";") if r.strip()]
    found = {m.reference: m for m in Memorandum.objects.filter(reference__in=refs)}
    missing = [r for r in refs if r not in found]
    if missing:
        raise RowError(
            _("memoranda: no memorandum with the reference %(refs)s (import the memoranda first)")
            % {"refs": ", ".join(f"“{r}”" for r in missing)}
        )
    return [found[r] for r in refs]


def write_activity(values: dict, *, by, ctx):
    from . import services
    from .models import Activity

    memoranda = _memoranda(values["memoranda"])
    partners = organisations(values["partners"], by=by)
    staff = values["staff"]
    fields = {
        "title": values["title"],
        "activity_type": values["type"],
        "date": values["date"],
        "unit": values["kcdio"],
        "location": values["location"] or "",
        "description": values["description"] or "",
        "outcome": values["outcome"] or "",
    }
    activity = Activity.objects.filter(reference=values["reference"]).first()
    if activity is None:
        activity = services.activity_create(
            by=by,
            organisations=partners,
            memoranda=memoranda,
            staff=staff,
            reference=values["reference"],
            **fields,
        )
        return activity, "created"
    same = all(
        (activity.unit_id if k == "unit" else getattr(activity, k)) == getattr(v, "pk", v)
        for k, v in fields.items()
    ) and all(
        sorted(getattr(activity, name).values_list("pk", flat=True)) == sorted(o.pk for o in objs)
        for name, objs in (("organisations", partners), ("memoranda", memoranda), ("staff", staff))
    )
    if same:
        return activity, "unchanged"
    activity = services.activity_update(
        activity=activity,
        by=by,
        organisations=partners,
        memoranda=memoranda,
        staff=staff,
        **fields,
    )
    return activity, "updated"


def register() -> None:
    """Declare the register to the import framework; called from ``AppConfig.ready()``."""
    from jalinan.accounts.roles import is_oil
    from jalinan.core.imports.registry import register_import

    register_import(
        "activities",
        label=gettext_lazy("Engagement activities"),
        description=gettext_lazy(
            "Meetings, visits, talks and other activities with partners, with the memoranda "
            "they served."
        ),
        columns=COLUMNS,
        write_row=write_activity,
        reference="reference",
        can_import=is_oil,
        order=20,
        object_url=lambda activity: activity.get_absolute_url(),
    )
