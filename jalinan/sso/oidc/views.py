"""The OpenID Connect callback: allauth's, except that the ID token is always verified against
the identity provider's published keys (allauth skips the signature for a token fetched over
TLS, which the specification allows; we prefer to refuse a forged one), must carry the nonce
this browser's sign-in sent, and a refusal names its reason."""

from __future__ import annotations

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

from ..errors import TokenRefused

# Asymmetric algorithms only: never "none", never an HMAC keyed with a public key.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
LEEWAY_SECONDS = 60


class UniversityOIDCAdapter(OpenIDConnectOAuth2Adapter):
    expected_nonce: str | None = None

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        config = self.openid_config
        try:
            alg, key = jwtkit.fetch_key(id_token, config["jwks_uri"], jwtkit.lookup_kid_jwk)
        except (OAuth2Error, jwt.PyJWTError, KeyError) as exc:
            raise TokenRefused("signature", str(exc)) from exc
        if alg not in ALGORITHMS:
            raise TokenRefused("signature", f"algorithm {alg}")
        try:
            data = jwt.decode(
                id_token,
                key=key,
                algorithms=[alg],
                issuer=config["issuer"],
                audience=app.client_id,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidSignatureError as exc:
            raise TokenRefused("signature", str(exc)) from exc
        except jwt.ExpiredSignatureError as exc:
            raise TokenRefused("expired", str(exc)) from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenRefused("audience", str(exc)) from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenRefused("issuer", str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise TokenRefused("failed", str(exc)) from exc
        if not self.expected_nonce or data.get("nonce") != self.expected_nonce:
            raise TokenRefused("replay", "nonce does not match this sign-in")
        try:
            jwtkit.verify_jti(data)
        except OAuth2Error as exc:
            raise TokenRefused("replay", str(exc)) from exc
        return data


class UniversityOIDCCallbackView(OAuth2CallbackView):
    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


@login_not_required
def login(request, provider_id):
    try:
        view = OAuth2LoginView.adapter_view(UniversityOIDCAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc


@login_not_required
def callback(request, provider_id):
    try:
        view = UniversityOIDCCallbackView.adapter_view(UniversityOIDCAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as exc:
        raise Http404 from exc
