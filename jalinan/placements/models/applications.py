"""Applications to openings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ApplicationStatus
from .openings import Opening


class Application(models.Model):
    """A student's application to an opening, moved along by the partner and the student."""

    opening = models.ForeignKey(
        Opening, on_delete=models.CASCADE, related_name="applications", verbose_name=_("opening")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="placement_applications",
        verbose_name=_("student"),
    )
    cover_note = models.TextField(_("cover note"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    consent_to_share = models.BooleanField(_("consented to share the profile"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    interview_at = models.DateTimeField(_("interview"), null=True, blank=True)
    last_note = models.TextField(_("latest message"), blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "student"], name="placement_application_once"
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.student} → {self.opening}"

    def get_absolute_url(self) -> str:
        return reverse("placements:application_detail", args=[self.pk])
