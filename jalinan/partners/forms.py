from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit
from jalinan.core.forms import BootstrapFormMixin

from . import msic
from .models import Contact, Organisation

BASE_FIELDS = [
    "legal_name",
    "other_names",
    "registration_number",
    "org_type",
    "msic_section",
    "msic_division",
    "country",
    "state",
    "city",
    "address",
    "size",
    "website",
    "email",
    "phone",
    "description",
]
OFFICE_FIELDS = ["status", "is_vetted", "lead_unit"]


class OtherNamesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        names = [" ".join(line.split()) for line in text.splitlines()]
        return [n for n in names if n]

    def validate(self, value):
        super().validate(value)
        for n in value:
            if len(n) > 255:
                raise forms.ValidationError(_("Each other name must be at most 255 characters."))


class OrganisationForm(BootstrapFormMixin, forms.ModelForm):
    other_names = OtherNamesField(
        label=_("Other names"),
        required=False,
        help_text=_("One per line: trading names, abbreviations, former names."),
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different organisation — save anyway"),
        required=False,
    )

    class Meta:
        model = Organisation
        fields = BASE_FIELDS + OFFICE_FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, office: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            for name in OFFICE_FIELDS:
                self.fields.pop(name, None)
        if "lead_unit" in self.fields:
            self.fields["lead_unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["msic_division"].help_text = _("Optional; must belong to the section.")
        self.fields["website"].assume_scheme = "https"
        self.duplicates = []

    def clean(self):
        data = super().clean()
        division, section = data.get("msic_division"), data.get("msic_section")
        if division and section and msic.section_of(division) != section:
            self.add_error(
                "msic_division",
                _("Division %(d)s belongs to section %(s)s, not %(given)s.")
                % {"d": division, "s": msic.section_of(division), "given": section},
            )
        if data.get("state") and data.get("country") and data["country"] != "MY":
            self.add_error("state", _("A Malaysian state is only for organisations in Malaysia."))
        return data

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "confirm_not_duplicate"}


class ContactForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "consent_to_contact", "is_primary", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class MergeForm(forms.Form):
    duplicates = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Records to merge into this one"),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = (
            candidates if candidates is not None else (Organisation.objects.none())
        )
