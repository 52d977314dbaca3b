"""Partner organisations and the people we deal with there."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import msic
from .choices import MalaysianState, OrganisationSize, OrganisationStatus, OrganisationType


class Organisation(models.Model):
    """A company, agency, NGO or university the office works with."""

    legal_name = models.CharField(_("legal name"), max_length=255)
    other_names = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Trading names, abbreviations and former names."),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("e.g. the SSM company number."),
    )
    org_type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    msic_section = models.CharField(
        _("sector (MSIC section)"), max_length=1, choices=msic.SECTION_CHOICES, blank=True
    )
    msic_division = models.CharField(
        _("sector (MSIC division)"), max_length=2, choices=msic.DIVISION_CHOICES, blank=True
    )
    country = CountryField(_("country"), default="MY")
    state = models.CharField(
        _("state"),
        max_length=3,
        choices=MalaysianState.choices,
        blank=True,
        help_text=_("For organisations in Malaysia."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    size = models.CharField(_("size"), max_length=10, choices=OrganisationSize.choices, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
    )
    is_vetted = models.BooleanField(
        _("vetted"),
        default=False,
        help_text=_("Checked by OIL; vetted partners may publish openings and challenges."),
    )
    lead_unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_organisations",
        verbose_name=_("lead KCDIO"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    # Lower-case, punctuation- and suffix-free name, kept by the service for duplicate checks.
    search_name = models.CharField(max_length=255, db_index=True, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["status", "org_type"])]

    def __str__(self) -> str:
        return self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.msic_division:
            section = msic.section_of(self.msic_division)
            if self.msic_section and section != self.msic_section:
                errors["msic_division"] = _(
                    "Division %(d)s belongs to section %(s)s, not %(given)s."
                ) % {"d": self.msic_division, "s": section, "given": self.msic_section}
            elif not self.msic_section:
                self.msic_section = section or ""
        if self.state and self.country and self.country.code != "MY":
            errors["state"] = _("A Malaysian state is only for organisations in Malaysia.")
        if not isinstance(self.other_names, list) or not all(
            isinstance(n, str) for n in self.other_names
        ):
            errors["other_names"] = _("Other names must be a list of names.")
        if errors:
            raise ValidationError(errors)

    @property
    def sector_label(self) -> str:
        if self.msic_division:
            return f"{self.msic_division} — {msic.DIVISIONS[self.msic_division][1]}"
        if self.msic_section:
            return f"{self.msic_section} — {msic.SECTIONS[self.msic_section]}"
        return ""


class Contact(models.Model):
    """A person at a partner organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_to_contact = models.BooleanField(
        _("consents to be contacted"),
        default=False,
        help_text=_("Recorded consent under the Personal Data Protection Act 2010."),
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
