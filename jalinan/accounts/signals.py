"""A password change, reset or first setting revokes the person's API tokens (recorded in the
audit log). Tokens check the password they were made under anyway (``ApiToken.find``), so a
password set any other way (admin, shell) kills them too."""

from allauth.account.signals import password_changed, password_reset, password_set


def _password_changed(sender, request, user, **kwargs):
    from .services import api_tokens_revoke_all

    api_tokens_revoke_all(user=user, by=user, reason="password changed")


def _password_reset(sender, request, user, **kwargs):
    from .services import api_tokens_revoke_all

    api_tokens_revoke_all(user=user, by=user, reason="password reset")


def connect() -> None:
    """Called from ``AppConfig.ready()`` (importing this module connects nothing)."""
    password_changed.connect(
        _password_changed, dispatch_uid="jalinan.accounts.tokens_on_password_changed"
    )
    password_set.connect(_password_changed, dispatch_uid="jalinan.accounts.tokens_on_password_set")
    password_reset.connect(
        _password_reset, dispatch_uid="jalinan.accounts.tokens_on_password_reset"
    )
