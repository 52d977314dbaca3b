"""The brokerage pipeline: opportunities and the history of their stages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CLOSED, LostReason, Source, Stage


class Opportunity(models.Model):
    """One opportunity with industry, from first contact (a public enquiry, a challenge, a
    technology enquiry, a direct contact) to a signed memorandum, a project and its completion,
    or lost on the way with a reason.

    ``stage`` is where it stands now; every move is kept in :class:`StageChange`, from which
    the funnel counts conversions and days in each stage. ``source_type``/``source_id`` point
    at the record it came from (a challenge, a licensing enquiry), when there is one.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.ENQUIRY, db_index=True
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    lost_reason = models.CharField(
        _("reason lost"), max_length=30, choices=LostReason.choices, blank=True
    )
    lost_note = models.TextField(_("note on the loss"), blank=True)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("partner organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (as given)"),
        max_length=255,
        blank=True,
        help_text=_("The name a visitor typed, kept even when matched to a partner."),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("lead KCDIO"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities_owned",
        verbose_name=_("officer in charge"),
    )
    memorandum = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("memorandum"),
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        verbose_name=_("project"),
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_object = GenericForeignKey("source_type", "source_id")
    estimated_value = models.DecimalField(
        _("estimated value (RM)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["stage", "stage_entered_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pipeline:opportunity_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED

    @property
    def partner_label(self) -> str:
        """The partner's name: the matched organisation, else what the visitor typed."""
        if self.organisation_id:
            return self.organisation.legal_name
        return self.organisation_name

    def days_in_stage(self, now=None) -> int:
        now = now or timezone.now()
        return max(0, (now - self.stage_entered_at).days)


class StageChange(models.Model):
    """One move of an opportunity from a stage to another (``from_stage`` is empty for the
    first entry, when it was created). The funnel's conversions and days in stage are computed
    from these rows."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.from_stage or '—'} → {self.to_stage}"
