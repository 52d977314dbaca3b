"""Collaborative research, contract research and consultancy projects with partners: their
team, funding by year, milestones and deliverables, outputs and the income received."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MemberRole, MilestoneStatus, OutputKind, ProjectKind, ProjectStatus

MONEY = {"max_digits": 14, "decimal_places": 2}


class Project(models.Model):
    """A project of the university with one or more partner organisations, led by a member of
    staff from a KCDIO, possibly under a memorandum (an RCA or a CRA, typically).

    ``reference`` ("PRJ-2026-0001") is given by the service from the year it was opened and its
    number. ``internal_notes`` are for university staff only.
    """

    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_index=True,
    )
    summary = models.TextField(_("summary"), blank=True)
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Not shown to partner users or students.")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="projects_led",
        verbose_name=_("project leader"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("KCDIO"),
    )
    organisations = models.ManyToManyField(
        "partners.Organisation", related_name="projects", verbose_name=_("partners")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    memorandum = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("memorandum"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date cannot come before the start date.")}
            )

    def is_active_in(self, year: int) -> bool:
        if self.start_date is None or self.start_date.year > year:
            return False
        return self.end_date is None or self.end_date.year >= year


class ProjectMember(models.Model):
    """A person on a project's team: a user of Jalinan, or someone named (partner staff,
    external collaborators) who has no account."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_memberships",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    is_student = models.BooleanField(_("student"), default=False)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=models.Q(user__isnull=False),
                name="project_member_once",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.display_name
        return self.name

    def clean(self):
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": _("Choose a user or give the person's name.")})


class Funding(models.Model):
    """What a project receives for one year from one source, in cash and in kind (RM). No
    organisation: the university's own (internal) funding."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_funding",
        verbose_name=_("source"),
        help_text=_("Leave empty for the university's own funding."),
    )
    cash = models.DecimalField(_("cash (RM)"), default=Decimal("0"), **MONEY)
    in_kind = models.DecimalField(_("in kind (RM)"), default=Decimal("0"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self) -> str:
        return f"{self.year}: RM {self.cash} + {self.in_kind}"

    @property
    def total(self) -> Decimal:
        return (self.cash or 0) + (self.in_kind or 0)

    def clean(self):
        errors = {}
        if self.year is not None and not 1990 <= self.year <= 2100:
            errors["year"] = _("Give a year between 1990 and 2100.")
        for name in ("cash", "in_kind"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("An amount cannot be negative.")
        if not errors and not (self.cash or self.in_kind):
            errors["cash"] = _("Give an amount in cash or in kind.")
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """A step of a project with its due date; a deliverable is one the partner receives.
    A pending milestone past its due date is late."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due date"))
    is_deliverable = models.BooleanField(_("deliverable to the partner"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PENDING
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def is_late_on(self, day: datetime.date) -> bool:
        return self.status == MilestoneStatus.PENDING and self.due_date < day

    @property
    def is_late(self) -> bool:
        return self.is_late_on(timezone.localdate())

    def clean(self):
        if self.status == MilestoneStatus.DONE and self.completed_on is None:
            self.completed_on = timezone.localdate()
        if self.status != MilestoneStatus.DONE:
            self.completed_on = None


class Output(models.Model):
    """Something a project produced: a publication, IP, a prototype, a dataset, a report."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": _("Give a year between 1990 and 2100.")})


class IncomeRecord(models.Model):
    """Money the university received for a project (RM), from a payer organisation or, when
    none is given, from an unnamed or internal source."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="income")
    received_on = models.DateField(_("received on"), db_index=True)
    amount = models.DecimalField(_("amount (RM)"), **MONEY)
    payer = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_payments",
        verbose_name=_("paid by"),
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("income received")
        verbose_name_plural = _("income received")

    def __str__(self) -> str:
        return f"RM {self.amount} ({self.received_on.isoformat()})"

    def clean(self):
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("The amount must be more than zero.")})
