"""Forms of offers, the public enquiry, licences, payments, policies and spin-offs."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.core.antispam import too_soon
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation

from .choices import DisclosureStatus, EnquiryKind, OfferStatus, PaymentKind
from .models import Disclosure, IPAsset, Licence, RevenuePolicy, Spinoff, Technology
from .selectors.offers import field_choices


class TechnologyForm(BootstrapFormMixin, forms.ModelForm):
    """An offer: only non-confidential wording belongs here (it is what the public reads)."""

    field = forms.ChoiceField(label=_("Field"), required=False)

    class Meta:
        model = Technology
        fields = [
            "title",
            "tagline",
            "field",
            "problem",
            "solution",
            "advantages",
            "applications",
            "trl",
            "ip_status",
            "unit",
            "disclosure",
            "assets",
            "inventors",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "solution": forms.Textarea(attrs={"rows": 4}),
            "advantages": forms.Textarea(attrs={"rows": 3}),
            "applications": forms.Textarea(attrs={"rows": 3}),
            "assets": forms.SelectMultiple(attrs={"size": 6}),
            "inventors": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "problem": _("Public wording: never paste the confidential disclosure here."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("(none)")), *field_choices()]
        # A draft may be incomplete: publishing asks for the problem and the solution.
        if self.instance.status != OfferStatus.PUBLISHED:
            self.fields["problem"].required = False
            self.fields["solution"].required = False
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["assets"].queryset = IPAsset.objects.order_by("-created_at")
        # Only disclosures the office has received (never an inventor's draft), by reference.
        disclosure = self.fields["disclosure"]
        disclosure.queryset = Disclosure.objects.exclude(status=DisclosureStatus.DRAFT).order_by(
            "-created_at"
        )
        disclosure.label_from_instance = lambda d: f"{d.reference} · {d.title}"
        from jalinan.experts.models import ExpertProfile

        self.fields["inventors"].queryset = ExpertProfile.objects.select_related("user")


class ImageForm(BootstrapFormMixin, forms.Form):
    image = forms.FileField(label=_("Image (PNG or JPEG, at most 5 MB)"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class EnquiryForm(BootstrapFormMixin, forms.Form):
    """The public "request information / express interest" form on a technology's page."""

    kind = forms.ChoiceField(
        label=_("I would like to"), choices=EnquiryKind.choices, initial=EnquiryKind.INFORMATION
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you would use the technology for, and any questions."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the office keeps these details to answer my enquiry and may pass "
            "them to the inventors."
        )
    )
    # Hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # When the form was shown (signed): sent back too soon, it is spam.
    ts = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.setdefault("name", user.display_name)
            self.initial.setdefault("email", user.email)
            org = getattr(user, "organisation", None)
            if org is not None:
                self.initial.setdefault("organisation_name", org.legal_name)

    def service_fields(self) -> dict:
        c = self.cleaned_data
        return {k: c[k] for k in ("kind", "name", "email", "phone", "organisation_name", "message")}


def is_spam(data) -> bool:
    """The honeypot was filled in, or the form came back too fast (or with a forged, missing or
    stale token), as on the pipeline's enquiry form."""
    return bool((data.get("website") or "").strip()) or too_soon(data.get("ts", ""))


class LicenceForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Licence
        fields = [
            "technology",
            "licensee",
            "exclusivity",
            "field_of_use",
            "territory",
            "upfront_fee",
            "royalty_rate",
            "milestones",
            "start_date",
            "end_date",
            "status",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "milestones": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technology"].queryset = Technology.objects.exclude(status=OfferStatus.DRAFT)
        self.fields["licensee"].queryset = Organisation.objects.exclude(status="merged").order_by(
            "legal_name"
        )
        if self.instance.pk:
            self.fields["technology"].disabled = True


class AgreementLinkForm(BootstrapFormMixin, forms.Form):
    memorandum = forms.ModelChoiceField(
        label=_("Licensing & Commercialisation Agreement"), queryset=None
    )

    def __init__(self, *args, licence=None, **kwargs):
        super().__init__(*args, **kwargs)
        from jalinan.agreements.models import Memorandum

        qs = Memorandum.objects.filter(memo_type__code="lca")
        if licence is not None:
            qs = qs.filter(parties__organisation=licence.licensee)
        self.fields["memorandum"].queryset = qs.order_by("-created_at")


class PaymentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PaymentKind.choices, initial=PaymentKind.ROYALTY
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_year = forms.IntegerField(label=_("For the year"), min_value=1990, max_value=2100)
    amount = forms.DecimalField(
        label=_("Amount (RM)"), min_value=0, max_digits=14, decimal_places=2
    )
    costs = forms.DecimalField(
        label=_("IP and legal costs recovered (RM)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        initial=0,
        required=False,
    )
    reference = forms.CharField(label=_("Payment reference"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("received_on", today)
        self.initial.setdefault("period_year", today.year)


class PolicyForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RevenuePolicy
        fields = [
            "name",
            "effective_from",
            "inventors_percent",
            "units_percent",
            "university_percent",
            "deduct_costs",
        ]
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class SpinoffForm(BootstrapFormMixin, forms.ModelForm):
    """A spin-off: choose its partner organisation, or name a new company to register."""

    new_company = forms.CharField(
        label=_("Or register a new company"),
        max_length=255,
        required=False,
        help_text=_("Its legal name; it is added to the partners as a startup."),
    )
    founders = forms.ModelMultipleChoiceField(
        label=_("Founders (staff and students)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Spinoff
        fields = [
            "organisation",
            "founders",
            "other_founders",
            "incorporated_on",
            "equity_percent",
            "licence",
            "status",
            "notes",
        ]
        widgets = {
            "incorporated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            status="merged"
        ).order_by("legal_name")
        self.fields["founders"].queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["licence"].queryset = Licence.objects.select_related("technology", "licensee")
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            del self.fields["new_company"]

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("organisation") and not data.get("new_company"):
            self.add_error("organisation", _("Choose the company, or name a new one."))
        return data
