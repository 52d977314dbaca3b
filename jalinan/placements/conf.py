"""The placement app's settings (declared in settings.py, read from the environment)."""

from django.conf import settings


def cv_max_bytes() -> int:
    return settings.JALINAN_PLACEMENTS_CV_MAX_BYTES


def evaluation_link_days() -> int:
    """How long an industry supervisor's evaluation link stays usable."""
    return settings.JALINAN_PLACEMENTS_EVALUATION_LINK_DAYS


def evaluation_lead_days() -> int:
    """The evaluation link is e-mailed this many days before the evaluation is due."""
    return settings.JALINAN_PLACEMENTS_EVALUATION_LEAD_DAYS


def evaluation_grace_days() -> int:
    """An evaluation not in this many days after it was due counts as overdue."""
    return settings.JALINAN_PLACEMENTS_EVALUATION_GRACE_DAYS


def evaluation_resend_days() -> int:
    """While an evaluation is overdue, a fresh link goes out at most this often."""
    return settings.JALINAN_PLACEMENTS_EVALUATION_RESEND_DAYS


def logbook_grace_days() -> int:
    """A week's logbook entry is overdue this many days after the week ends."""
    return settings.JALINAN_PLACEMENTS_LOGBOOK_GRACE_DAYS


def review_days() -> int:
    """A logbook entry waiting this many days for review is overdue for its supervisor."""
    return settings.JALINAN_PLACEMENTS_REVIEW_DAYS
