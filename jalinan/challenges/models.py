"""Industry challenges and the proposals that answer them.

A challenge is an industry partner's problem, posted by one of its users (or by an officer on
its behalf), reviewed and published by OIL, brokered to experts who are invited to answer with
proposals; the partner reviews the proposals in stages and every proposer hears why. Selecting
a proposal opens a draft memorandum and a project (see ``services.reviews.proposal_select``).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    TRL_CHOICES,
    ChallengeStatus,
    FeedbackReason,
    InvitationStatus,
    IPExpectation,
    MemberRole,
    ProposalStatus,
    ReviewStage,
    Visibility,
)

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


def _upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"challenges/{uuid.uuid4().hex}{suffix}"


class Challenge(models.Model):
    """An industry partner's problem, open (once published) for experts' proposals."""

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="challenges",
        verbose_name=_("partner organisation"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges_posted",
        verbose_name=_("posted by"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
        verbose_name=_("lead KCDIO"),
        help_text=_("The KCDIO the office expects to lead the answer, if known."),
    )
    problem_statement = models.TextField(_("problem statement"))
    desired_outcome = models.TextField(_("desired outcome"))
    constraints = models.TextField(_("constraints"), blank=True)
    trl_min = models.PositiveSmallIntegerField(
        _("TRL sought, from"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=3
    )
    trl_max = models.PositiveSmallIntegerField(
        _("TRL sought, to"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=6
    )
    budget_min = models.DecimalField(
        _("budget from (RM)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to (RM)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    timeline = models.CharField(
        _("timeline"),
        max_length=300,
        blank=True,
        help_text=_("When the partner needs results, e.g. “a pilot within 12 months”."),
    )
    proposal_deadline = models.DateField(_("proposal deadline"), null=True, blank=True)
    ip_expectation = models.CharField(
        _("IP expectations"),
        max_length=12,
        choices=IPExpectation.choices,
        default=IPExpectation.NEGOTIABLE,
    )
    ip_notes = models.TextField(_("IP notes"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ChallengeStatus.choices,
        default=ChallengeStatus.DRAFT,
        db_index=True,
    )
    review_comments = models.TextField(
        _("office's comments"),
        blank=True,
        help_text=_("Why the office returned the challenge, and what to change."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.trl_min and self.trl_max and self.trl_min > self.trl_max:
            errors["trl_max"] = _("The highest TRL sought cannot be below the lowest.")
        if (
            self.budget_min is not None
            and self.budget_max is not None
            and self.budget_min > self.budget_max
        ):
            errors["budget_max"] = _("The upper budget cannot be below the lower one.")
        for name in ("budget_min", "budget_max"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("A budget cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def text(self) -> str:
        """What the matching engine reads: the problem in the partner's words."""
        return "\n".join(
            filter(
                None, [self.title, self.problem_statement, self.desired_outcome, self.constraints]
            )
        )

    def deadline_passed(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.proposal_deadline is not None and today > self.proposal_deadline

    @property
    def is_open(self) -> bool:
        return self.status == ChallengeStatus.PUBLISHED and not self.deadline_passed()


class ChallengeAttachment(models.Model):
    """A file the partner adds to a challenge (a specification, a data sample, a drawing)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_upload_to)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """An expert the office invited to answer a challenge, with the match score at the time."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(
        "experts.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="challenge_invitations",
        verbose_name=_("expert"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    message = models.TextField(_("message to the expert"), blank=True)
    score = models.FloatField(_("match score"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "expert"], name="one_invitation_per_expert"
            )
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.challenge}"


class Question(models.Model):
    """A question about a challenge and the partner's (or office's) answer, seen by everyone
    who may answer the challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Proposal(models.Model):
    """An expert team's answer to a challenge: approach, team, TRL now and at the end,
    milestones, budget and what the partner must provide. A draft until submitted, before the
    deadline; then reviewed by the partner in stages, and every proposer gets feedback."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="proposals")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="challenge_proposals",
        verbose_name=_("lead"),
    )
    title = models.CharField(_("title"), max_length=300)
    approach = models.TextField(_("approach"))
    trl_start = models.PositiveSmallIntegerField(
        _("TRL now"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=3
    )
    trl_end = models.PositiveSmallIntegerField(
        _("TRL at the end"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=5
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    budget = models.DecimalField(_("budget (RM)"), max_digits=14, decimal_places=2, default=0)
    partner_provides = models.TextField(_("what the partner must provide"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    feedback_reasons = models.JSONField(
        _("feedback reasons"),
        default=list,
        blank=True,
        help_text=_("Codes from FeedbackReason, sent to the proposers with the decision."),
    )
    feedback_comments = models.TextField(_("feedback to the proposers"), blank=True)
    feedback_sent_at = models.DateTimeField(null=True, blank=True)
    memorandum = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_proposals",
        verbose_name=_("memorandum"),
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_proposals",
        verbose_name=_("project"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["challenge", "-submitted_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:proposal_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.trl_start and self.trl_end and self.trl_end < self.trl_start:
            errors["trl_end"] = _("The TRL at the end cannot be below the TRL now.")
        if self.budget is not None and self.budget < 0:
            errors["budget"] = _("A budget cannot be negative.")
        unknown = set(self.feedback_reasons or []) - set(FeedbackReason.values)
        if unknown:
            errors["feedback_reasons"] = _("Unknown feedback reason: %(r)s") % {
                "r": ", ".join(sorted(unknown))
            }
        if errors:
            raise ValidationError(errors)

    def feedback_reason_labels(self) -> list[str]:
        labels = dict(FeedbackReason.choices)
        return [str(labels[r]) for r in self.feedback_reasons if r in labels]


class ProposalMember(models.Model):
    """A member of a proposal's team: a staff member with an expert profile, or a named
    person from outside (a student, a colleague elsewhere)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenge_proposal_memberships",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=15, choices=MemberRole.choices, default=MemberRole.CO_RESEARCHER
    )
    contribution = models.CharField(_("contribution"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.user.get_full_name() if self.user_id else self.name

    def clean(self):
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": _("Give a team member's name.")})


class ProposalMilestone(models.Model):
    """A step of the proposed work: what is delivered, and how many months from the start."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )

    class Meta:
        ordering = ["month", "pk"]

    def __str__(self) -> str:
        return self.title


class ProposalReview(models.Model):
    """One reviewer's view of a proposal at one stage: a score, the reasons, a comment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField(_("stage"), max_length=10, choices=ReviewStage.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.get_stage_display()}: {self.score})"
