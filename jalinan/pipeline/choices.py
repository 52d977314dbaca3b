from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where an opportunity stands. The first eight are in order (:data:`ORDER`); ``LOST`` is
    a side exit from any of them, with a reason."""

    ENQUIRY = "enquiry", _("Enquiry")
    MATCHING = "matching", _("Matching")
    INTRODUCED = "introduced", _("Introduced")
    PROPOSAL = "proposal", _("Proposal")
    NEGOTIATION = "negotiation", _("Negotiation")
    AGREEMENT = "agreement", _("Agreement")
    PROJECT = "project", _("Project")
    COMPLETED = "completed", _("Completed")
    LOST = "lost", _("Lost")


ORDER = [
    Stage.ENQUIRY,
    Stage.MATCHING,
    Stage.INTRODUCED,
    Stage.PROPOSAL,
    Stage.NEGOTIATION,
    Stage.AGREEMENT,
    Stage.PROJECT,
    Stage.COMPLETED,
]
# An opportunity in one of these is closed: it no longer moves on by itself.
CLOSED = (Stage.COMPLETED, Stage.LOST)
OPEN = [s for s in ORDER if s not in CLOSED]


def rank(stage: str) -> int:
    """The position of ``stage`` in :data:`ORDER` (-1 for lost or unknown)."""
    try:
        return ORDER.index(stage)
    except ValueError:
        return -1


class Source(models.TextChoices):
    ENQUIRY = "enquiry", _("Public enquiry")
    CHALLENGE = "challenge", _("Industry challenge")
    TECHNOLOGY = "technology", _("Technology licensing enquiry")
    DIRECT = "direct", _("Direct contact")
    REFERRAL = "referral", _("Referral")


class LostReason(models.TextChoices):
    NO_EXPERT = "no_expert", _("No suitable expert")
    PARTNER_UNRESPONSIVE = "partner_unresponsive", _("Partner stopped responding")
    BUDGET = "budget", _("No budget")
    TIMING = "timing", _("Timing did not suit")
    WENT_ELSEWHERE = "went_elsewhere", _("Went to another provider")
    NOT_FEASIBLE = "not_feasible", _("Not feasible")
    DUPLICATE_SPAM = "duplicate_spam", _("Duplicate or spam")
    OTHER = "other", _("Other")
