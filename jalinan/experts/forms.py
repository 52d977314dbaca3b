from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit
from jalinan.core.forms import BootstrapFormMixin

from .models import ExpertProfile, ProfileProject, Publication


class ListField(forms.CharField):
    """A list of short texts, one per line (semicolons also separate)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items = [" ".join(x.split()) for x in text.replace(";", "\n").splitlines()]
        return [x for x in items if x]

    def validate(self, value):
        super().validate(value)
        for item in value:
            if len(item) > 100:
                raise forms.ValidationError(_("Each entry must be at most 100 characters."))


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    keywords = ListField(
        label=_("Expertise keywords"),
        required=False,
        help_text=_("One per line, e.g. “corrosion engineering”. Industry searches these."),
    )
    languages = ListField(
        label=_("Languages"),
        required=False,
        help_text=_("Languages you can consult in, one per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = ExpertProfile
        fields = [
            "unit",
            "department",
            "position",
            "keywords",
            "biography",
            "languages",
            "availability",
            "orcid",
            "scopus_id",
            "google_scholar",
            "is_public",
        ]
        widgets = {"biography": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, can_move_unit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        if not can_move_unit:
            self.fields.pop("unit")


class PublicationForm(BootstrapFormMixin, forms.ModelForm):
    keywords = ListField(
        label=_("Keywords"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Publication
        fields = ["title", "authors", "year", "venue", "kind", "doi", "url", "abstract", "keywords"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 6}),
            "authors": forms.Textarea(attrs={"rows": 2}),
        }


class ProfileProjectForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ProfileProject
        fields = ["title", "role", "funder", "start_year", "end_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("BibTeX, RIS, CSV or ORCID JSON file"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".bib,.bibtex,.ris,.csv,.json,.txt", "class": "form-control"}
        ),
    )
