"""The industry supervisor's evaluations, the links they are asked for by, and the rubric."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import EvaluationStage, RubricStage
from .placements import Placement


class RubricCriterion(models.Model):
    """One line of the industry supervisor's evaluation form, scored 1 to ``max_score``.
    The office edits the rubric; each evaluation keeps a copy of the lines it was scored on."""

    name = models.CharField(_("criterion"), max_length=200)
    name_ms = models.CharField(_("criterion in Malay"), max_length=200, blank=True)
    description = models.TextField(_("what to look for"), blank=True)
    description_ms = models.TextField(_("what to look for, in Malay"), blank=True)
    stage = models.CharField(
        _("used in"), max_length=10, choices=RubricStage.choices, default=RubricStage.BOTH
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "en") -> str:
        return self.name_ms if language == "ms" and self.name_ms else self.name

    def display_description(self, language: str = "en") -> str:
        return self.description_ms if language == "ms" and self.description_ms else self.description


class Evaluation(models.Model):
    """The industry supervisor's mid-term or final evaluation of a student, by the rubric."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("placement"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=EvaluationStage.choices)
    # [{"criterion": id, "name": ..., "weight": w, "max": m, "score": s}, ...]: the rubric as
    # it was when the supervisor scored it.
    scores = models.JSONField(_("scores"), default=list)
    percent = models.DecimalField(_("overall (%)"), max_digits=5, decimal_places=2)
    strengths = models.TextField(_("strengths"), blank=True)
    improvements = models.TextField(_("to improve"), blank=True)
    evaluator_name = models.CharField(_("evaluated by"), max_length=200)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["placement", "stage"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["placement", "stage"], name="placement_evaluation_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} — {self.placement}"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class EvaluationLink(models.Model):
    """A single-purpose link e-mailed to the industry supervisor: it lets whoever holds it
    submit one evaluation (this placement, this stage) once, before it expires, and nothing
    else. Only the token's hash is stored."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluation_links"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=EvaluationStage.choices)
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a fresh link replaces this one: one live link per evaluation.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation link")
        verbose_name_plural = _("evaluation links")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} link for {self.placement} ({self.email})"

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, _hash(raw)

    @classmethod
    def find(cls, raw: str):
        if not raw:
            return None
        return (
            cls.objects.select_related("placement__student", "placement__organisation")
            .filter(token_hash=_hash(raw))
            .first()
        )

    @property
    def state(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "usable"

    @property
    def is_usable(self) -> bool:
        return self.state == "usable"
