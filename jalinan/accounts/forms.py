from __future__ import annotations

from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from jalinan.core.forms import BootstrapFormMixin
from jalinan.core.models import NotificationPreference
from jalinan.core.notifications import KINDS
from jalinan.core.registry import partner_directory

from .models import ApiToken, IdentityMapping, Unit, User
from .roles import Role, role_change_refusal


class PartnerSignupForm(forms.Form):
    """Extra fields on allauth's sign-up page: only industry partners register themselves."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=255, help_text=_("The company or agency you represent.")
    )
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that the office may process these details to manage our partnership "
            "(Personal Data Protection Act 2010)."
        ),
    )

    def signup(self, request, user):
        from .services import partner_signup_complete

        partner_signup_complete(
            user=user,
            full_name=self.cleaned_data["full_name"],
            organisation_name=self.cleaned_data["organisation_name"],
            job_title=self.cleaned_data.get("job_title", ""),
            phone=self.cleaned_data.get("phone", ""),
        )


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "title", "job_title", "phone", "language"]


class PreferencesForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "delivery")
        )
        for key, kind in KINDS.items():
            # Not required: a form opened before an app registered a new kind still saves
            # (the kinds it does not name keep their setting).
            self.fields[f"kind_{key}"] = forms.ChoiceField(
                label=kind.label,
                choices=NotificationPreference.Delivery.choices,
                initial=current.get(key, kind.default),
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )


def api_areas() -> list[str]:
    """The API's areas: its routers' prefixes under /api/v1/."""
    from jalinan.api.urls import ROUTERS

    return [prefix for prefix, _module in ROUTERS]


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What it is for, e.g. “reporting script”."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[
            (ApiToken.READ, _("Read only (GET)")),
            (ApiToken.WRITE, _("Read and change")),
        ],
        initial=ApiToken.READ,
    )
    areas = forms.MultipleChoiceField(
        label=_("Areas of the API"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every area."),
    )
    days = forms.IntegerField(
        label=_("Expires after (days)"),
        min_value=1,
        max_value=settings.JALINAN_API_TOKEN_MAX_DAYS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["areas"]).choices = [(a, a) for a in api_areas()]
        self.fields["areas"].widget.attrs["class"] = ""
        self.fields["days"].initial = settings.JALINAN_API_TOKEN_DAYS

    def scopes(self) -> dict[str, str]:
        access = self.cleaned_data["access"]
        return {area: access for area in self.cleaned_data["areas"] or [ApiToken.ALL_AREAS]}


ROLE_CHOICES = Role.choices


class InvitationForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    unit = forms.ModelChoiceField(
        label=_("KCDIO unit"), queryset=Unit.objects.none(), required=False
    )
    # Model: an organisation of the partner directory (accounts imports no domain app).
    organisation: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=_("Organisation (for partner users)"), queryset=None, required=False
    )

    def __init__(self, *args, allowed_roles=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = partner_directory().linkable()
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = (
            units if units is not None else Unit.objects.filter(is_active=True)
        )
        if allowed_roles is not None:
            roles = cast(forms.ChoiceField, self.fields["roles"])
            roles.choices = [c for c in ROLE_CHOICES if c[0] in allowed_roles]
        self.fields["roles"].widget.attrs["class"] = ""

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if Role.PARTNER in (data.get("roles") or []) and not data.get("organisation"):
            self.add_error("organisation", _("A partner user must belong to an organisation."))
        return data


class InvitationAcceptForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1, User(email=self.email, full_name=data.get("full_name", "")))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApprovalForm(BootstrapFormMixin, forms.Form):
    """An officer's approval of a partner sign-up: the organisation is always chosen by hand
    (nothing pre-selected), and an address outside the organisation's domains needs the
    officer's explicit confirmation."""

    # Model: an organisation of the partner directory (accounts imports no domain app).
    organisation: forms.ModelChoiceField[Model] = forms.ModelChoiceField(
        label=_("Link to organisation"), queryset=None, required=False
    )
    create_new = forms.BooleanField(label=_("Register the organisation as new"), required=False)
    confirm_affiliation = forms.BooleanField(
        label=_("I confirmed that this person works for the chosen organisation"),
        required=False,
        help_text=_("Needed when the e-mail address is not at the organisation's domain."),
    )

    def __init__(self, *args, signup, **kwargs):
        super().__init__(*args, **kwargs)
        self.signup = signup
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = partner_directory().linkable()

    def clean(self):
        from .services import email_matches_organisation, signup_email_verified

        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        org = data.get("organisation")
        if not org and not data.get("create_new"):
            raise forms.ValidationError(
                _("Choose an organisation, or register the organisation as new.")
            )
        if not signup_email_verified(self.signup):
            raise forms.ValidationError(
                _("%(email)s has not been confirmed yet.") % {"email": self.signup.email}
            )
        if (
            org
            and not data.get("confirm_affiliation")
            and not email_matches_organisation(self.signup.email, org)
        ):
            self.add_error(
                "confirm_affiliation",
                _(
                    "The address %(email)s is not at a domain of %(org)s: confirm that you "
                    "checked this person works there, or choose another organisation."
                )
                % {"email": self.signup.email, "org": org.legal_name},
            )
        return data


class RejectForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UserEditForm(BootstrapFormMixin, forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=ROLE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "title",
            "job_title",
            "staff_id",
            "unit",
            "organisation",
            "approval_status",
            "is_active",
        ]

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = sorted(self.instance.roles) if self.instance.pk else []
        self.fields["roles"].widget.attrs["class"] = ""
        # Read-only for those who may not change them (services.user_set_roles refuses too).
        self.roles_refusal = role_change_refusal(by, self.instance)
        if self.roles_refusal:
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = self.roles_refusal
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        assert organisation.queryset is not None  # the model field's organisations
        organisation.queryset = organisation.queryset.exclude(status="merged")

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        # A disabled field keeps its initial value; roles sent anyway are refused, not ignored.
        sent = self.data.getlist("roles") if hasattr(self.data, "getlist") else []
        if self.roles_refusal and sent and set(sent) != set(self.fields["roles"].initial):
            self.add_error("roles", self.roles_refusal)
        return data


class UnitForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "name_ms", "kind", "parent", "is_active"]


class PeopleSyncForm(BootstrapFormMixin, forms.Form):
    """The HR export, the student-records export, or both."""

    staff = forms.FileField(
        label=_("HR export (staff)"),
        required=False,
        help_text=_("CSV or XLSX. Leave empty to leave staff accounts as they are."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    students = forms.FileField(
        label=_("Student-records export (students)"),
        required=False,
        help_text=_("CSV or XLSX. Leave empty to leave student accounts as they are."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if not data.get("staff") and not data.get("students"):
            raise forms.ValidationError(
                _("Choose the HR export, the student-records export or both.")
            )
        for name in ("staff", "students"):
            upload = data.get(name)
            if upload and upload.size > settings.JALINAN_SYNC_MAX_BYTES:
                self.add_error(
                    name,
                    _("The file is larger than %(mb).0f MB.")
                    % {"mb": settings.JALINAN_SYNC_MAX_BYTES / 1024 / 1024},
                )
        return data


class IdentityMappingForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = IdentityMapping
        fields = ["kind", "value", "unit", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["unit"])
        unit_field.queryset = Unit.objects.filter(is_active=True)
        unit_field.help_text = _("For a department code.")
        self.fields["role"].help_text = _("For an affiliation.")

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        value = (data.get("value") or "").strip().lower()
        kind = data.get("kind")
        clash = IdentityMapping.objects.filter(kind=kind, value=value)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if value and kind and clash.exists():
            self.add_error("value", _("This value is already mapped."))
        if kind == IdentityMapping.Kind.UNIT and not data.get("unit"):
            self.add_error("unit", _("Choose the KCDIO unit this code stands for."))
        if kind == IdentityMapping.Kind.ROLE and not data.get("role"):
            self.add_error("role", _("Choose the role this affiliation gives."))
        return data

    def _post_clean(self):
        # The service validates the model (and clears what the other kind uses).
        pass
