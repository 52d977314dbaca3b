"""Expert profiles of academic staff, their publications and projects."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Availability, Position, PublicationKind, PublicationSource

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


def normalise_doi(value: str) -> str:
    v = (value or "").strip()
    v = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", v, flags=re.I)
    return v.lower()


def normalise_title(value: str) -> str:
    """Lower case, letters and digits only, single spaces: the key for duplicate titles."""
    return " ".join(re.findall(r"[^\W_]+", (value or "").lower()))


def validate_orcid(value: str) -> None:
    if not value:
        return
    if not ORCID_RE.match(value):
        raise ValidationError(_("An ORCID iD looks like 0000-0002-1825-0097."))
    digits = value.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise ValidationError(_("This ORCID iD's check digit is wrong."))


def validate_doi(value: str) -> None:
    if value and not DOI_RE.match(value):
        raise ValidationError(_("A DOI looks like 10.1234/abcd.5678."))


class ExpertProfile(models.Model):
    """The public face of an academic's expertise: one per academic staff member."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profiles",
        verbose_name=_("KCDIO unit"),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    position = models.CharField(
        _("position"), max_length=30, choices=Position.choices, default=Position.LECTURER
    )
    keywords = models.JSONField(
        _("expertise keywords"), default=list, blank=True, help_text=_("One per line.")
    )
    biography = models.TextField(_("biography"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.CharField(
        _("availability for consultancy"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    scopus_id = models.CharField(
        _("Scopus author ID"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d{5,15}$", _("Digits only, as Scopus shows it."))],
    )
    google_scholar = models.CharField(
        _("Google Scholar ID"),
        max_length=20,
        blank=True,
        help_text=_("The user= part of your Google Scholar profile address."),
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_(
            "A public profile can be found by industry partners and all staff; a private one "
            "only by you, your KCDIO coordinator and the industry office."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return self.user.display_name

    def get_absolute_url(self) -> str:
        return reverse("experts:profile_detail", args=[self.pk])

    def get_public_url(self) -> str:
        """The page anyone may open (404 while the profile is private)."""
        return reverse("experts:public_profile", args=[self.pk])

    @property
    def name(self) -> str:
        return self.user.display_name


class Publication(models.Model):
    """A publication of an expert: the main evidence the matching engine reads."""

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="publications"
    )
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, validators=[validate_doi])
    authors = models.TextField(_("authors"), blank=True, help_text=_("Separated by semicolons."))
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=PublicationKind.choices, default=PublicationKind.ARTICLE
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=PublicationSource.choices,
        default=PublicationSource.MANUAL,
    )
    norm_title = models.CharField(max_length=500, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.profile.get_absolute_url() + f"#pub-{self.pk}"


class ProfileProject(models.Model):
    """A research or consultancy project the expert led or took part in, listed on their
    profile as evidence of expertise (not a collaborative project: ``projects.Project``)."""

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("e.g. Principal investigator")
    )
    funder = models.CharField(_("funder or client"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-end_year", "-start_year", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.profile.get_absolute_url() + f"#project-{self.pk}"

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year is before the start year.")})
