from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import EmailVerificationStage
from allauth.mfa.adapter import DefaultMFAAdapter

from jalinan.core.ratelimit import client_ip

_ALLAUTH_STAGE = "allauth.account.stages.EmailVerificationStage"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's own believes the left-most X-Forwarded-For, which any client can write:
        # its login throttle would count a made-up address. Ours trusts configured proxies only.
        return client_ip(request)

    def get_login_stages(self):
        return [
            "jalinan.accounts.adapter.SignupEmailVerificationStage" if s == _ALLAUTH_STAGE else s
            for s in super().get_login_stages()
        ]


class SignupEmailVerificationStage(EmailVerificationStage):
    """Mandatory verification only for people who signed themselves up and are not approved
    yet: invited staff proved their address by opening the invitation, imported ones are
    vouched for by the office, and neither has an address record to confirm."""

    def handle(self):
        from .services import signup_needs_email_verification

        user = self.login.user
        # No user: a sign-up with a taken address, which allauth answers like any other.
        if user is not None and not signup_needs_email_verification(user):
            return None, True
        return super().handle()


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
