"""Students' placement profiles."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ShareableField
from .common import string_list_errors
from .programmes import Programme

DEFAULT_SHARED_FIELDS = [ShareableField.PROGRAMME, ShareableField.YEAR, ShareableField.SKILLS]


def default_shared_fields() -> list[str]:
    return [str(f) for f in DEFAULT_SHARED_FIELDS]


def cv_upload_path(instance, filename: str) -> str:
    # A random name: the stored path never reveals the student's name or original file name.
    return f"placements/cv/{instance.user_id}/{uuid.uuid4().hex}.pdf"


class StudentProfile(models.Model):
    """What a student tells the office and, by their choice, partners: programme, year, CGPA,
    skills, CV, the training period they need and their consent to share (PDPA 2010)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="student_profile",
        verbose_name=_("student"),
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("programme"),
    )
    kulliyyah = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="student_profiles",
        verbose_name=_("kulliyyah"),
    )
    year_of_study = models.PositiveSmallIntegerField(
        _("year of study"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    cgpa = models.DecimalField(
        _("CGPA"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("4"))],
        help_text=_("Seen only by you, the office and partners you apply to."),
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    cv = models.FileField(_("CV"), upload_to=cv_upload_path, blank=True, max_length=200)
    cv_uploaded_at = models.DateTimeField(_("CV uploaded"), null=True, blank=True)
    training_from = models.DateField(_("training period from"), null=True, blank=True)
    training_to = models.DateField(_("training period to"), null=True, blank=True)
    training_weeks = models.PositiveSmallIntegerField(
        _("weeks of training required"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    expected_graduation = models.DateField(_("expected graduation"), null=True, blank=True)
    consent_to_share = models.BooleanField(
        _("I consent to share my profile with partners I apply to"),
        default=False,
        help_text=_(
            "Under the Personal Data Protection Act 2010. Without it, partners see only "
            "what you choose below."
        ),
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    shared_fields = models.JSONField(
        _("shared without consent"),
        default=default_shared_fields,
        blank=True,
        help_text=_("What partners you apply to may see when you have not consented."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("placements:profile_detail", args=[self.pk])

    def clean(self):
        errors = {}
        for name, label in (("skills", _("Skills")), ("languages", _("Languages"))):
            problem = string_list_errors(getattr(self, name), label)
            if problem:
                errors[name] = problem
        if not isinstance(self.shared_fields, list) or set(self.shared_fields) - set(
            ShareableField.values
        ):
            errors["shared_fields"] = _("Choose from the listed items only.")
        if self.training_from and self.training_to and self.training_to < self.training_from:
            errors["training_to"] = _("The period must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_complete(self) -> bool:
        """Enough to apply: programme and year of study."""
        return bool(self.programme_id and self.year_of_study)


def cv_filename(profile: StudentProfile) -> str:
    stem = "".join(c for c in profile.user.full_name if c.isalnum() or c == " ").strip()
    return f"CV {stem or profile.user_id}{PurePath(profile.cv.name).suffix or '.pdf'}"
