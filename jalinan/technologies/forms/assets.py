"""Forms of IP assets and of the deadlines entered by hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit
from jalinan.agreements.forms import DATE
from jalinan.core.forms import BootstrapFormMixin

from ..choices import AssetKind, AssetStatus, DeadlineKind
from ..models import Disclosure, IPAsset


class DisclosureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class AssetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.get_office_display() or ''} {obj.application_number}".strip()


class AssetForm(BootstrapFormMixin, forms.ModelForm):
    disclosure = DisclosureChoiceField(
        queryset=Disclosure.objects.none(), required=False, label=_("Disclosure")
    )
    family = AssetChoiceField(
        queryset=IPAsset.objects.none(),
        required=False,
        label=_("Family (first filing)"),
        help_text=_("For a filing that claims the priority of an earlier one: that first filing."),
    )

    class Meta:
        model = IPAsset
        fields = [
            "disclosure",
            "kind",
            "title",
            "office",
            "application_number",
            "filing_date",
            "priority_date",
            "publication_number",
            "status",
            "grant_number",
            "granted_on",
            "expires_on",
            "family",
            "unit",
            "attorney",
            "notes",
        ]
        widgets = {
            "filing_date": DATE,
            "priority_date": DATE,
            "granted_on": DATE,
            "expires_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disclosure"].queryset = Disclosure.objects.exclude(status="draft").order_by(
            "-created_at"
        )
        family = IPAsset.objects.filter(
            family__isnull=True, kind__in=[AssetKind.PATENT, AssetKind.UTILITY]
        )
        if self.instance.pk:
            family = family.exclude(pk=self.instance.pk)
        self.fields["family"].queryset = family.order_by("-created_at")
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["status"].choices = AssetStatus.choices

    def clean(self):
        data = super().clean()
        if data.get("status") == AssetStatus.GRANTED and not data.get("granted_on"):
            self.add_error("granted_on", _("Give the date of the grant or registration."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("disclosure", None)
        return data


class DeadlineForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DeadlineKind.choices)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
