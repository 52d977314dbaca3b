"""Student placements: programmes, student profiles, openings, applications, placements,
weekly logbooks, supervisors' evaluations (by a rubric), students' feedback and graduates'
outcomes.

Placement dates are calendar dates; a placement's logbook has one entry per week counted from
its first day.

One module per aggregate; every model is imported here, where Django (and the migrations)
look for it.
"""

# In the order models.py defined them, which is the order Django registers them in (and so
# the order of apps.get_models(), which a backup follows).
# isort: off
from .programmes import Programme
from .profiles import (
    DEFAULT_SHARED_FIELDS,
    StudentProfile,
    cv_filename,
    cv_upload_path,
    default_shared_fields,
)
from .openings import Opening
from .applications import Application
from .placements import Placement
from .logbooks import LogbookEntry
from .evaluations import Evaluation, EvaluationLink, RubricCriterion
from .feedback import PlacementFeedback
from .outcomes import GraduateOutcome

# isort: on

__all__ = [
    "Application",
    "DEFAULT_SHARED_FIELDS",
    "Evaluation",
    "EvaluationLink",
    "GraduateOutcome",
    "LogbookEntry",
    "Opening",
    "Placement",
    "PlacementFeedback",
    "Programme",
    "RubricCriterion",
    "StudentProfile",
    "cv_filename",
    "cv_upload_path",
    "default_shared_fields",
]
