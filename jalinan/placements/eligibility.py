"""May this student apply to this opening? Every rule, with the message the student reads.

The application service refuses with these messages; the opening page shows them before the
student tries. The list of eligible openings applies the same rules in SQL
(:func:`jalinan.placements.selectors.openings.eligible_openings_qs`); the tests keep the two in
step.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .choices import ApplicationStatus, OpeningStatus, PlacementStatus
from .models import Application, Opening, Placement, StudentProfile


def overlapping_placement(student, starts_on: date, ends_on: date, *, exclude_pk=None):
    """The student's placement (not cancelled) whose dates overlap the period, if any."""
    qs = Placement.objects.filter(
        student=student, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).exclude(status=PlacementStatus.CANCELLED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.select_related("organisation").first()


def places_taken(opening: Opening) -> int:
    return opening.applications.filter(status=ApplicationStatus.ACCEPTED).count()


def problems(opening: Opening, student, profile: StudentProfile | None, *, today=None):
    """The reasons ``student`` may not apply to ``opening`` now; empty when they may."""
    today = today or timezone.localdate()
    out: list[str] = []
    if opening.status != OpeningStatus.PUBLISHED:
        out.append(_("This opening is not open for applications."))
        return out
    if opening.deadline < today:
        out.append(
            _("The deadline for applications passed on %(date)s.")
            % {"date": formats.date_format(opening.deadline)}
        )
    if Application.objects.filter(opening=opening, student=student).exists():
        out.append(_("You have already applied to this opening."))
    if profile is None or not profile.is_complete:
        out.append(
            _("Complete your placement profile (programme and year of study) before applying.")
        )
    else:
        programmes = list(opening.programmes.all())
        if programmes and profile.programme_id not in {p.pk for p in programmes}:
            out.append(
                _("This opening is for students of %(list)s; your programme is %(mine)s.")
                % {
                    "list": ", ".join(p.name for p in programmes),
                    "mine": profile.programme.name,
                }
            )
        year = profile.year_of_study
        if (opening.min_year and year < opening.min_year) or (
            opening.max_year and year > opening.max_year
        ):
            out.append(
                _(
                    "This opening is for students in year %(years)s of study; you are in "
                    "year %(year)d."
                )
                % {"years": opening.years_label, "year": year}
            )
    if places_taken(opening) >= opening.places:
        out.append(_("All %(n)d places of this opening have been filled.") % {"n": opening.places})
    held = overlapping_placement(student, opening.starts_on, opening.ends_on)
    if held is not None:
        out.append(
            _(
                "You already hold a placement at %(org)s from %(start)s to %(end)s, which "
                "overlaps this opening's period."
            )
            % {
                "org": held.organisation,
                "start": formats.date_format(held.starts_on),
                "end": formats.date_format(held.ends_on),
            }
        )
    return out
