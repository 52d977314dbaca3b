"""Template context about the signed-in account."""

from django.conf import settings

from .roles import needs_mfa


def mfa(request):
    """``mfa_not_enforced``: the base template's banner for those who would have to use
    two-factor authentication, when JALINAN_REQUIRE_MFA is off."""
    user = getattr(request, "user", None)
    return {"mfa_not_enforced": not settings.JALINAN_REQUIRE_MFA and needs_mfa(user)}
