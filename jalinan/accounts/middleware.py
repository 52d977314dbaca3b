"""Activate the signed-in user's chosen language (the switcher stores it on the user); send
those who must use two-factor authentication to set it up."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .roles import needs_mfa

# Single sign-on puts the signed-in person's id here when the identity provider asked for the
# second factor itself (a setting says whether it does): that sign-in satisfies the requirement.
MFA_BY_IDP_SESSION_KEY = "jalinan_mfa_by_idp"


def mfa_done_by_idp(request, user) -> bool:
    """Whether ``user`` signed in, in this session, through an identity provider that asks for
    the second factor itself (and did not sign in another way since)."""
    from allauth.account.authentication import get_authentication_records

    if user is None or user.pk is None:
        return False
    if request.session.get(MFA_BY_IDP_SESSION_KEY) != user.pk:
        return False
    records = get_authentication_records(request)
    return bool(records) and records[-1].get("method") == "socialaccount"


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        cookie = request.COOKIES.get("jalinan_language")
        if user is not None and user.is_authenticated and user.language and not cookie:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class MFARequiredMiddleware:
    """With JALINAN_REQUIRE_MFA on, a signed-in user who must use two-factor authentication
    (``roles.needs_mfa``) and has no authenticator yet is sent to set one up before anything
    else: only the two-factor pages, re-authentication, the password change, sign-out and the
    language switch stay open. On the API such a session counts as not signed in (a personal
    access token still works)."""

    ALLOWED = frozenset(
        {
            "account_logout",
            "account_reauthenticate",
            "account_change_password",
            "accounts:set_language",
            "set_language",
            "javascript-catalog",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.conf import settings

        if not settings.JALINAN_REQUIRE_MFA or not needs_mfa(request.user):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name.startswith("mfa_") or name in self.ALLOWED:
            return None
        if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            return None
        if mfa_done_by_idp(request, request.user):
            return None
        if request.resolver_match and request.resolver_match.namespace == "api":
            request.user = AnonymousUser()
            return None
        url = reverse("mfa_activate_totp")
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        messages.warning(
            request,
            _("Set up two-factor authentication to continue: it is required for your role."),
        )
        return redirect(url)
