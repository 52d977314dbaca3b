from django import forms
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import OIL_ROLES, Role, is_oil, unit_ids
from jalinan.agreements.selectors import memorandum_choices
from jalinan.core.antispam import too_soon
from jalinan.core.forms import BootstrapFormMixin
from jalinan.partners.models import Organisation
from jalinan.partners.selectors import organisations_for
from jalinan.projects.selectors import projects_for

from .choices import ORDER, LostReason, Source, Stage
from .models import Opportunity


def owner_choices():
    """The people who may be put in charge of an opportunity: OIL and coordinators."""
    return (
        User.objects.filter(groups__name__in=[*OIL_ROLES, Role.COORDINATOR], is_active=True)
        .distinct()
        .order_by("full_name")
    )


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class MemoField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.reference} {obj.title}"


class OpportunityForm(BootstrapFormMixin, forms.ModelForm):
    """An officer's new opportunity (a direct contact, a referral) or the edit of one."""

    stage = forms.ChoiceField(
        label=_("Starting stage"),
        choices=[(s.value, s.label) for s in ORDER if s != Stage.COMPLETED],
        initial=Stage.ENQUIRY,
        help_text=_("Where the opportunity stands already, for one logged after the fact."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Leave empty for an organisation not in the partner registry yet."),
    )
    owner = OwnerField(label=_("Officer in charge"), queryset=User.objects.none(), required=False)
    memorandum = MemoField(
        label=_("Memorandum"),
        queryset=None,
        required=False,
        help_text=_("Linking one moves the opportunity to the agreement stage."),
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        help_text=_("Linking an active project moves it to the project stage."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "source",
            "stage",
            "organisation",
            "organisation_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "unit",
            "owner",
            "estimated_value",
            "memorandum",
            "project",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisations_for(user).order_by("legal_name")
        self.fields["owner"].queryset = owner_choices()
        units = Unit.objects.filter(is_active=True)
        if not is_oil(user):
            units = units.filter(pk__in=unit_ids(user))
            self.fields["unit"].required = True
        self.fields["unit"].queryset = units
        self.fields["memorandum"].queryset = memorandum_choices(user)
        self.fields["project"].queryset = projects_for(user)
        if self.instance.pk:
            del self.fields["stage"]
            self.fields["source"].disabled = True
        else:
            self.fields["source"].choices = [
                (s.value, s.label) for s in (Source.DIRECT, Source.REFERRAL, Source.ENQUIRY)
            ]
            self.fields["source"].initial = Source.DIRECT
            del self.fields["memorandum"]
            del self.fields["project"]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("organisation_name") or "").strip():
            self.add_error(
                "organisation_name",
                _("Choose a partner organisation or type the organisation's name."),
            )
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("memorandum", None)
        data.pop("project", None)
        if self.instance.pk:
            data.pop("source", None)
        return data


class MoveForm(BootstrapFormMixin, forms.Form):
    """Move an opportunity to another stage (a reason when it is lost)."""

    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    lost_reason = forms.ChoiceField(
        label=_("Reason, if lost"),
        choices=[("", "—"), *LostReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
    filters = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current:
            self.fields["to_stage"].choices = [c for c in Stage.choices if c[0] != current]

    def clean(self):
        data = super().clean()
        if data.get("to_stage") == Stage.LOST and not data.get("lost_reason"):
            self.add_error("lost_reason", _("Say why the opportunity was lost."))
        return data


# -- the public enquiry -------------------------------------------------------------------


class EnquiryForm(BootstrapFormMixin, forms.Form):
    """The public "tell us your problem" form."""

    title = forms.CharField(
        label=_("Your problem in one line"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What you need, what you have tried, and by when. Experts who fit appear as you type."
        ),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255)
    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the office keeps these details to answer my enquiry and may pass "
            "them to the academics who can help."
        ),
    )
    # A field people do not see (hidden by CSS, skipped by screen readers): bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    ts = forms.CharField(required=False, widget=forms.HiddenInput)


def is_spam(data) -> bool:
    """The honeypot was filled in, or the form came back too fast (or with a forged or stale
    token)."""
    return bool((data.get("website") or "").strip()) or too_soon(data.get("ts", ""))
