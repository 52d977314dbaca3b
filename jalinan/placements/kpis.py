"""What placements give the dashboards and reports (see :mod:`jalinan.reports.registry`).

Counted as the employability figure is (:func:`.selectors.employability`): the office and
management count every student, a coordinator the students of their units. A placement counts
in the year it starts (cancelled ones never); graduates in the year they graduate.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids
from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_year,
    count_rows,
    count_series,
    in_choice_order,
    sector_label,
)
from jalinan.reports.registry import ReportSection, Series, Stat, Table

from .choices import OpeningKind, OpeningStatus, OutcomeStatus, PlacementStatus
from .models import GraduateOutcome, Opening, Placement
from .permissions import is_coordinator
from .selectors.openings import openings_for
from .selectors.outcomes import employability

STUDENT_UNIT = "student__student_profile__kulliyyah_id"


def _counted_units(user) -> set[int] | None:
    """``None``: every student; else the units whose students ``user`` may count."""
    if is_oil(user) or has_role(user, Role.MANAGEMENT):
        return None
    if is_coordinator(user):
        return unit_ids(user)
    return set()


def _narrow(qs, scope, path: str = STUDENT_UNIT):
    allowed = _counted_units(scope.user)
    if allowed is not None:
        qs = qs.filter(**{f"{path}__in": sorted(allowed)})
    return qs.filter(scope.unit_q(path))


def _placements(scope):
    return _narrow(Placement.objects.exclude(status=PlacementStatus.CANCELLED), scope)


def _in_period(scope):
    return _placements(scope).filter(scope.in_years("starts_on"))


def _headline(scope) -> dict:
    return scope.once(
        "placements.headline",
        lambda: _in_period(scope).aggregate(
            placements=Count("pk"),
            students=Count("student", distinct=True),
            hosts=Count("organisation", distinct=True),
            completed=Count("pk", filter=Q(status=PlacementStatus.COMPLETED)),
        ),
    )


def _employability(scope) -> dict:
    return scope.once(
        "placements.employability",
        lambda: employability(
            user=scope.user,
            unit_ids_in=set(scope.unit_ids) if scope.unit_ids is not None else None,
            graduated_from=scope.start,
            graduated_to=scope.end,
        ),
    )


def _openings(scope):
    """Openings published that start in the period. Openings belong to no KCDIO, so they
    are counted for the whole university only."""
    if scope.unit_ids is not None:
        return Opening.objects.none()
    return (
        openings_for(scope.user)
        .filter(
            status__in=[OpeningStatus.PUBLISHED, OpeningStatus.CLOSED],
            published_at__isnull=False,
        )
        .filter(scope.in_years("starts_on"))
    )


def _openings_count(scope) -> int | None:
    if scope.unit_ids is not None:
        return None
    return scope.once("placements.openings", lambda: _openings(scope).count())


def _by_kind(scope) -> list[tuple[str, int]]:
    return scope.once(
        "placements.by_kind",
        lambda: count_rows(_in_period(scope), "kind", order_by=("-n",)),
    )


def by_kind(scope) -> Series:
    return count_series(
        _by_kind(scope),
        label=_("Placements"),
        x_label=_("Kind"),
        label_of=lambda k: OpeningKind(k).label,
    )


def _by_sector(scope) -> list[tuple[str, int]]:
    return scope.once(
        "placements.by_sector",
        lambda: count_rows(
            _in_period(scope),
            "organisation__msic_section",
            order_by=("-n", "organisation__msic_section"),
        ),
    )


def by_sector(scope) -> Series:
    return count_series(
        _by_sector(scope), label=_("Placements"), x_label=_("Host's sector"), label_of=sector_label
    )


def _destinations(scope) -> dict[str, int]:
    def compute():
        qs = _narrow(GraduateOutcome.objects.all(), scope).filter(scope.in_years("graduated_on"))
        return dict(count_rows(qs, "status"))

    return scope.once("placements.destinations", compute)


def destinations(scope) -> Series:
    return count_series(
        in_choice_order(_destinations(scope), OutcomeStatus),
        label=_("Graduates"),
        x_label=_("Destination"),
    )


def per_year(scope) -> dict[int, int]:
    return count_by_year(scope, _placements(scope), "starts_on")


def report_section(scope) -> ReportSection:
    head = _headline(scope)
    emp = _employability(scope)
    hosts = count_rows(
        _in_period(scope),
        "organisation__legal_name",
        "organisation__msic_section",
        order_by=("-n", "organisation__legal_name"),
    )
    stats = [
        Stat(_("Placements started"), head["placements"]),
        Stat(_("Students placed"), head["students"]),
        Stat(_("Host organisations"), head["hosts"]),
        Stat(_("Placements completed"), head["completed"]),
        Stat(_("Graduates with a known destination"), emp["graduates"]),
        Stat(_("Graduate employability (%)"), emp["rate"], unit="percent"),
        Stat(
            _("Employed graduates working where they were placed (%)"),
            emp["partner_share"],
            unit="percent",
        ),
    ]
    if scope.unit_ids is None:
        stats.insert(0, Stat(_("Openings published"), _openings_count(scope)))
    return ReportSection(
        stats=stats,
        tables=[
            Table(
                _("Placements by kind"),
                [_("Kind"), _("Placements")],
                [[OpeningKind(k).label, n] for k, n in _by_kind(scope)],
            ),
            Table(
                _("Graduate destinations within six months"),
                [_("Destination"), _("Graduates")],
                [list(row) for row in in_choice_order(_destinations(scope), OutcomeStatus)],
            ),
        ],
        lists=[
            Table(
                _("Placements by host organisation"),
                [_("Host organisation"), _("Sector"), _("Placements")],
                [[name, sector_label(code) if code else "", n] for name, code, n in hosts],
            ),
        ],
        notes=[
            _(
                "Employability counts graduates employed, self-employed, in further study or "
                "in an upskilling programme within six months of graduating."
            )
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

OPENINGS = SdgRecords(
    _openings,
    unit=None,  # openings belong to no KCDIO: "No KCDIO", for the whole university only
    partners="organisation",
    describe=lambda o: f"{o.title} ({o.get_kind_display()})",
    date=lambda o: timezone.localtime(o.published_at).date() if o.published_at else None,
    period=lambda o: f"{o.starts_on:%d/%m/%Y} – {o.ends_on:%d/%m/%Y}",
    order_by=("starts_on", "pk"),
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("placements", ministry_category="placements", values=_headline)
    kpis.figure(
        "placements", _("Placements started"), headline=True, trend=per_year, trend_order=40
    )
    kpis.figures(students=_("Students placed"), hosts=_("Host organisations"))
    kpis.figure(
        "openings",
        _("Openings published"),
        _openings_count,
        help=_("Openings belong to no KCDIO: counted for the whole university only."),
    )
    kpis.figure(
        "employability",
        _("Graduate employability"),
        lambda scope: _employability(scope)["rate"],
        unit="percent",
        headline=True,
        help=_(
            "Graduates of the period employed, self-employed, studying or upskilling within "
            "six months of graduating."
        ),
    )
    kpis.chart("by_kind", _("Placements by kind"), by_kind, "doughnut")
    kpis.chart("by_sector", _("Placements by host's sector"), by_sector, "hbar")
    kpis.chart("destinations", _("Graduate destinations"), destinations, "doughnut")
    kpis.report("placements", _("Placements and graduate employability"), report_section)
    kpis.sdg_records("openings", _("Placement openings"), OPENINGS, order=40)
