"""The university's identity providers as the OIL administrator configured them on the page
(the environment may configure a protocol instead: :mod:`jalinan.sso.config`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jalinan.core.encryption import EncryptedTextField


class IdentityProvider(models.Model):
    """How Jalinan reaches the university's identity provider over one protocol (OpenID
    Connect or SAML 2.0), and which claims or attributes carry a person's e-mail, name,
    affiliation, department code and staff or matric number. One row per protocol."""

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    protocol = models.CharField(_("protocol"), max_length=10, choices=Protocol.choices, unique=True)
    enabled = models.BooleanField(
        _("offer this sign-in"),
        default=True,
        help_text=_("Show the university sign-in button for this protocol."),
    )
    # OpenID Connect
    server_url = models.URLField(
        _("issuer URL"),
        blank=True,
        help_text=_("The identity provider's issuer; its discovery document is read from it."),
    )
    client_id = models.CharField(_("client ID"), max_length=255, blank=True)
    client_secret = EncryptedTextField(_("client secret"), blank=True, purpose="sso.client_secret")
    # SAML 2.0
    metadata_url = models.URLField(_("IdP metadata URL"), blank=True)
    metadata_xml = models.TextField(
        _("IdP metadata XML"), blank=True, help_text=_("Paste it when there is no URL.")
    )
    idp_entity_id = models.CharField(
        _("IdP entity ID"),
        max_length=255,
        blank=True,
        help_text=_("Only when the metadata describes several identity providers."),
    )
    sp_entity_id = models.CharField(
        _("Jalinan's entity ID"),
        max_length=255,
        blank=True,
        help_text=_("Empty: the address of Jalinan's SAML metadata."),
    )
    # Both
    attr_email = models.CharField(_("e-mail claim or attribute"), max_length=255, blank=True)
    attr_name = models.CharField(_("name claim or attribute"), max_length=255, blank=True)
    attr_affiliation = models.CharField(
        _("affiliation claim or attribute"), max_length=255, blank=True
    )
    attr_department = models.CharField(
        _("department code claim or attribute"), max_length=255, blank=True
    )
    attr_staff_id = models.CharField(
        _("staff or matric number claim or attribute"), max_length=255, blank=True
    )
    idp_mfa = models.BooleanField(
        _("the identity provider asks for a second factor"),
        default=False,
        help_text=_(
            "On: a university sign-in satisfies the two-factor requirement. Off: people whose "
            "role needs it also give their Jalinan TOTP code."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["protocol"]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return str(self.get_protocol_display())
