"""API authentication: a personal access token (``Authorization: Bearer jal_…``) or the
browser session (with its CSRF check)."""

from ninja.security import HttpBearer, SessionAuth

from jalinan.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
