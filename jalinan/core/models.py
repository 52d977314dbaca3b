"""Cross-cutting records: the audit log, notifications, and the institution's profile."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change to one object: who, when, what, and the field-level differences.

    Written only by :func:`jalinan.core.audit.audit_log`, called from services. Entries form a
    hash chain (:mod:`jalinan.core.auditchain`): a changed or deleted entry is detected.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        MERGE = "merge", _("Merged")
        TRANSITION = "transition", _("Status changed")
        IMPORT = "import", _("Imported")
        OTHER = "other", _("Other")

    # Set before the insert (not auto_now_add) because it is part of the entry's hash.
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    changes = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.actor_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            return super().save(*args, **kwargs)
        from .auditchain import lock_chain, row_hash

        using = kwargs.get("using") or router.db_for_write(AuditEntry, instance=self)
        with transaction.atomic(using=using, savepoint=False):
            lock_chain(using)
            self.prev_hash = (
                AuditEntry.objects.using(using).order_by("-id").values_list("row_hash", flat=True)
            ).first() or ""
            # The JSON the database gives back: what verify_audit_chain will hash.
            self.changes = json.loads(json.dumps(self.changes or {}))
            self.row_hash = row_hash(vars(self), self.prev_hash)
            return super().save(*args, **kwargs)


class Notification(models.Model):
    """A message to one person, shown in the app and, by their preference, e-mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set when a periodic job must send this once only (reminders): kind + key is unique.
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_unique_dedupe_key",
            )
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one person wants one kind of notification delivered."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("E-mail immediately")
        DIGEST = "digest", _("Daily digest")
        OFF = "off", _("In the app only")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=12, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"


class InstitutionProfile(models.Model):
    """The university this installation serves: its name, logo, colours and contact.

    A single row (pk=1); when absent, :func:`jalinan.core.institution.get_institution` falls
    back to the values in settings.
    """

    name = models.CharField(_("name"), max_length=255)
    name_ms = models.CharField(_("name in Malay"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=40)
    office_name = models.CharField(_("industry office"), max_length=255)
    office_name_ms = models.CharField(_("industry office in Malay"), max_length=255, blank=True)
    office_short_name = models.CharField(_("office short name"), max_length=40)
    logo_url = models.CharField(_("logo URL"), max_length=500, blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#0b6e4f")
    secondary_colour = models.CharField(_("secondary colour"), max_length=7, default="#c9a227")
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("institution profile")

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One import of one of the office's registers (see :mod:`jalinan.core.imports`): who,
    when, which file, what became of each row. The registers page shows the latest of each."""

    register = models.CharField(_("register"), max_length=40, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    at = models.DateTimeField(_("imported"), default=timezone.now)
    filename = models.CharField(_("file"), max_length=255)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        indexes = [models.Index(fields=["register", "-at"])]

    def __str__(self) -> str:
        return f"{self.register}: {self.filename}"
