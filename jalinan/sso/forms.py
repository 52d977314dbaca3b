"""The sign-in form (password sign-in refused to staff and students when single sign-on is
their way in) and the OIL administrator's forms for the identity providers and mappings."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.roles import STAFF_ROLES, Role

from . import config as sso_config
from .models import IdentityProvider

PASSWORD_REFUSED = _(
    "Staff and students sign in with their university account: use the button "
    "“Sign in with your university account” below. Password sign-in is kept for industry "
    "partners."
)


def password_login_refused(user) -> bool:
    """Whether ``user`` may not sign in with a password: ``JALINAN_SSO_PASSWORD_LOGIN`` is
    ``partners``, a university sign-in is configured, and the person is staff or a student
    (not a partner user, not a superuser: the way in when the identity provider is down)."""
    if settings.JALINAN_SSO_PASSWORD_LOGIN != "partners" or user is None or user.is_superuser:
        return False
    roles = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    if Role.PARTNER in roles or not roles & (STAFF_ROLES | {Role.STUDENT}):
        return False
    return sso_config.sso_configured()


class LoginForm(AllauthLoginForm):
    def clean(self):
        cleaned = super().clean()
        if password_login_refused(getattr(self, "user", None)):
            self.user = None
            raise forms.ValidationError(PASSWORD_REFUSED, code="use_university_sign_in")
        return cleaned


ATTRIBUTE_FIELDS = [
    "attr_email",
    "attr_name",
    "attr_affiliation",
    "attr_department",
    "attr_staff_id",
]


class OIDCForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the stored secret."),
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "enabled",
            "server_url",
            "client_id",
            "client_secret",
            *ATTRIBUTE_FIELDS,
            "idp_mfa",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ATTRIBUTE_FIELDS:
            key = name.removeprefix("attr_")
            self.fields[name].widget.attrs["placeholder"] = sso_config.DEFAULT_CLAIMS["oidc"][key]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enabled"):
            if not cleaned.get("server_url"):
                self.add_error("server_url", _("Give the identity provider's issuer URL."))
            if not cleaned.get("client_id"):
                self.add_error("client_id", _("Give the client ID the identity provider issued."))
            has_secret = bool(self.instance.pk and self.instance.client_secret)
            if not cleaned.get("client_secret") and not has_secret:
                self.add_error("client_secret", _("Give the client secret."))
        return cleaned


class SAMLForm(forms.ModelForm):
    class Meta:
        model = IdentityProvider
        fields = [
            "enabled",
            "metadata_url",
            "metadata_xml",
            "idp_entity_id",
            "sp_entity_id",
            *ATTRIBUTE_FIELDS,
            "idp_mfa",
        ]
        widgets = {"metadata_xml": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ATTRIBUTE_FIELDS:
            key = name.removeprefix("attr_")
            self.fields[name].widget.attrs["placeholder"] = sso_config.DEFAULT_CLAIMS["saml"][key]

    def clean(self):
        cleaned = super().clean()
        url, xml = cleaned.get("metadata_url"), (cleaned.get("metadata_xml") or "").strip()
        if cleaned.get("enabled") and not url and not xml:
            self.add_error("metadata_url", _("Give the metadata URL, or paste the metadata XML."))
        if url and xml:
            self.add_error("metadata_xml", _("Give the metadata URL or the XML, not both."))
        if xml:
            try:
                sso_config.parse_saml_metadata(xml, cleaned.get("idp_entity_id") or "")
            except ValueError as exc:
                self.add_error(
                    "metadata_xml",
                    _("This is not usable IdP metadata: %(error)s") % {"error": exc},
                )
        return cleaned
