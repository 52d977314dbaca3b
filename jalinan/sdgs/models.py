"""SDG tags on any record: suggested by the classifier, decided by people."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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
