"""The public enquiry form on a technology's page, and its spam check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.core.antispam import too_soon
from jalinan.core.forms import BootstrapFormMixin

from ..choices import EnquiryKind


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
