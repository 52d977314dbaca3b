"""The form of a spin-off company."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import User
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation

from ..models import Licence, Spinoff


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
