"""Who the identity provider says a person is, read from the ID token's claims (OpenID
Connect) or the assertion's attributes (SAML) under the configured names."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


@dataclass(frozen=True)
class Identity:
    email: str
    name: str = ""
    affiliations: list[str] = field(default_factory=list)
    department: str = ""
    staff_id: str = ""


def _values(raw) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(v).strip() for v in raw if str(v).strip()]
    # Some providers send several values in one string.
    return [v.strip() for v in str(raw).replace(";", ",").split(",") if v.strip()]


def _first(raw) -> str:
    values = _values(raw) if isinstance(raw, list | tuple) else [str(raw or "").strip()]
    return values[0] if values else ""


def identity_from(protocol: str, sociallogin, attributes: dict[str, str]) -> Identity:
    data = sociallogin.account.extra_data or {}
    if protocol == "oidc":
        claims = {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}
    else:
        claims = data  # SAML: {attribute name: [values]}

    def get(key):
        return claims.get(attributes[key])

    email = _first(get("email")) or (sociallogin.user.email or "")
    if protocol == "oidc" and str(claims.get("email_verified", True)).lower() in ("false", "0"):
        # The provider says the person typed this address and never proved it: it must not
        # open the account that bears it.
        email = ""
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    affiliations = []
    for value in _values(get("affiliation")):
        # eduPersonScopedAffiliation: "staff@iium.edu.my" counts as "staff".
        affiliations.append(value.partition("@")[0])
    return Identity(
        email=email.lower(),
        name=_first(get("name"))[:200],
        affiliations=affiliations,
        department=_first(get("department")),
        staff_id=_first(get("staff_id"))[:40],
    )
