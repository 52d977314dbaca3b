"""The engagement log: what the university does with its partners, and when."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ActivityType


class Activity(models.Model):
    """One activity with partners (a meeting, a visit, a CEO@Faculty session…): when, with
    whom, under which memoranda, who took part, and what came of it.

    Its date feeds the health of the memoranda it is linked to (see
    :mod:`jalinan.agreements.selectors`); it may fulfil some of their deliverables.
    """

    title = models.CharField(_("title"), max_length=300)
    # The number the office gave it in the register it kept before (empty for activities
    # logged here): the key of a re-import (core.imports).
    reference = models.CharField(_("office reference"), max_length=60, blank=True, default="")
    activity_type = models.CharField(_("type"), max_length=20, choices=ActivityType.choices)
    date = models.DateField(_("date"), db_index=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("organising KCDIO"),
    )
    organisations = models.ManyToManyField(
        "partners.Organisation", related_name="activities", verbose_name=_("partners")
    )
    memoranda = models.ManyToManyField(
        "agreements.Memorandum",
        blank=True,
        related_name="activities",
        verbose_name=_("memoranda"),
    )
    deliverables = models.ManyToManyField(
        "agreements.Deliverable",
        blank=True,
        related_name="activities",
        verbose_name=_("deliverables fulfilled"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="activities_as_staff",
        verbose_name=_("staff involved"),
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="activities_as_student",
        verbose_name=_("students involved"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="activity_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date.isoformat()})"

    def get_absolute_url(self) -> str:
        return reverse("engagements:activity_detail", args=[self.pk])


def _attachment_path(instance: Attachment, filename: str) -> str:
    ext = PurePath(filename).suffix.lower()
    return f"engagements/{instance.activity_id}/{uuid.uuid4().hex}{ext}"


class Attachment(models.Model):
    """A file kept with an activity (minutes, slides, photos), served only to those who may
    see the activity; internal ones never to partner users."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    is_internal = models.BooleanField(
        _("internal"),
        default=True,
        help_text=_("Internal files are not shown to partner users."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
