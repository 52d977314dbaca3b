"""Reads of placement records, each limited to what the user may see. One module per
aggregate; call them as ``selectors.openings.openings_for`` (``from jalinan.placements import
selectors``) or import the function from its module.

    openings        openings, the ones a student may apply to (ranked), Internship Agreements
    applications    applications, and an opening's applicants (ranked)
    profiles        students' placement profiles
    placements      placements, a student's current one, logbook weeks to review
    overview        the coordinators' views: students without a placement, overdue, ratings
    outcomes        graduates' outcomes and the employability figure
"""

from . import applications, openings, outcomes, overview, placements, profiles

__all__ = ["applications", "openings", "outcomes", "overview", "placements", "profiles"]
