from django import forms

from .models import InstitutionProfile


class BootstrapFormMixin:
    """Give every widget Bootstrap's classes and mark fields with errors as invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput,)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_error"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class InstitutionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = InstitutionProfile
        fields = [
            "name", "name_ms", "short_name", "office_name", "office_name_ms", "office_short_name",
            "logo_url", "primary_colour", "secondary_colour", "contact_email", "contact_phone",
            "address", "website",
        ]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "secondary_colour": forms.TextInput(attrs={"type": "color"}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }
