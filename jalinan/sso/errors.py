"""Why a university sign-in was refused, in words the person can act on. Each refusal is one
reason key; :func:`refused_response` renders its page (and signs nobody in)."""

from __future__ import annotations

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

REASONS = {
    "signature": _(
        "The answer from the university sign-in does not carry a valid signature of the "
        "identity provider (it was forged or changed on the way). Nobody was signed in."
    ),
    "expired": _(
        "The answer from the university sign-in has expired. Nobody was signed in: start again "
        "from the sign-in page (if it happens every time, the clocks of the two servers differ)."
    ),
    "audience": _(
        "The answer from the university sign-in was issued for another application, not for "
        "Jalinan. Nobody was signed in."
    ),
    "issuer": _(
        "The answer did not come from the identity provider Jalinan is configured with. "
        "Nobody was signed in."
    ),
    "replay": _(
        "This sign-in answer was already used, or was not requested from this browser. "
        "Nobody was signed in: start again from the sign-in page."
    ),
    "unreachable": _(
        "The university sign-in service could not be reached. Try again in a moment, or tell "
        "the OIL administrator if it lasts."
    ),
    "cancelled": _("The university sign-in was cancelled. Nobody was signed in."),
    "no_email": _(
        "Your university account did not send a verified e-mail address, so Jalinan cannot "
        "tell who you are. Ask the OIL administrator to have the identity provider release it."
    ),
    "no_role": _(
        "Your university account has no affiliation that gives access to Jalinan (staff or "
        "student). Ask the OIL administrator if you should have one."
    ),
    "inactive": _(
        "Your Jalinan account is deactivated, so the university sign-in cannot open it. Ask "
        "the OIL administrator if this is a mistake."
    ),
    "connect": _(
        "A university account is linked to its Jalinan account at its first sign-in: it cannot "
        "be connected to another one. Sign out, then sign in with the university button."
    ),
    "failed": _(
        "The university sign-in did not succeed. Nobody was signed in: start again from the "
        "sign-in page, and tell the OIL administrator if it happens again."
    ),
}


class SignInRefused(Exception):
    """A sign-in refused for one of :data:`REASONS`."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason if reason in REASONS else "failed"
        self.detail = detail


class TokenRefused(SignInRefused, OAuth2Error):
    """An OpenID Connect ID token refused (allauth's callback view catches OAuth2Error)."""


def refused_response(request, reason: str, status: int = 403):
    import logging

    logging.getLogger("jalinan.sso").warning("University sign-in refused: %s", reason)
    return render(
        request,
        "sso/refused.html",
        {"reason": reason, "message": REASONS.get(reason, REASONS["failed"])},
        status=status,
    )
