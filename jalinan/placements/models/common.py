"""What the placement models share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def string_list_errors(value, label) -> str | None:
    """The message for a JSON field that should hold a list of strings (skills, languages), or
    None when it does."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _("%(label)s must be a list of words or phrases.") % {"label": label}
    return None
