"""allauth's SAML provider; its views (:mod:`jalinan.sso.saml.views`) name the reason of a
refused assertion."""

from allauth.socialaccount.providers.saml.provider import SAMLProvider


class UniversitySAMLProvider(SAMLProvider):
    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        try:
            return super().redirect(request, process, next_url, data, **kwargs)
        except (OSError, ValueError):
            # The IdP's metadata could not be fetched or read (URLError is an OSError).
            from ..errors import refused_response

            return refused_response(request, "unreachable", status=502)


provider_classes = [UniversitySAMLProvider]
