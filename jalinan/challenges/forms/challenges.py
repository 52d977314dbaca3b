"""Forms of challenges: the challenge itself, the workflow's comments and reasons, attachments
and the invitation of experts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_oil
from jalinan.agreements.forms import DATE
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation

from ..models import Challenge

FIELDS = [
    "title",
    "problem_statement",
    "desired_outcome",
    "constraints",
    "trl_min",
    "trl_max",
    "budget_min",
    "budget_max",
    "timeline",
    "proposal_deadline",
    "ip_expectation",
    "ip_notes",
    "visibility",
    "unit",
]


class ChallengeForm(BootstrapFormMixin, forms.ModelForm):
    """A challenge's details; an officer also chooses the partner organisation."""

    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation whose problem this is."),
    )

    class Meta:
        model = Challenge
        fields = FIELDS
        widgets = {
            "proposal_deadline": DATE,
            "problem_statement": forms.Textarea(attrs={"rows": 6}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
            "constraints": forms.Textarea(attrs={"rows": 3}),
            "ip_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        if is_oil(user) and not self.instance.pk:
            self.fields["organisation"].queryset = Organisation.objects.order_by("legal_name")
            self.order_fields(["organisation", *FIELDS])
        else:
            del self.fields["organisation"]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


class CommentsForm(BootstrapFormMixin, forms.Form):
    comments = forms.CharField(
        label=_("What should the partner change?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the challenge cancelled?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AttachmentForm(BootstrapFormMixin, forms.Form):
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, PNG or JPEG)"))


class InviteForm(forms.Form):
    """The brokerage section's checkboxes: the experts to invite, and one message to all."""

    experts = forms.ModelMultipleChoiceField(
        label=_("Experts to invite"),
        queryset=None,
        error_messages={"required": _("Choose at least one expert to invite.")},
    )
    message = forms.CharField(
        label=_("Message to the experts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from jalinan.experts.selectors import profiles_for

        self.fields["experts"].queryset = profiles_for(user)
