"""The student's evaluation of the placement."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .placements import Placement


class PlacementFeedback(models.Model):
    """The student's own evaluation of the placement; its rating is the partner's rating by
    students, which coordinators see."""

    placement = models.OneToOneField(
        Placement,
        on_delete=models.CASCADE,
        related_name="student_feedback",
        verbose_name=_("placement"),
    )
    rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    supervision_rating = models.PositiveSmallIntegerField(
        _("supervision at the partner"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    learning_rating = models.PositiveSmallIntegerField(
        _("what I learned"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_recommend = models.BooleanField(_("I would recommend this placement"), default=True)
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("student's evaluation of a placement")
        verbose_name_plural = _("students' evaluations of placements")

    def __str__(self) -> str:
        return f"{self.placement}: {self.rating}/5"
