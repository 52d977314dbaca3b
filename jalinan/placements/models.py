"""Student placements: programmes, student profiles, openings, applications, placements,
weekly logbooks, supervisors' evaluations (by a rubric), students' feedback and graduates'
outcomes.

Placement dates are calendar dates; a placement's logbook has one entry per week counted from
its first day.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.partners.choices import MalaysianState

from .choices import (
    ApplicationStatus,
    EvaluationStage,
    LogbookStatus,
    OpeningKind,
    OpeningStatus,
    OutcomeStatus,
    PlacementStatus,
    ProgrammeLevel,
    RubricStage,
    ShareableField,
    WorkMode,
)

DEFAULT_SHARED_FIELDS = [ShareableField.PROGRAMME, ShareableField.YEAR, ShareableField.SKILLS]


def default_shared_fields() -> list[str]:
    return [str(f) for f in DEFAULT_SHARED_FIELDS]


def _string_list_errors(value, label) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _("%(label)s must be a list of words or phrases.") % {"label": label}
    return None


class Programme(models.Model):
    """A programme of study (e.g. BEng Mechatronics), taught by a kulliyyah."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ms = models.CharField(_("name in Malay"), max_length=200, blank=True)
    level = models.CharField(
        _("level"), max_length=12, choices=ProgrammeLevel.choices, default=ProgrammeLevel.BACHELOR
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("kulliyyah"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


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
            problem = _string_list_errors(getattr(self, name), label)
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
        problem = _string_list_errors(self.skills, _("Skills"))
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


class Application(models.Model):
    """A student's application to an opening, moved along by the partner and the student."""

    opening = models.ForeignKey(
        Opening, on_delete=models.CASCADE, related_name="applications", verbose_name=_("opening")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="placement_applications",
        verbose_name=_("student"),
    )
    cover_note = models.TextField(_("cover note"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    consent_to_share = models.BooleanField(_("consented to share the profile"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    interview_at = models.DateTimeField(_("interview"), null=True, blank=True)
    last_note = models.TextField(_("latest message"), blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "student"], name="placement_application_once"
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.student} → {self.opening}"

    def get_absolute_url(self) -> str:
        return reverse("placements:application_detail", args=[self.pk])


class Placement(models.Model):
    """An accepted offer, under way: the student at the partner between two dates, with an
    industry supervisor (usually without an account) and an academic supervisor."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="placement",
        verbose_name=_("application"),
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("student"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="student_placements",
        verbose_name=_("organisation"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    industry_supervisor_name = models.CharField(
        _("industry supervisor"), max_length=200, blank=True
    )
    industry_supervisor_email = models.EmailField(_("industry supervisor's e-mail"), blank=True)
    industry_supervisor_phone = models.CharField(
        _("industry supervisor's phone"), max_length=40, blank=True
    )
    academic_supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_placements",
        verbose_name=_("academic supervisor"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.ACTIVE
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.student} @ {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("placements:placement_detail", args=[self.pk])

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period must end after it starts.")})

    # -- weeks of the logbook -------------------------------------------------------------

    @property
    def total_weeks(self) -> int:
        return max(1, math.ceil(((self.ends_on - self.starts_on).days + 1) / 7))

    def week_start(self, week: int) -> date:
        return self.starts_on + timedelta(days=7 * (week - 1))

    def weeks_due(self, today: date | None = None, grace_days: int = 0) -> int:
        """How many weekly entries should exist by ``today``: every week that ended more
        than ``grace_days`` ago."""
        today = today or timezone.localdate()
        elapsed = (today - self.starts_on).days - grace_days
        return max(0, min(self.total_weeks, elapsed // 7))

    def current_week(self, today: date | None = None) -> int:
        today = today or timezone.localdate()
        week = (today - self.starts_on).days // 7 + 1
        return max(1, min(self.total_weeks, week))

    # -- evaluations ----------------------------------------------------------------------

    def evaluation_due_on(self, stage: str) -> date:
        if stage == EvaluationStage.MIDTERM:
            return self.starts_on + timedelta(days=(self.ends_on - self.starts_on).days // 2)
        return self.ends_on


class LogbookEntry(models.Model):
    """One week of a placement in the student's words, reviewed by the academic supervisor."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="logbook_entries",
        verbose_name=_("placement"),
    )
    week = models.PositiveSmallIntegerField(_("week"), validators=[MinValueValidator(1)])
    activities = models.TextField(_("what I did this week"))
    learning = models.TextField(_("what I learned"), blank=True)
    hours = models.PositiveSmallIntegerField(
        _("hours worked"), null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LogbookStatus.choices, default=LogbookStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    review_comment = models.TextField(_("supervisor's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placement", "week"]
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        constraints = [
            models.UniqueConstraint(fields=["placement", "week"], name="placement_logbook_week")
        ]

    def __str__(self) -> str:
        return f"{self.placement} — week {self.week}"

    def clean(self):
        if self.placement_id and self.week and self.week > self.placement.total_weeks:
            raise ValidationError(
                {"week": _("This placement has %(n)d weeks.") % {"n": self.placement.total_weeks}}
            )

    @property
    def week_starting(self) -> date:
        return self.placement.week_start(self.week)


class RubricCriterion(models.Model):
    """One line of the industry supervisor's evaluation form, scored 1 to ``max_score``.
    The office edits the rubric; each evaluation keeps a copy of the lines it was scored on."""

    name = models.CharField(_("criterion"), max_length=200)
    name_ms = models.CharField(_("criterion in Malay"), max_length=200, blank=True)
    description = models.TextField(_("what to look for"), blank=True)
    description_ms = models.TextField(_("what to look for, in Malay"), blank=True)
    stage = models.CharField(
        _("used in"), max_length=10, choices=RubricStage.choices, default=RubricStage.BOTH
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(2), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "en") -> str:
        return self.name_ms if language == "ms" and self.name_ms else self.name

    def display_description(self, language: str = "en") -> str:
        return self.description_ms if language == "ms" and self.description_ms else self.description


class Evaluation(models.Model):
    """The industry supervisor's mid-term or final evaluation of a student, by the rubric."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("placement"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=EvaluationStage.choices)
    # [{"criterion": id, "name": ..., "weight": w, "max": m, "score": s}, ...]: the rubric as
    # it was when the supervisor scored it.
    scores = models.JSONField(_("scores"), default=list)
    percent = models.DecimalField(_("overall (%)"), max_digits=5, decimal_places=2)
    strengths = models.TextField(_("strengths"), blank=True)
    improvements = models.TextField(_("to improve"), blank=True)
    evaluator_name = models.CharField(_("evaluated by"), max_length=200)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["placement", "stage"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["placement", "stage"], name="placement_evaluation_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} — {self.placement}"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class EvaluationLink(models.Model):
    """A single-purpose link e-mailed to the industry supervisor: it lets whoever holds it
    submit one evaluation (this placement, this stage) once, before it expires, and nothing
    else. Only the token's hash is stored."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluation_links"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=EvaluationStage.choices)
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when a fresh link replaces this one: one live link per evaluation.
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("evaluation link")
        verbose_name_plural = _("evaluation links")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} link for {self.placement} ({self.email})"

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, _hash(raw)

    @classmethod
    def find(cls, raw: str):
        if not raw:
            return None
        return (
            cls.objects.select_related("placement__student", "placement__organisation")
            .filter(token_hash=_hash(raw))
            .first()
        )

    @property
    def state(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "usable"

    @property
    def is_usable(self) -> bool:
        return self.state == "usable"


class PlacementFeedback(models.Model):
    """The student's own evaluation of the placement; its rating is the partner's rating by
    students, which coordinators see."""

    placement = models.OneToOneField(
        Placement,
        on_delete=models.CASCADE,
        related_name="student_feedback",
        verbose_name=_("placement"),
    )
    rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    supervision_rating = models.PositiveSmallIntegerField(
        _("supervision at the partner"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    learning_rating = models.PositiveSmallIntegerField(
        _("what I learned"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_recommend = models.BooleanField(_("I would recommend this placement"), default=True)
    comments = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("student's evaluation of a placement")
        verbose_name_plural = _("students' evaluations of placements")

    def __str__(self) -> str:
        return f"{self.placement}: {self.rating}/5"


class GraduateOutcome(models.Model):
    """Where a graduate was within six months of graduating: the tracer study's answer and the
    ground of the employability figure."""

    student = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="graduate_outcome",
        verbose_name=_("graduate"),
    )
    graduated_on = models.DateField(_("graduated on"))
    status = models.CharField(_("destination"), max_length=15, choices=OutcomeStatus.choices)
    employer_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="graduate_outcomes",
        verbose_name=_("employer (partner organisation)"),
    )
    employer_name = models.CharField(_("employer (if not a partner)"), max_length=255, blank=True)
    job_title = models.CharField(_("job title or course"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    within_six_months = models.BooleanField(_("within six months of graduating"), default=False)
    with_placement_partner = models.BooleanField(
        _("with an organisation the graduate was placed at"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-graduated_on", "pk"]
        verbose_name = _("graduate outcome")
        verbose_name_plural = _("graduate outcomes")

    def __str__(self) -> str:
        return f"{self.student}: {self.get_status_display()}"

    def clean(self):
        from .choices import EMPLOYABLE_OUTCOMES

        errors = {}
        if self.status == OutcomeStatus.EMPLOYED and not (
            self.employer_organisation_id or self.employer_name.strip()
        ):
            errors["employer_name"] = _("Name the employer, or choose a partner organisation.")
        if self.status in EMPLOYABLE_OUTCOMES and not self.started_on:
            errors["started_on"] = _("Give the date it started.")
        if errors:
            raise ValidationError(errors)

    @property
    def employer_label(self) -> str:
        return str(self.employer_organisation or self.employer_name or "")


def cv_filename(profile: StudentProfile) -> str:
    stem = "".join(c for c in profile.user.full_name if c.isalnum() or c == " ").strip()
    return f"CV {stem or profile.user_id}{PurePath(profile.cv.name).suffix or '.pdf'}"
