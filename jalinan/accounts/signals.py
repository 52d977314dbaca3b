"""A password change, reset or first setting revokes the person's API tokens (recorded in the
audit log). Tokens check the password they were made under anyway (``ApiToken.find``), so a
password set any other way (admin, shell) kills them too."""

from allauth.account.signals import password_changed, password_reset, password_set
from django.dispatch import receiver


@receiver(password_changed, dispatch_uid="jalinan.accounts.tokens_on_password_changed")
@receiver(password_set, dispatch_uid="jalinan.accounts.tokens_on_password_set")
def _password_changed(sender, request, user, **kwargs):
    from .services import api_tokens_revoke_all

    api_tokens_revoke_all(user=user, by=user, reason="password changed")


@receiver(password_reset, dispatch_uid="jalinan.accounts.tokens_on_password_reset")
def _password_reset(sender, request, user, **kwargs):
    from .services import api_tokens_revoke_all

    api_tokens_revoke_all(user=user, by=user, reason="password reset")
