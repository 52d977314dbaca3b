from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Open for proposals")
    CLOSED = "closed", _("Closed, proposals under review")
    AWARDED = "awarded", _("Proposal selected")
    CANCELLED = "cancelled", _("Cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone may read it")
    STAFF = "staff", _("Signed-in university staff")
    INVITED = "invited", _("Invited experts only (confidential)")


class IPExpectation(models.TextChoices):
    PARTNER = "partner", _("The partner owns the results")
    UNIVERSITY = "university", _("The university owns, the partner licenses")
    JOINT = "joint", _("Jointly owned")
    NEGOTIABLE = "negotiable", _("Open to negotiation")


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Interested")
    DECLINED = "declined", _("Declined")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, to be screened")
    ASSESSMENT = "assessment", _("Passed screening, under assessment")
    FINALIST = "finalist", _("Finalist")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Not taken forward")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewStage(models.TextChoices):
    SCREEN = "screen", _("Screening")
    ASSESS = "assess", _("Assessment")
    FINALIST = "finalist", _("Finalist review")
    SELECTION = "selection", _("Selection")


class FeedbackReason(models.TextChoices):
    TOO_EARLY = "too_early", _("Too early stage for our needs")
    BENEFIT_UNCLEAR = "benefit_unclear", _("The benefit to us is unclear")
    BUDGET = "budget", _("Budget above what we can fund")
    FIT = "fit", _("Does not fit the problem as we see it")
    TIMELINE = "timeline", _("Timeline does not fit ours")
    TEAM = "team", _("Team lacks an expertise we need")
    IP_TERMS = "ip_terms", _("IP terms do not suit us")
    STRONGER = "stronger", _("Another proposal met the need better")
    CANCELLED = "cancelled", _("The challenge was withdrawn")
    OTHER = "other", _("Other (see the comments)")


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_RESEARCHER = "co_researcher", _("Co-researcher")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


# Technology readiness levels; "TRL" reads the same in Malay.
TRL_CHOICES = [(i, f"TRL {i}") for i in range(1, 10)]
