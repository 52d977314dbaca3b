from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from jalinan.core.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's own believes the left-most X-Forwarded-For, which any client can write:
        # its login throttle would count a made-up address. Ours trusts configured proxies only.
        return client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        """Those who must use two-factor authentication keep their TOTP authenticator while it
        is enforced (they may still regenerate recovery codes)."""
        from django.conf import settings

        from .roles import needs_mfa

        return not (
            settings.JALINAN_REQUIRE_MFA
            and authenticator.type == authenticator.Type.TOTP
            and needs_mfa(authenticator.user)
        )
