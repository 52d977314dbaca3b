from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError

from .models import InstitutionProfile


def errors_to_form(form, exc: ValidationError, extra: dict | None = None) -> None:
    """Put a service's ``ValidationError`` on ``form``: each field's errors next to that field
    (errors of names the form lacks at the top), a message without a field at the top;
    ``extra`` maps other names (a formset's, say) to lists that receive their errors."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            if extra is not None and field in extra:
                extra[field].extend(errs)
            else:
                form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm  # the mixin always comes before a Form or ModelForm
else:
    _FormBase = object


class BootstrapFormMixin(_FormBase):
    """Give every widget Bootstrap's classes and mark fields with errors as invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput,)):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self):
        super().full_clean()
        # Mark invalid fields after validation (not in __init__, which must not validate).
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_error"


class InstitutionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = InstitutionProfile
        fields = [
            "name",
            "name_ms",
            "short_name",
            "office_name",
            "office_name_ms",
            "office_short_name",
            "logo_url",
            "primary_colour",
            "secondary_colour",
            "contact_email",
            "contact_phone",
            "address",
            "website",
        ]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "secondary_colour": forms.TextInput(attrs={"type": "color"}),
            "address": forms.Textarea(attrs={"rows": 3}),
        }
