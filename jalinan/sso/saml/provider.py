"""allauth's SAML provider; its views (:mod:`jalinan.sso.saml.views`) name the reason of a
refused assertion."""

from allauth.socialaccount.providers.saml.provider import SAMLProvider


class UniversitySAMLProvider(SAMLProvider):
    pass


provider_classes = [UniversitySAMLProvider]
