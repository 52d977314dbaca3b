"""Every write to placement records: keyword-only, atomic, validated, audited, and telling the
people who must act. One module per aggregate; call them as ``services.openings.opening_create``
(``from jalinan.placements import services``) or import the function from its module.

    common          notification kinds, who to tell, quietly()
    programmes      the office's programmes of study
    profiles        students' placement profiles and CVs
    openings        openings: post, change, approve or reject, close
    applications    applying, and moving an application along workflow.py
    placements      the placement an accepted offer makes, and its changes
    logbooks        the weekly logbook and its review
    evaluations     the industry supervisor's evaluations (by link) and the rubric
    feedback        the student's rating of the placement
    outcomes        graduates' outcomes
    reminders       the daily reminders job
"""

from . import (
    applications,
    common,
    evaluations,
    feedback,
    logbooks,
    openings,
    outcomes,
    placements,
    profiles,
    programmes,
    reminders,
)

__all__ = [
    "applications",
    "common",
    "evaluations",
    "feedback",
    "logbooks",
    "openings",
    "outcomes",
    "placements",
    "profiles",
    "programmes",
    "reminders",
]
