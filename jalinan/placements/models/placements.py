"""Placements."""

from __future__ import annotations

import math
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import EvaluationStage, OpeningKind, PlacementStatus
from .applications import Application


class Placement(models.Model):
    """An accepted offer, under way: the student at the partner between two dates, with an
    industry supervisor (usually without an account) and an academic supervisor.

    A placement recorded from the office's earlier register (``services.placement_record``)
    has no application (there was no opening in Jalinan to apply to); the office's reference
    number names it instead, and keys a re-import. Everything else a placement is read by
    (student, organisation, period, kind, status, supervisors) is held on the placement."""

    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placement",
        verbose_name=_("application"),
        help_text=_("Empty for a placement recorded from the office's register."),
    )
    reference = models.CharField(
        _("office reference"),
        max_length=60,
        blank=True,
        default="",
        help_text=_("The office's own number, for a placement recorded from its register."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=OpeningKind.choices, default=OpeningKind.INTERNSHIP
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("student"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="student_placements",
        verbose_name=_("organisation"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    industry_supervisor_name = models.CharField(
        _("industry supervisor"), max_length=200, blank=True
    )
    industry_supervisor_email = models.EmailField(_("industry supervisor's e-mail"), blank=True)
    industry_supervisor_phone = models.CharField(
        _("industry supervisor's phone"), max_length=40, blank=True
    )
    academic_supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_placements",
        verbose_name=_("academic supervisor"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="placement_reference_unique",
            ),
            # A placement comes from an application, or from the office's register.
            models.CheckConstraint(
                condition=models.Q(application__isnull=False) | ~models.Q(reference=""),
                name="placement_application_or_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("placements:placement_detail", args=[self.pk])

    @property
    def is_recorded(self) -> bool:
        """Recorded from the office's register, not made by an application in Jalinan."""
        return self.application_id is None

    @property
    def opening(self):
        """The opening applied to; None for a placement recorded from the register."""
        return self.application.opening if self.application_id else None

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period must end after it starts.")})

    # -- weeks of the logbook -------------------------------------------------------------

    @property
    def total_weeks(self) -> int:
        return max(1, math.ceil(((self.ends_on - self.starts_on).days + 1) / 7))

    def week_start(self, week: int) -> date:
        return self.starts_on + timedelta(days=7 * (week - 1))

    def weeks_due(self, today: date | None = None, grace_days: int = 0) -> int:
        """How many weekly entries should exist by ``today``: every week that ended more
        than ``grace_days`` ago."""
        today = today or timezone.localdate()
        elapsed = (today - self.starts_on).days - grace_days
        return max(0, min(self.total_weeks, elapsed // 7))

    def current_week(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        week = (today - self.starts_on).days // 7 + 1
        return max(1, min(self.total_weeks, week))

    # -- evaluations ----------------------------------------------------------------------

    def evaluation_due_on(self, stage: str) -> date:
        if stage == EvaluationStage.MIDTERM:
            return self.starts_on + timedelta(days=(self.ends_on - self.starts_on).days // 2)
        return self.ends_on
