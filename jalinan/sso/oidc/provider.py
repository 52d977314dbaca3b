"""allauth's OpenID Connect provider, with a nonce bound to the browser's sign-in and the ID
token's signature always checked (:mod:`jalinan.sso.oidc.views`)."""

from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.utils.crypto import get_random_string
from requests import RequestException

from .views import UniversityOIDCAdapter


class UniversityOIDCProvider(OpenIDConnectProvider):
    oauth2_adapter_class = UniversityOIDCAdapter

    def get_oauth2_adapter(self, request):
        return self.oauth2_adapter_class(request, self.app.provider_id)

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = get_random_string(32)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params["nonce"] = nonce
        try:
            return super().redirect(
                request, process, next_url, data, auth_params=auth_params, nonce=nonce, **kwargs
            )
        except (RequestException, ValueError, KeyError):
            # The discovery document could not be read: the provider is down or misconfigured.
            from ..errors import refused_response

            return refused_response(request, "unreachable", status=502)


provider_classes = [UniversityOIDCProvider]
