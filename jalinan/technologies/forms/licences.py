"""Forms of licences, their agreement, royalty payments and the revenue sharing policy."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation

from ..choices import OfferStatus, PaymentKind
from ..models import Licence, RevenuePolicy, Technology


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
