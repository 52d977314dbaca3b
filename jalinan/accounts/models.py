"""People, their KCDIO units, invitations and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class Unit(models.Model):
    """A KCDIO unit: Kulliyyah, Centre, Division, Institute or Office, in a tree."""

    class Kind(models.TextChoices):
        KULLIYYAH = "kulliyyah", _("Kulliyyah")
        CENTRE = "centre", _("Centre")
        DIVISION = "division", _("Division")
        INSTITUTE = "institute", _("Institute")
        OFFICE = "office", _("Office")
        DEPARTMENT = "department", _("Department")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ms = models.CharField(_("name in Malay"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("KCDIO unit")
        verbose_name_plural = _("KCDIO units")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str = "en") -> str:
        return self.name_ms if language == "ms" and self.name_ms else self.name

    def descendant_ids(self) -> set[int]:
        """This unit's id and those of every unit below it."""
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class Provisioning(models.TextChoices):
    """Where an account provisioned by the people sync comes from."""

    HR = "hr", _("HR (staff)")
    STUDENT_RECORDS = "students", _("Student records")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The e-mail address is the login."""

    class Approval(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Waiting for approval")
        REJECTED = "rejected", _("Rejected")

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=40, blank=True, help_text=_("e.g. Dr, Prof."))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    staff_id = models.CharField(_("staff or matric number"), max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("KCDIO unit"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        verbose_name=_("organisation"),
    )
    requested_organisation = models.CharField(
        _("organisation (as given at sign-up)"), max_length=255, blank=True
    )
    approval_status = models.CharField(
        _("approval"), max_length=10, choices=Approval.choices, default=Approval.APPROVED
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    # Set by the people sync (jalinan.accounts.provisioning): the export that manages this
    # account, which deactivates it when the person is no longer in it.
    provisioned_from = models.CharField(
        _("provisioned from"),
        max_length=10,
        choices=Provisioning.choices,
        blank=True,
        help_text=_("The export that keeps this account up to date; empty: kept by hand."),
    )
    # When the sync deactivated the account (it reactivates only those it deactivated).
    deprovisioned_at = models.DateTimeField(_("deactivated by the sync"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()
    # roles.user_roles keeps the person's roles here for the request (None: read them again).
    _jalinan_roles: frozenset[str] | None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.full_name or self.email
        return f"{self.title} {name}".strip() if self.title else name

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def roles(self) -> frozenset[str]:
        from .roles import user_roles

        return user_roles(self)

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed link that lets a new person set a password and join with given roles."""

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200)
    roles = models.JSONField(_("roles"), default=list)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("KCDIO unit")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @staticmethod
    def new_token() -> tuple[str, str]:
        raw = secrets.token_urlsafe(32)
        return raw, _hash(raw)

    @classmethod
    def find(cls, raw: str):
        return cls.objects.filter(token_hash=_hash(raw)).first()

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


def _all_areas_write() -> dict:
    # What a token could do before scopes existed; the profile form always chooses.
    return {ApiToken.ALL_AREAS: ApiToken.WRITE}


def _default_expiry():
    return timezone.now() + timedelta(days=settings.JALINAN_API_TOKEN_DAYS)


def password_stamp(user) -> str:
    """A fingerprint of the user's current password (its hash): a token made under one
    password is refused once the password is changed, reset or set, by any route."""
    return hashlib.sha256(f"jalinan.api-token:{user.password}".encode()).hexdigest()


class ApiToken(models.Model):
    """A personal access token for the REST API; only its hash is stored.

    ``scopes`` maps an API area (a router prefix under /api/v1/, e.g. ``memoranda``), or
    ``"*"`` for every area, to ``"read"`` (GET and HEAD) or ``"write"`` (read and change).
    A token always expires, and dies when its user's password changes."""

    PREFIX = "jal_"
    ALL_AREAS = "*"
    READ = "read"
    WRITE = "write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    scopes = models.JSONField(_("scopes"), default=_all_areas_write)
    password_stamp = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=_default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.password_stamp:
            self.password_stamp = password_stamp(self.user)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        scopes = self.scopes
        if not isinstance(scopes, dict) or not scopes:
            raise ValidationError({"scopes": _("Give the token at least one area.")})
        if any(v not in (self.READ, self.WRITE) for v in scopes.values()):
            raise ValidationError({"scopes": _("Each area is read or write.")})

    @classmethod
    def new_token(cls) -> tuple[str, str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        return raw, _hash(raw)

    @classmethod
    def find(cls, raw: str):
        """The usable token behind ``raw`` (not revoked, not expired, its user active and
        with the password it was made under), or None."""
        if not raw or not raw.startswith(cls.PREFIX):
            return None
        token = cls.objects.select_related("user").filter(token_hash=_hash(raw)).first()
        if token is None or not token.is_active or not token.user.is_active:
            return None
        if token.password_changed:
            return None
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token

    @classmethod
    def authenticate(cls, raw: str):
        """The active user behind ``raw``, or None."""
        token = cls.find(raw)
        return token.user if token is not None else None

    def allows(self, area: str, *, write: bool) -> bool:
        """Whether this token may read (or, ``write``, change) records of ``area``."""
        levels = {self.scopes.get(area), self.scopes.get(self.ALL_AREAS)}
        return self.WRITE in levels or (not write and self.READ in levels)

    def scope_list(self) -> list[tuple[str, str]]:
        """(area, level) pairs, every area first."""
        return sorted(self.scopes.items(), key=lambda kv: (kv[0] != self.ALL_AREAS, kv[0]))

    @property
    def password_changed(self) -> bool:
        return self.password_stamp != password_stamp(self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class IdentityMapping(models.Model):
    """How a value from the university's own systems maps onto Jalinan: a department code (an
    identity provider's claim, a column of the HR or student-records export) onto a KCDIO unit,
    or an affiliation (``eduPersonAffiliation``: staff, faculty, student…) onto a role. The OIL
    administrator edits them; single sign-on and the people sync read the same rows
    (:mod:`jalinan.accounts.mapping`)."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Department code → KCDIO unit")
        ROLE = "role", _("Affiliation → role")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=100,
        help_text=_("As the identity provider or the export gives it; case is ignored."),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mappings",
        verbose_name=_("KCDIO unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="identity_mapping_unique")
        ]
        verbose_name = _("identity mapping")
        verbose_name_plural = _("identity mappings")

    def __str__(self) -> str:
        return f"{self.value} → {self.unit or self.get_role_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        self.value = (self.value or "").strip().lower()
        if self.kind == self.Kind.UNIT and not self.unit_id:
            raise ValidationError({"unit": _("Choose the KCDIO unit this code stands for.")})
        if self.kind == self.Kind.ROLE and not self.role:
            raise ValidationError({"role": _("Choose the role this affiliation gives.")})
