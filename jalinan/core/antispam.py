"""The public forms' timer: a signed note of when a form was shown. A bot posts at once (or
without the note, or with a forged or day-old one); a person takes a few seconds. The pages put
the note in a hidden field; the API hands it out from a GET endpoint."""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

_SALT = "jalinan.forms.timer"
MAX_AGE = 86400


def form_token(at: float | None = None) -> str:
    """A signed note of when the form was shown."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=_SALT)


def token_age(token: str) -> float | None:
    """Seconds since the form was shown, or None for a missing or forged token."""
    try:
        shown = signing.loads(token or "", salt=_SALT)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return time.time() - float(shown)


def too_soon(token: str) -> bool:
    """The form came back faster than ``JALINAN_ENQUIRY_MIN_SECONDS``, or with a forged, missing
    or stale (over a day) token."""
    age = token_age(token)
    return age is None or age < settings.JALINAN_ENQUIRY_MIN_SECONDS or age > MAX_AGE
