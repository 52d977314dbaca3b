"""Graduates' outcomes and the employability figure."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from ..choices import EMPLOYABLE_OUTCOMES, OutcomeStatus
from ..models import GraduateOutcome
from ..permissions import is_coordinator


def outcomes_for(user) -> QuerySet[GraduateOutcome]:
    qs = GraduateOutcome.objects.select_related(
        "student__student_profile__programme",
        "student__student_profile__kulliyyah",
        "employer_organisation",
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def employability(
    *,
    user,
    unit_ids_in: set[int] | None = None,
    programme_id: int | None = None,
    graduated_from: date | None = None,
    graduated_to: date | None = None,
) -> dict:
    """The graduate employability figure for the graduates ``user`` may count (the office and
    management: all; a coordinator: their units'), optionally for some units, a programme or
    a graduation window.

    A graduate counts as employable when employed, self-employed, in further study or in an
    upskilling programme, started within six months of graduating (the ministry's tracer
    study). Returns ``{"graduates", "employable", "rate", "employed",
    "with_placement_partner", "partner_share"}`` (``rate`` and ``partner_share`` in percent,
    or None when there is nothing to divide by). Other apps (reports) call this.
    """
    if is_oil(user) or has_role(user, Role.MANAGEMENT):
        qs = GraduateOutcome.objects.all()
    elif is_coordinator(user):
        qs = GraduateOutcome.objects.filter(
            student__student_profile__kulliyyah_id__in=unit_ids(user)
        )
    else:
        qs = GraduateOutcome.objects.none()
    if unit_ids_in:
        qs = qs.filter(student__student_profile__kulliyyah_id__in=unit_ids_in)
    if programme_id:
        qs = qs.filter(student__student_profile__programme_id=programme_id)
    if graduated_from:
        qs = qs.filter(graduated_on__gte=graduated_from)
    if graduated_to:
        qs = qs.filter(graduated_on__lte=graduated_to)
    figures = qs.aggregate(
        graduates=Count("pk"),
        employable=Count("pk", filter=Q(status__in=EMPLOYABLE_OUTCOMES, within_six_months=True)),
        employed=Count(
            "pk",
            filter=Q(
                status__in=[OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED],
                within_six_months=True,
            ),
        ),
        with_placement_partner=Count(
            "pk", filter=Q(with_placement_partner=True, within_six_months=True)
        ),
    )
    graduates, employable = figures["graduates"], figures["employable"]
    figures["rate"] = round(100 * employable / graduates, 1) if graduates else None
    employed = figures["employed"]
    figures["partner_share"] = (
        round(100 * figures["with_placement_partner"] / employed, 1) if employed else None
    )
    return figures
