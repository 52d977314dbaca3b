"""Memoranda (MoU, MoA and the other agreements), their parties, documents, deliverables and the
history of their moves through the approval workflow."""

from __future__ import annotations

import calendar
import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    IN_FORCE,
    Confidentiality,
    DeliverableStatus,
    DocumentKind,
    Status,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (the 31st becomes the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class MemorandumType(models.Model):
    """A kind of agreement (MoU, MoA, NDA…), edited by OIL administrators.

    ``needs_committee`` says whether memoranda of this type are deliberated by the MOU/MOA
    Technical Committee (MCOM) and approved by the University Management Committee (UMC), or go
    from legal review straight to signing.
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_ms = models.CharField(_("name in Malay"), max_length=120, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=12)
    needs_committee = models.BooleanField(
        _("goes to MCOM and UMC"),
        default=True,
        help_text=_("If not, memoranda of this type go from legal review straight to signing."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("memorandum type")
        verbose_name_plural = _("memorandum types")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "en") -> str:
        return self.name_ms if language == "ms" and self.name_ms else self.name


class Memorandum(models.Model):
    """One agreement between the university and one or more partner organisations, from its
    first draft to its expiry, renewal or termination.

    ``status`` moves only through :func:`jalinan.agreements.workflow.apply_transition`;
    ``version`` goes up on every write so that two people editing at once never overwrite each
    other (optimistic locking). ``last_activity_on`` is kept by the engagement log;
    ``engaged_since`` and ``next_deliverable_due`` are derived (see the services).
    """

    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    memo_type = models.ForeignKey(
        MemorandumType,
        on_delete=models.PROTECT,
        related_name="memoranda",
        verbose_name=_("type"),
    )
    initiating_unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        related_name="memoranda",
        verbose_name=_("initiating KCDIO"),
    )
    person_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memoranda_in_charge",
        verbose_name=_("person in charge"),
    )
    # Set when OIL chose or confirmed the person in charge (on creating the memorandum or by
    # an edit); empty while the person in charge was chosen by someone else, for instance a
    # coordinator naming themselves. Only a confirmed person in charge may open the
    # memorandum's confidential documents: choosing oneself is no way into them.
    person_in_charge_assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person in charge confirmed by"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope = models.TextField(_("scope"))
    objectives = models.TextField(_("objectives"), blank=True)
    value_cash = models.DecimalField(
        _("value in cash (RM)"), max_digits=14, decimal_places=2, default=0
    )
    value_in_kind = models.DecimalField(
        _("value in kind (RM)"), max_digits=14, decimal_places=2, default=0
    )
    financial_terms = models.TextField(_("financial terms"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        help_text=_("Give either an end date or a duration; the end date is computed from it."),
    )
    renewal_terms = models.TextField(_("renewal terms"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    renews = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    # The proposal it comes from and the project it governs: set by the challenges and
    # projects services when they open or link a memorandum, or typed in. Plain numbers, not
    # foreign keys, so that this app depends on neither; their foreign keys point here
    # (``Proposal.memorandum``, ``Project.memorandum``).
    proposal_id = models.PositiveIntegerField(_("proposal number"), null=True, blank=True)
    project_id = models.PositiveIntegerField(_("project number"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Whoever last submitted (or resubmitted) it: they may not also record its legal or
    # committee decision (separation of duties, see workflow.DECISIONS).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
        editable=False,
    )
    status_changed_at = models.DateTimeField(_("in this status since"), default=timezone.now)
    umc_date = models.DateField(_("UMC meeting date"), null=True, blank=True)
    umc_reference = models.CharField(_("UMC decision reference"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    last_activity_on = models.DateField(_("latest activity"), null=True, blank=True)
    # Kept by services.memoranda_refresh_health() so that health is plain column arithmetic,
    # fast over thousands of memoranda: the later of the latest activity and the start date,
    # and the earliest due date among the open deliverables.
    engaged_since = models.DateField(null=True, blank=True, editable=False)
    next_deliverable_due = models.DateField(null=True, blank=True, editable=False)

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("memorandum")
        verbose_name_plural = _("memoranda")
        indexes = [
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["initiating_unit", "status"]),
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["status", "engaged_since"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("agreements:memorandum_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.end_date is None and self.start_date and self.duration_months:
            self.end_date = add_months(self.start_date, self.duration_months) - datetime.timedelta(
                days=1
            )
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("The end date must come after the start date.")
        if self.value_cash is not None and self.value_cash < 0:
            errors["value_cash"] = _("A value cannot be negative.")
        if self.value_in_kind is not None and self.value_in_kind < 0:
            errors["value_in_kind"] = _("A value cannot be negative.")
        if self.renews_id and self.pk and self.renews_id == self.pk:
            errors["renews"] = _("A memorandum cannot renew itself.")
        if errors:
            raise ValidationError(errors)

    def derive_engaged_since(self) -> None:
        """Set ``engaged_since`` from the latest activity and the start date (the services
        call this before saving; :func:`services.memoranda_refresh_health` does it in bulk)."""
        dates = [d for d in (self.last_activity_on, self.start_date) if d is not None]
        self.engaged_since = max(dates) if dates else None

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def days_to_expiry(self) -> int | None:
        if self.end_date is None:
            return None
        return (self.end_date - timezone.localdate()).days

    @property
    def total_value(self):
        return (self.value_cash or 0) + (self.value_in_kind or 0)


class Party(models.Model):
    """A partner organisation that is a party to a memorandum."""

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="memorandum_parties",
        verbose_name=_("organisation"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return str(self.organisation)


class Signatory(models.Model):
    """A person who signs a memorandum, for the university (no party) or for a party."""

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("signs for"),
        help_text=_("Leave empty for the university's signatory."),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    contact = models.ForeignKey(
        "partners.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["party_id", "order", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


def _document_path(instance: Document, filename: str) -> str:
    # A random name: the original one is kept in the row, never trusted as a path.
    ext = PurePath(filename).suffix.lower()
    return f"memoranda/{instance.memorandum_id}/{uuid.uuid4().hex}{ext}"


class Document(models.Model):
    """One version of one document of a memorandum (draft, vetted, signed copy, amendment).

    Stored through Django's storage API (local folder or S3) and served only by a view that
    checks the user's right to it; confidential ones only to the people handling the memorandum.
    """

    memorandum = models.ForeignKey(Memorandum, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=True,
        help_text=_(
            "Only OIL, the legal adviser, MCOM and the person in charge may open confidential "
            "documents."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "kind", "version"], name="memo_document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}: {self.original_name}"


class StatusChange(models.Model):
    """One move of a memorandum through the workflow: who, when, what, and their comment.

    Shown on the memorandum's page as its history (comments are internal: partner users see
    the moves but not the comments).
    """

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [models.Index(fields=["action", "meeting_date"])]

    def __str__(self) -> str:
        return f"{self.memorandum_id}: {self.from_status} -> {self.to_status}"

    @property
    def label(self):
        from .workflow import action_label

        return action_label(self.action)


class Deliverable(models.Model):
    """Something a memorandum promises (e.g. "two internships a year"), with a due date, an
    owner and a status; activities in the engagement log are linked to what they fulfil."""

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="deliverables"
    )
    title = models.CharField(_("deliverable"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    target_quantity = models.PositiveIntegerField(
        _("target"), null=True, blank=True, help_text=_("How many, if it is counted.")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memorandum_deliverables",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.PLANNED,
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS)
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )
