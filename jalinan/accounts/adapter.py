from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter


class AccountAdapter(DefaultAccountAdapter):
    pass


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
