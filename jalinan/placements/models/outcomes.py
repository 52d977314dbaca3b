"""Graduates' outcomes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import EMPLOYABLE_OUTCOMES, OutcomeStatus


class GraduateOutcome(models.Model):
    """Where a graduate was within six months of graduating: the tracer study's answer and the
    ground of the employability figure."""

    student = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="graduate_outcome",
        verbose_name=_("graduate"),
    )
    graduated_on = models.DateField(_("graduated on"))
    status = models.CharField(_("destination"), max_length=15, choices=OutcomeStatus.choices)
    employer_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="graduate_outcomes",
        verbose_name=_("employer (partner organisation)"),
    )
    employer_name = models.CharField(_("employer (if not a partner)"), max_length=255, blank=True)
    job_title = models.CharField(_("job title or course"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    within_six_months = models.BooleanField(_("within six months of graduating"), default=False)
    with_placement_partner = models.BooleanField(
        _("with an organisation the graduate was placed at"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-graduated_on", "pk"]
        verbose_name = _("graduate outcome")
        verbose_name_plural = _("graduate outcomes")

    def __str__(self) -> str:
        return f"{self.student}: {self.get_status_display()}"

    def clean(self):
        errors = {}
        if self.status == OutcomeStatus.EMPLOYED and not (
            self.employer_organisation_id or self.employer_name.strip()
        ):
            errors["employer_name"] = _("Name the employer, or choose a partner organisation.")
        if self.status in EMPLOYABLE_OUTCOMES and not self.started_on:
            errors["started_on"] = _("Give the date it started.")
        if errors:
            raise ValidationError(errors)

    @property
    def employer_label(self) -> str:
        return str(self.employer_organisation or self.employer_name or "")
