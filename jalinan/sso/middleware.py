"""The sign-in page's forms lead to the identity provider: its origin joins the page's
Content-Security-Policy ``form-action`` (which is otherwise the site itself)."""

from __future__ import annotations

SIGN_IN_VIEWS = frozenset(
    {"account_login", "account_reauthenticate", "openid_connect_login", "saml_login"}
)


class IdentityProviderFormActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name not in SIGN_IN_VIEWS:
            return response
        from .config import active_configs

        origins = set()
        for cfg in active_configs().values():
            origins |= cfg.origins()
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = sorted(origins)
            response._csp_update = update
        return response
