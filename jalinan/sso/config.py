"""Which identity providers are configured, and how: from the environment (``JALINAN_SSO_*``)
or from the OIL admin page (:class:`~jalinan.sso.models.IdentityProvider`). For each protocol
the environment wins when it configures it (the OIDC client id, the SAML metadata URL or
file); otherwise the page's row counts when it is enabled and complete."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

OIDC = "oidc"
SAML = "saml"
# The allauth app behind each protocol: the OIDC provider id and the SAML organisation slug,
# which appear in the redirect and ACS URLs given to the identity provider.
OIDC_PROVIDER_ID = "university"
SAML_ORGANISATION = "university"

FIELDS = ("email", "name", "affiliation", "department", "staff_id")
DEFAULT_CLAIMS = {
    OIDC: {
        "email": "email",
        "name": "name",
        "affiliation": "affiliation",
        "department": "department",
        "staff_id": "employee_id",
    },
    # eduPerson / inetOrgPerson attribute names (what Shibboleth-style IdPs release).
    SAML: {
        "email": "urn:oid:0.9.2342.19200300.100.1.3",
        "name": "urn:oid:2.16.840.1.113730.3.1.241",
        "affiliation": "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
        "department": "urn:oid:2.5.4.11",
        "staff_id": "urn:oid:2.16.840.1.113730.3.1.3",
    },
}


@dataclass(frozen=True)
class ProviderConfig:
    """One protocol's configuration, wherever it came from."""

    protocol: str
    source: str  # "environment" or "page"
    server_url: str = ""
    client_id: str = ""
    client_secret: str = ""
    metadata_url: str = ""
    metadata_xml: str = ""
    idp_entity_id: str = ""
    sp_entity_id: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    idp_mfa: bool = False

    def origins(self) -> set[str]:
        """The identity provider's web origins (the sign-in page's form may lead there)."""
        urls = [self.server_url, self.metadata_url]
        if self.metadata_xml:
            urls.append(saml_sso_url(self.metadata_xml, self.idp_entity_id))
        out = set()
        for url in urls:
            parts = urlsplit(url or "")
            if parts.scheme in ("http", "https") and parts.netloc:
                out.add(f"{parts.scheme}://{parts.netloc}")
        return out


def _attributes(protocol: str, given: dict[str, str]) -> dict[str, str]:
    return {k: (given.get(k) or DEFAULT_CLAIMS[protocol][k]).strip() for k in FIELDS}


def environment_config(protocol: str) -> ProviderConfig | None:
    """The protocol as the environment configures it, or None when it does not."""
    if protocol == OIDC and settings.JALINAN_SSO_OIDC_CLIENT_ID:
        return ProviderConfig(
            protocol=OIDC,
            source="environment",
            server_url=settings.JALINAN_SSO_OIDC_SERVER_URL,
            client_id=settings.JALINAN_SSO_OIDC_CLIENT_ID,
            client_secret=settings.JALINAN_SSO_OIDC_CLIENT_SECRET,
            attributes=_attributes(OIDC, settings.JALINAN_SSO_OIDC_CLAIMS),
            idp_mfa=settings.JALINAN_SSO_IDP_MFA,
        )
    if protocol == SAML and (
        settings.JALINAN_SSO_SAML_METADATA_URL or settings.JALINAN_SSO_SAML_METADATA_FILE
    ):
        xml = ""
        if not settings.JALINAN_SSO_SAML_METADATA_URL:
            xml = Path(settings.JALINAN_SSO_SAML_METADATA_FILE).read_text()
        return ProviderConfig(
            protocol=SAML,
            source="environment",
            metadata_url=settings.JALINAN_SSO_SAML_METADATA_URL,
            metadata_xml=xml,
            idp_entity_id=settings.JALINAN_SSO_SAML_IDP_ENTITY_ID,
            sp_entity_id=settings.JALINAN_SSO_SAML_SP_ENTITY_ID,
            attributes=_attributes(SAML, settings.JALINAN_SSO_SAML_ATTRIBUTES),
            idp_mfa=settings.JALINAN_SSO_IDP_MFA,
        )
    return None


def page_config(row) -> ProviderConfig | None:
    """The protocol as the page configures it (enabled and complete), or None."""
    if row is None or not row.enabled:
        return None
    complete = (
        bool(row.server_url and row.client_id)
        if row.protocol == OIDC
        else bool(row.metadata_url or row.metadata_xml)
    )
    if not complete:
        return None
    return ProviderConfig(
        protocol=row.protocol,
        source="page",
        server_url=row.server_url,
        client_id=row.client_id,
        client_secret=row.client_secret,
        metadata_url=row.metadata_url,
        metadata_xml=row.metadata_xml,
        idp_entity_id=row.idp_entity_id,
        sp_entity_id=row.sp_entity_id,
        attributes=_attributes(
            row.protocol,
            {
                "email": row.attr_email,
                "name": row.attr_name,
                "affiliation": row.attr_affiliation,
                "department": row.attr_department,
                "staff_id": row.attr_staff_id,
            },
        ),
        idp_mfa=row.idp_mfa,
    )


def active_configs() -> dict[str, ProviderConfig]:
    """``{protocol: config}`` of every protocol people can sign in with now."""
    from .models import IdentityProvider

    rows = {row.protocol: row for row in IdentityProvider.objects.all()}
    out = {}
    for protocol in (OIDC, SAML):
        config = environment_config(protocol) or page_config(rows.get(protocol))
        if config is not None:
            out[protocol] = config
    return out


def sso_configured() -> bool:
    return bool(active_configs())


def parse_saml_metadata(xml: str, entity_id: str = "") -> dict:
    """The IdP part of python3-saml's settings read from metadata XML (entity ID, single
    sign-on URL, signing certificates). Raises ValueError when it describes no usable IdP."""
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    try:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(xml, entity_id=entity_id or None)
    except Exception as exc:  # lxml and python3-saml raise several kinds
        raise ValueError(str(exc)) from exc
    idp = parsed.get("idp") or {}
    certs = idp.get("x509cert") or (idp.get("x509certMulti") or {}).get("signing", [None])[0]
    if not idp.get("entityId") or not (idp.get("singleSignOnService") or {}).get("url"):
        raise ValueError("no IdP entity ID or single sign-on URL")
    if not certs:
        raise ValueError("no signing certificate")
    return idp


def saml_sso_url(xml: str, entity_id: str = "") -> str:
    try:
        return parse_saml_metadata(xml, entity_id)["singleSignOnService"]["url"]
    except ValueError:
        return ""
