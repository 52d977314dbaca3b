"""Technology transfer: from an academic's invention disclosure, through the IP assets that
protect it and their deadlines, to a public technology offer, enquiries, licences with their
royalty income shared by policy, and spin-off companies.

Disclosures are confidential (inventors, OIL and the IP committee only); a technology offer is
the non-confidential face of a technology, and only its published fields reach the public
catalogue.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
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
    AssetKind,
    AssetStatus,
    DeadlineKind,
    Decision,
    DisclosureStatus,
    EnquiryKind,
    Exclusivity,
    IPOffice,
    LicenceStatus,
    OfferStatus,
    PaymentKind,
    PublicDisclosureKind,
    ShareParty,
    SpinoffStatus,
)

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _upload_to(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"technologies/{uuid.uuid4().hex}{suffix}"


class Disclosure(models.Model):
    """An invention disclosure: what an academic (with co-inventors) invented, what is new,
    what was already made public, and the office's assessment and decision. Confidential."""

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description of the invention"))
    novelty = models.TextField(_("what is new"))
    prior_art = models.TextField(_("known prior art"), blank=True)
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    sponsor_obligations = models.TextField(
        _("sponsor obligations"),
        blank=True,
        help_text=_("What the funder's terms say about IP, publication or licensing."),
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=3
    )
    applications = models.TextField(_("applications"), blank=True)
    target_industries = models.CharField(_("target industries"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures",
        verbose_name=_("KCDIO"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosures_submitted",
        verbose_name=_("submitted by"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DisclosureStatus.choices,
        default=DisclosureStatus.DRAFT,
        db_index=True,
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invention disclosure")
        verbose_name_plural = _("invention disclosures")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("technologies:disclosure_detail", args=[self.pk])


class Inventor(models.Model):
    """One inventor of a disclosure (a staff member, a student, or someone named from
    outside) and their contribution share; the shares of a disclosure total 100%."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="inventors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inventorships",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_student = models.BooleanField(_("student"), default=False)
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("KCDIO"),
    )
    share = models.DecimalField(
        _("contribution (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.user.get_full_name() if self.user_id else self.name

    def clean(self):
        if not self.user_id and not self.name.strip():
            raise ValidationError({"name": _("Give the inventor's name.")})


class PublicDisclosure(models.Model):
    """A time the invention was made public before protection (a paper, a talk, a poster):
    its date decides whether novelty, and so patentability, is still intact."""

    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.CASCADE, related_name="public_disclosures"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PublicDisclosureKind.choices)
    date = models.DateField(_("date"))
    details = models.CharField(_("where and what"), max_length=500, blank=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date})"


class IPAsset(models.Model):
    """A piece of intellectual property: a patent application, a copyright notification, a
    trademark, an industrial design or know-how; usually from a disclosure. Members of one
    patent family point to the first filing as their ``family`` root."""

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    disclosure = models.ForeignKey(
        Disclosure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
        verbose_name=_("disclosure"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AssetKind.choices)
    title = models.CharField(_("title"), max_length=300)
    office = models.CharField(_("office"), max_length=8, choices=IPOffice.choices, blank=True)
    application_number = models.CharField(_("application number"), max_length=60, blank=True)
    filing_date = models.DateField(_("filing date"), null=True, blank=True)
    priority_date = models.DateField(_("priority date"), null=True, blank=True)
    publication_number = models.CharField(_("publication number"), max_length=60, blank=True)
    grant_number = models.CharField(_("grant / registration number"), max_length=60, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssetStatus.choices, default=AssetStatus.PREPARING
    )
    family = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_members",
        verbose_name=_("family (first filing)"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ip_assets",
        verbose_name=_("KCDIO"),
    )
    attorney = models.CharField(_("patent agent / attorney"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")

    def __str__(self) -> str:
        return f"{self.title} ({self.application_number or self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("technologies:asset_detail", args=[self.pk])

    def clean(self):
        if self.priority_date and self.filing_date and self.priority_date > self.filing_date:
            raise ValidationError(
                {"priority_date": _("The priority date cannot be after the filing date.")}
            )


class Deadline(models.Model):
    """A date an IP asset must not miss (PCT national phase, examination request, renewal or
    annuity fee), computed from its dates or entered by hand; done once handled."""

    asset = models.ForeignKey(IPAsset, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("kind"), max_length=14, choices=DeadlineKind.choices)
    due_date = models.DateField(_("due date"), db_index=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_computed = models.BooleanField(default=False, editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.due_date}"

    @property
    def explanation(self) -> str:
        """The description in the reader's language (see ``deadlines.describe``)."""
        from .deadlines import describe

        return describe(self)


class DeadlineReminder(models.Model):
    """That the reminder of one tier (days before) for one deadline was sent: never twice."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.IntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "days_before"], name="one_reminder_per_deadline_tier"
            )
        ]


class Technology(models.Model):
    """A technology offer: the non-confidential summary of a technology, published by OIL in
    the public catalogue. Only the fields of this model (never the disclosure's) are public."""

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    disclosure = models.ForeignKey(
        Disclosure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technologies",
        verbose_name=_("disclosure"),
    )
    assets = models.ManyToManyField(
        IPAsset, blank=True, related_name="technologies", verbose_name=_("IP assets")
    )
    title = models.CharField(_("title"), max_length=300)
    tagline = models.CharField(_("one-line summary"), max_length=300, blank=True)
    field = models.CharField(_("field"), max_length=30, blank=True)
    problem = models.TextField(_("the problem"))
    solution = models.TextField(_("the solution"))
    advantages = models.TextField(_("advantages"), blank=True)
    applications = models.TextField(_("applications"), blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"), choices=TRL_CHOICES, validators=TRL_VALIDATORS, default=4
    )
    ip_status = models.CharField(
        _("IP status (public wording)"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Patent pending (MyIPO)”; shown in the catalogue."),
    )
    inventors = models.ManyToManyField(
        "experts.ExpertProfile",
        blank=True,
        related_name="technologies",
        verbose_name=_("inventors shown"),
        help_text=_("Only public profiles are shown in the catalogue."),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technologies",
        verbose_name=_("KCDIO"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OfferStatus.choices,
        default=OfferStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("technologies:technology_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("technologies:catalogue_detail", args=[self.slug])

    @property
    def public_text(self) -> str:
        """The text the catalogue's semantic search reads: public fields only."""
        return "\n".join(
            filter(
                None,
                [self.title, self.tagline, self.problem, self.solution, self.advantages,
                 self.applications],
            )
        )  # fmt: skip


class TechnologyImage(models.Model):
    """A picture of a technology for its catalogue page."""

    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(_("image"), upload_to=_upload_to)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]


class Enquiry(models.Model):
    """A visitor's or partner's request for information or expression of interest in a
    technology; it opens an opportunity in the pipeline, and an NDA may be drafted from it."""

    technology = models.ForeignKey(Technology, on_delete=models.CASCADE, related_name="enquiries")
    kind = models.CharField(
        _("kind"), max_length=12, choices=EnquiryKind.choices, default=EnquiryKind.INFORMATION
    )
    name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=300)
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technology_enquiries",
    )
    message = models.TextField(_("message"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opportunity = models.ForeignKey(
        "pipeline.Opportunity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technology_enquiries",
        verbose_name=_("opportunity"),
    )
    nda = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technology_enquiries",
        verbose_name=_("NDA"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("technology enquiry")
        verbose_name_plural = _("technology enquiries")

    def __str__(self) -> str:
        return f"{self.organisation_name}: {self.technology}"


class RevenuePolicy(models.Model):
    """How licensing income is shared among the inventors, their KCDIOs and the university,
    from a date on. The newest policy in force on a payment's date applies to it."""

    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"), unique=True)
    inventors_percent = models.DecimalField(
        _("inventors (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    units_percent = models.DecimalField(
        _("inventors' KCDIOs (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    university_percent = models.DecimalField(
        _("university (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    deduct_costs = models.BooleanField(
        _("deduct IP costs first"),
        default=False,
        help_text=_("Share the income net of the payment's recorded IP and legal costs."),
    )

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("revenue sharing policy")
        verbose_name_plural = _("revenue sharing policies")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        total = (
            (self.inventors_percent or 0)
            + (self.units_percent or 0)
            + (self.university_percent or 0)
        )
        if total != 100:
            raise ValidationError(
                _("The three shares must total 100%% (they total %(t)s%%).") % {"t": total}
            )


class Licence(models.Model):
    """A licence of a technology to a company: terms, the Licensing & Commercialisation
    Agreement (a memorandum) that governs it, and its payments."""

    reference = models.CharField(_("reference"), max_length=30, unique=True, editable=False)
    # The number the office gave it in the register it kept before (empty for licences
    # recorded here): the key of a re-import (core.imports). Kept apart from ``reference`` so
    # that a later generated LIC-YEAR-NNNN never clashes with it.
    office_reference = models.CharField(
        _("office reference"), max_length=60, blank=True, default=""
    )
    technology = models.ForeignKey(
        Technology, on_delete=models.PROTECT, related_name="licences", verbose_name=_("technology")
    )
    licensee = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="licences",
        verbose_name=_("licensee"),
    )
    exclusivity = models.CharField(
        _("exclusivity"),
        max_length=14,
        choices=Exclusivity.choices,
        default=Exclusivity.NON_EXCLUSIVE,
    )
    field_of_use = models.CharField(_("field of use"), max_length=300, blank=True)
    territory = models.CharField(_("territory"), max_length=300, blank=True)
    upfront_fee = models.DecimalField(
        _("upfront fee (RM)"), max_digits=14, decimal_places=2, default=0
    )
    royalty_rate = models.DecimalField(
        _("royalty rate (% of net sales)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=PERCENT,
    )
    milestones = models.TextField(_("milestone payments"), blank=True)
    memorandum = models.ForeignKey(
        "agreements.Memorandum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="licences",
        verbose_name=_("licensing agreement"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=LicenceStatus.choices, default=LicenceStatus.NEGOTIATION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.UniqueConstraint(
                fields=["office_reference"],
                condition=~models.Q(office_reference=""),
                name="licence_office_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.technology} → {self.licensee}"

    def get_absolute_url(self) -> str:
        return reverse("technologies:licence_detail", args=[self.pk])


class RoyaltyPayment(models.Model):
    """Income received under a licence, with the policy that shared it."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(
        _("kind"), max_length=10, choices=PaymentKind.choices, default=PaymentKind.ROYALTY
    )
    received_on = models.DateField(_("received on"))
    period_year = models.PositiveSmallIntegerField(_("for the year"))
    amount = models.DecimalField(
        _("amount (RM)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    costs = models.DecimalField(
        _("IP and legal costs recovered (RM)"), max_digits=14, decimal_places=2, default=0
    )
    policy = models.ForeignKey(
        RevenuePolicy, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"RM {self.amount} ({self.received_on})"


class RevenueShare(models.Model):
    """One party's part of one payment, as computed by the policy (kept, not recomputed, so
    that a later policy never rewrites what was paid out)."""

    payment = models.ForeignKey(RoyaltyPayment, on_delete=models.CASCADE, related_name="shares")
    party = models.CharField(_("party"), max_length=10, choices=ShareParty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    amount = models.DecimalField(_("amount (RM)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["payment", "party", "pk"]


class Spinoff(models.Model):
    """A company formed from the university's IP; it is also a partner organisation."""

    organisation = models.OneToOneField(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="spinoff",
        verbose_name=_("company"),
    )
    founders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="spinoffs", verbose_name=_("founders")
    )
    other_founders = models.CharField(_("other founders"), max_length=500, blank=True)
    incorporated_on = models.DateField(_("incorporated on"), null=True, blank=True)
    equity_percent = models.DecimalField(
        _("university's equity (%)"), max_digits=5, decimal_places=2, default=0, validators=PERCENT
    )
    licence = models.ForeignKey(
        Licence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spinoffs",
        verbose_name=_("licence"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SpinoffStatus.choices, default=SpinoffStatus.FORMING
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__legal_name"]
        verbose_name = _("spin-off")
        verbose_name_plural = _("spin-offs")

    def __str__(self) -> str:
        return str(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("technologies:spinoff_detail", args=[self.pk])
