from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    COLLABORATIVE = "collaborative", _("Collaborative research")
    CONTRACT = "contract", _("Contract research")
    CONSULTANCY = "consultancy", _("Consultancy")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


# The moves project_set_status allows; a terminated project is closed for good.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ProjectStatus.PLANNED: (
        ProjectStatus.ACTIVE,
        ProjectStatus.SUSPENDED,
        ProjectStatus.TERMINATED,
    ),
    ProjectStatus.ACTIVE: (
        ProjectStatus.SUSPENDED,
        ProjectStatus.COMPLETED,
        ProjectStatus.TERMINATED,
    ),
    ProjectStatus.SUSPENDED: (
        ProjectStatus.ACTIVE,
        ProjectStatus.COMPLETED,
        ProjectStatus.TERMINATED,
    ),
    ProjectStatus.COMPLETED: (ProjectStatus.ACTIVE,),
    ProjectStatus.TERMINATED: (),
}


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Project leader")
    CO_RESEARCHER = "co_researcher", _("Co-researcher")
    RESEARCH_ASSISTANT = "research_assistant", _("Research assistant")
    STUDENT = "student", _("Student")
    PARTNER_STAFF = "partner_staff", _("Partner staff")


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class OutputKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    IP = "ip", _("Intellectual property")
    PROTOTYPE = "prototype", _("Prototype")
    DATASET = "dataset", _("Dataset")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")
