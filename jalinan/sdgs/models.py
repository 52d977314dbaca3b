"""The SDG framework (goals, targets, indicators) and SDG tags on any record: suggested by the
classifier, decided by people."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals, with the UN's wording in English and
    Arabic, its Malay name and its colour. Loaded by ``manage.py load_sdgs``."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_name_en = models.CharField(_("short name (English)"), max_length=100)
    title_en = models.TextField(_("title (English)"))
    short_name_ar = models.CharField(_("short name (Arabic)"), max_length=100, blank=True)
    title_ar = models.TextField(_("title (Arabic)"), blank=True)
    name_ms = models.CharField(_("name (Malay)"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.short_name_en}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("sdgs:goal_detail", args=[self.number])


class Target(models.Model):
    """One of the 169 targets of a goal (e.g. 9.5), in the UN's English and in Arabic."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    text_en = models.TextField(_("wording (English)"))
    text_ar = models.TextField(_("wording (Arabic)"), blank=True)

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.text_en[:60]}"


class Indicator(models.Model):
    """One of a target's indicators (e.g. 9.5.1), by which progress on it is measured."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=12, unique=True)
    unsd_code = models.CharField(_("UNSD code"), max_length=12, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    text_en = models.TextField(_("wording (English)"))
    text_ar = models.TextField(_("wording (Arabic)"), blank=True)

    class Meta:
        ordering = ["target", "position"]
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.text_en[:60]}"


class SdgTag(models.Model):
    """One Sustainable Development Goal on one record.

    The classifier writes *suggested* tags with a confidence and its evidence; a person with
    the right to edit the record accepts or rejects each. A human decision is never overwritten
    by a later classification. Only accepted tags filter lists and feed reports.
    """

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        CLASSIFIER = "classifier", _("Classifier")
        PERSON = "person", _("Added by a person")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    goal = models.PositiveSmallIntegerField(
        _("goal"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.CLASSIFIER)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    # What made the suggestion: {"targets": [{"code", "text", "score"}], "terms": [...]}.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["goal"]
        verbose_name = _("SDG tag")
        verbose_name_plural = _("SDG tags")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "goal"], name="sdgtag_one_per_goal"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["content_type", "goal", "status"]),
        ]

    def __str__(self) -> str:
        return f"SDG {self.goal} ({self.status})"

    @property
    def is_decided(self) -> bool:
        return self.status != self.Status.SUGGESTED


class ClassifiedText(models.Model):
    """The hash of the text last classified for a record, so unchanged text is not redone."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    text_hash = models.CharField(max_length=64)
    classified_at = models.DateTimeField(auto_now=True)
    classifier_version = models.CharField(max_length=40, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="classifiedtext_one_per_record"
            )
        ]
