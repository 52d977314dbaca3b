"""Openings."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.partners.choices import MalaysianState

from ..choices import OpeningKind, OpeningStatus, WorkMode
from .common import string_list_errors
from .programmes import Programme


class Opening(models.Model):
    """An internship, industry project, research position or job a partner offers students."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="placement_openings",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OpeningKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    programmes = models.ManyToManyField(
        Programme,
        blank=True,
        related_name="openings",
        verbose_name=_("programmes eligible"),
        help_text=_("Leave empty to accept every programme."),
    )
    min_year = models.PositiveSmallIntegerField(
        _("from year of study"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    max_year = models.PositiveSmallIntegerField(
        _("to year of study"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    work_mode = models.CharField(
        _("location"), max_length=10, choices=WorkMode.choices, default=WorkMode.ON_SITE
    )
    state = models.CharField(_("state"), max_length=3, choices=MalaysianState.choices, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    allowance_rm = models.DecimalField(
        _("monthly allowance (RM)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    deadline = models.DateField(_("application deadline"))
    # Set by the office only; the services check that it is an Internship Agreement the
    # organisation is a party to.
    memorandum = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placement_openings",
        verbose_name=_("linked memorandum"),
        help_text=_("The Internship Agreement this opening falls under, if any."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OpeningStatus.choices, default=OpeningStatus.PENDING
    )
    review_note = models.TextField(_("note from the office"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("placements:opening_detail", args=[self.pk])

    def clean(self):
        errors = {}
        problem = string_list_errors(self.skills, _("Skills"))
        if problem:
            errors["skills"] = problem
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period must end after it starts.")
        if self.deadline and self.ends_on and self.deadline > self.ends_on:
            errors["deadline"] = _("The deadline must fall before the period ends.")
        if self.min_year and self.max_year and self.max_year < self.min_year:
            errors["max_year"] = _("The last year must not come before the first.")
        if self.work_mode == WorkMode.REMOTE and self.state:
            self.state = ""
        if errors:
            raise ValidationError(errors)

    @property
    def years_label(self) -> str:
        if self.min_year and self.max_year:
            if self.min_year == self.max_year:
                return str(self.min_year)
            return f"{self.min_year}–{self.max_year}"
        if self.min_year:
            return f"{self.min_year}+"
        if self.max_year:
            return f"≤ {self.max_year}"
        return ""

    @property
    def deadline_passed(self) -> bool:
        return self.deadline < timezone.localdate()
