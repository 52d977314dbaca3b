from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a memorandum stands. The moves between them are in :mod:`.workflow`."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    OIL_REVIEW = "oil_review", _("OIL review")
    RETURNED = "returned", _("Returned for changes")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    AWAITING_MCOM = "awaiting_mcom", _("Awaiting MCOM")
    AWAITING_UMC = "awaiting_umc", _("Awaiting UMC")
    APPROVED = "approved", _("Approved, awaiting signature")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# In force: the memorandum binds the parties and has a health state.
IN_FORCE = (Status.ACTIVE, Status.EXPIRING)
# Being prepared: not yet signed, still changeable by its initiator or the office.
IN_PREPARATION = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.OIL_REVIEW,
    Status.RETURNED,
    Status.LEGAL_REVIEW,
    Status.AWAITING_MCOM,
    Status.AWAITING_UMC,
    Status.APPROVED,
)
# Signed at some point: other staff may find these when looking for existing agreements.
CONCLUDED = (
    Status.SIGNED,
    Status.ACTIVE,
    Status.EXPIRING,
    Status.EXPIRED,
    Status.RENEWED,
    Status.TERMINATED,
)
# Nothing more happens to these.
CLOSED = (Status.EXPIRED, Status.RENEWED, Status.TERMINATED, Status.REJECTED, Status.WITHDRAWN)


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Public: may be listed openly")
    INTERNAL = "internal", _("Internal: university staff")
    CONFIDENTIAL = "confidential", _("Confidential: the people handling it")


class DocumentKind(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VETTED = "vetted", _("Vetted")
    SIGNED = "signed", _("Signed copy")
    AMENDMENT = "amendment", _("Amendment")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_DELIVERABLE = (DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS)


class Health(models.TextChoices):
    """How alive an in-force memorandum is (see :func:`.selectors.with_health`)."""

    ENGAGED = "engaged", _("Engaged")
    AT_RISK = "at_risk", _("At risk")
    DORMANT = "dormant", _("Dormant")
