from django.db import models
from django.utils.translation import gettext_lazy as _


class OpeningKind(models.TextChoices):
    INTERNSHIP = "internship", _("Internship (industrial training)")
    INDUSTRY_PROJECT = "industry_project", _("Industry final-year project")
    RESEARCH = "research", _("Postgraduate research with industry")
    JOB = "job", _("Part-time or graduate job")


class WorkMode(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    REMOTE = "remote", _("Remote")


class OpeningStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not approved")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REJECTED = "rejected", _("Not successful")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
    }
)


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class LogbookStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    REVIEWED = "reviewed", _("Reviewed")
    RETURNED = "returned", _("Returned for revision")


class EvaluationStage(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


class RubricStage(models.TextChoices):
    BOTH = "both", _("Mid-term and final")
    MIDTERM = "midterm", _("Mid-term only")
    FINAL = "final", _("Final only")


class ProgrammeLevel(models.TextChoices):
    DIPLOMA = "diploma", _("Diploma")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class OutcomeStatus(models.TextChoices):
    """Graduate destinations, as the ministry's tracer study counts them."""

    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or entrepreneur")
    FURTHER_STUDY = "further_study", _("Further study")
    UPSKILLING = "upskilling", _("Upskilling or reskilling programme")
    NOT_WORKING = "not_working", _("Not yet working")


# Counted as employable in the graduate employability figure (GE).
EMPLOYABLE_OUTCOMES = frozenset(
    {
        OutcomeStatus.EMPLOYED,
        OutcomeStatus.SELF_EMPLOYED,
        OutcomeStatus.FURTHER_STUDY,
        OutcomeStatus.UPSKILLING,
    }
)


class ShareableField(models.TextChoices):
    """What a student may choose to show partners they apply to without full consent."""

    EMAIL = "email", _("E-mail address and phone")
    PROGRAMME = "programme", _("Programme and kulliyyah")
    YEAR = "year", _("Year of study")
    CGPA = "cgpa", _("CGPA")
    SKILLS = "skills", _("Skills and languages")
    CV = "cv", _("CV")
    PERIOD = "period", _("Required training period")
