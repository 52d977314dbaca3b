"""The weekly logbook."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import LogbookStatus
from .placements import Placement


class LogbookEntry(models.Model):
    """One week of a placement in the student's words, reviewed by the academic supervisor."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="logbook_entries",
        verbose_name=_("placement"),
    )
    week = models.PositiveSmallIntegerField(_("week"), validators=[MinValueValidator(1)])
    activities = models.TextField(_("what I did this week"))
    learning = models.TextField(_("what I learned"), blank=True)
    hours = models.PositiveSmallIntegerField(
        _("hours worked"), null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LogbookStatus.choices, default=LogbookStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    review_comment = models.TextField(_("supervisor's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placement", "week"]
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        constraints = [
            models.UniqueConstraint(fields=["placement", "week"], name="placement_logbook_week")
        ]

    def __str__(self) -> str:
        return f"{self.placement} — week {self.week}"

    def clean(self):
        if self.placement_id and self.week and self.week > self.placement.total_weeks:
            raise ValidationError(
                {"week": _("This placement has %(n)d weeks.") % {"n": self.placement.total_weeks}}
            )

    @property
    def week_starting(self) -> date:
        return self.placement.week_start(self.week)
