from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import EmailVerificationStage
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.stages import AuthenticateStage

from jalinan.core.ratelimit import client_ip

_ALLAUTH_STAGE = "allauth.account.stages.EmailVerificationStage"
_ALLAUTH_MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's own believes the left-most X-Forwarded-For, which any client can write:
        # its login throttle would count a made-up address. Ours trusts configured proxies only.
        return client_ip(request)

    def get_login_stages(self):
        ours = {
            _ALLAUTH_STAGE: "jalinan.accounts.adapter.SignupEmailVerificationStage",
            _ALLAUTH_MFA_STAGE: "jalinan.accounts.adapter.MFAAuthenticateStage",
        }
        return [ours.get(s, s) for s in super().get_login_stages()]


class MFAAuthenticateStage(AuthenticateStage):
    """allauth's TOTP step, skipped for a single sign-on through an identity provider that asks
    for the second factor itself (``middleware.mfa_done_by_idp``)."""

    def _should_handle(self, request) -> bool:
        from .middleware import mfa_done_by_idp

        if mfa_done_by_idp(request, self.login.user):
            return False
        return super()._should_handle(request)


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
