"""allauth's social-account adapter for the university's identity providers: the apps come
from :mod:`jalinan.sso.config` (environment or page), and each successful sign-in creates or
updates the person from the claims before allauth signs them in."""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthError
from requests import RequestException

from jalinan.accounts.middleware import MFA_BY_IDP_SESSION_KEY

from . import config as sso_config
from .errors import SignInRefused, refused_response
from .identity import identity_from


def _oidc_app(cfg: sso_config.ProviderConfig):
    from allauth.socialaccount.models import SocialApp

    return SocialApp(
        provider="openid_connect",
        provider_id=sso_config.OIDC_PROVIDER_ID,
        name="OpenID Connect",
        client_id=cfg.client_id,
        secret=cfg.client_secret,
        settings={
            "server_url": cfg.server_url,
            # The claims are read from the ID token (verified), not the userinfo endpoint.
            "fetch_userinfo": False,
            "oauth_pkce_enabled": True,
            "jalinan": {"protocol": cfg.protocol, "idp_mfa": cfg.idp_mfa},
        },
    )


def _saml_app(cfg: sso_config.ProviderConfig):
    from allauth.socialaccount.models import SocialApp

    if cfg.metadata_url:
        idp = {"metadata_url": cfg.metadata_url, "entity_id": cfg.idp_entity_id or None}
    else:
        parsed = sso_config.parse_saml_metadata(cfg.metadata_xml, cfg.idp_entity_id)
        cert = parsed.get("x509cert") or parsed["x509certMulti"]["signing"][0]
        idp = {
            "entity_id": parsed["entityId"],
            "sso_url": parsed["singleSignOnService"]["url"],
            "x509cert": cert,
        }
    return SocialApp(
        provider="saml",
        name="SAML 2.0",
        client_id=sso_config.SAML_ORGANISATION,
        settings={
            "idp": idp,
            "sp": {"entity_id": cfg.sp_entity_id} if cfg.sp_entity_id else {},
            "attribute_mapping": {"email": [cfg.attributes["email"]]},
            "advanced": {
                "strict": True,
                "reject_idp_initiated_sso": True,
                # Host names without a dot (an intranet name, the test server) are allowed.
                "allow_single_label_domains": True,
            },
            "jalinan": {"protocol": cfg.protocol, "idp_mfa": cfg.idp_mfa},
        },
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = []
        for protocol, cfg in sso_config.active_configs().items():
            try:
                app = _oidc_app(cfg) if protocol == sso_config.OIDC else _saml_app(cfg)
            except ValueError:
                continue  # unusable metadata: the settings page says why
            if provider and provider not in (app.provider, app.provider_id):
                continue
            if client_id and app.client_id != client_id:
                continue
            apps.append(app)
        return apps

    def is_open_for_signup(self, request, sociallogin):
        return True  # the account is made in pre_social_login, from the mappings

    def pre_social_login(self, request, sociallogin):
        from .services import person_sign_in

        if sociallogin.state.get("process") == "connect":
            # A university account is linked to its person at the first sign-in, never by hand
            # to whoever is signed in.
            raise ImmediateHttpResponse(refused_response(request, "connect"))
        jalinan = sociallogin.account.get_provider().app.settings["jalinan"]
        protocol = jalinan["protocol"]
        attributes = sso_config.active_configs()[protocol].attributes
        identity = identity_from(protocol, sociallogin, attributes)
        try:
            user = person_sign_in(
                identity=identity, user=sociallogin.user if sociallogin.is_existing else None
            )
        except SignInRefused as exc:
            raise ImmediateHttpResponse(refused_response(request, exc.reason)) from exc
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
        if jalinan["idp_mfa"]:
            request.session[MFA_BY_IDP_SESSION_KEY] = user.pk
        else:
            request.session.pop(MFA_BY_IDP_SESSION_KEY, None)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        if isinstance(exception, SignInRefused):
            reason = exception.reason
        elif error == AuthError.CANCELLED:
            reason = "cancelled"
        elif isinstance(exception, RequestException):
            reason = "unreachable"
        elif exception is None and "state_id" in (extra_context or {}):
            reason = "replay"  # the callback's state was used already, or never issued here
        else:
            reason = "failed"
        raise ImmediateHttpResponse(refused_response(request, reason))
