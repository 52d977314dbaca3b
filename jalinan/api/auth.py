"""API authentication: a personal access token (``Authorization: Bearer jal_…``) or the
browser session (with its CSRF check).

A token holds scopes: per area (the router prefix under /api/v1/, e.g. ``memoranda``) or for
every area, read (GET, HEAD) or write (any method). A request outside its token's scopes is
refused with 403 before the operation runs; a session is not scoped (the pages' rights)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from ninja.security import HttpBearer, SessionAuth

from jalinan.accounts.models import ApiToken

READ_METHODS = {"GET", "HEAD"}


def api_area(request) -> str:
    """The router prefix of the requested operation: ``memoranda`` for /api/v1/memoranda/…"""
    root = reverse("api:api-root")
    path = request.path
    return path[len(root) :].split("/", 1)[0] if path.startswith(root) else ""


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.find(token)
        if found is None:
            return None
        area = api_area(request)
        write = request.method not in READ_METHODS
        if not found.allows(area, write=write):
            raise PermissionDenied(
                f"This token may not {'change' if write else 'read'} the {area!r} area of the "
                "API: create a token with that scope on your profile page."
            )
        request.user = found.user
        request.api_token = found
        return found.user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]
