from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import EmailVerificationStage

_ALLAUTH_STAGE = "allauth.account.stages.EmailVerificationStage"


class AccountAdapter(DefaultAccountAdapter):
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
