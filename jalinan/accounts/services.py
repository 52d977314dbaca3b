"""Writes about people: creating users, giving roles, units. Every write is audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from .models import ApiToken, Invitation, Unit, User
from .roles import Role, invitable_roles, role_change_refusal


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None = None,
    roles: Sequence[str] = (),
    by=None,
    **fields,
) -> User:
    """Create a person with the given roles. ``password=None`` leaves it unusable. A person
    ``by`` gives only roles they may invite with (``roles.invitable_roles``)."""
    if by is not None and not set(roles) <= invitable_roles(by):
        raise ValidationError({"roles": _("You may not give these roles.")})
    user = User(email=email.strip().lower(), full_name=full_name, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=roles, audit=False)
    audit_log(
        actor=by,
        action="create",
        obj=user,
        changes={"roles": [None, sorted(roles)], **diff({}, snapshot(user))},
    )
    return user


def user_set_roles(*, user: User, roles, by=None, audit: bool = True) -> User:
    """Give ``user`` exactly ``roles``. A person ``by`` who changes them must be an OIL
    administrator other than ``user`` (``roles.role_change_refusal``); ``by=None`` is the system
    (a new account, a partner sign-up)."""
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    before = sorted(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    if by is not None and set(before) != set(roles):
        refusal = role_change_refusal(by, user)
        if refusal:
            raise ValidationError({"roles": refusal})
    keep = user.groups.exclude(name__in=Role.values)
    # get_or_create: the groups come from a data migration, but a flushed database has none.
    groups = [Group.objects.get_or_create(name=r)[0] for r in sorted(set(roles))]
    user.groups.set(list(keep) + groups)
    user._jalinan_roles = None
    if audit and before != sorted(roles):
        audit_log(actor=by, action="update", obj=user, changes={"roles": [before, sorted(roles)]})
    return user


def user_update(*, user: User, by, **fields) -> User:
    # From the database: a bound ModelForm may already have changed the instance in memory.
    before = snapshot(User.objects.get(pk=user.pk))
    for k, v in fields.items():
        setattr(user, k, v)
    user.full_clean()
    user.save()
    changes = diff(before, snapshot(user))
    if changes:
        audit_log(actor=by, action="update", obj=user, changes=changes)
    return user


def unit_create(*, by, **fields) -> Unit:
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    audit_log(actor=by, action="create", obj=unit, changes=diff({}, snapshot(unit)))
    return unit


def unit_update(*, unit: Unit, by, **fields) -> Unit:
    before = snapshot(Unit.objects.get(pk=unit.pk))
    for k, v in fields.items():
        setattr(unit, k, v)
    if unit.pk and unit.parent_id and unit.parent_id in unit.descendant_ids():
        raise ValidationError({"parent": _("A unit cannot sit below itself.")})
    unit.full_clean()
    unit.save()
    changes = diff(before, snapshot(unit))
    if changes:
        audit_log(actor=by, action="update", obj=unit, changes=changes)
    return unit


# -- invitations ------------------------------------------------------------------------------


def _send_invitation(invitation: Invitation, raw_token: str) -> None:
    from .tasks import send_invitation_email

    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, raw_token))


@transaction.atomic
def invitation_create(
    *, by, email: str, full_name: str, roles, unit=None, organisation=None
) -> tuple[Invitation, str]:
    """Invite a person by e-mail; returns the invitation and the raw token (sent by e-mail).
    ``by`` invites only with the roles they may give (``roles.invitable_roles``)."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("A person with this e-mail address already has an account.")}
        )
    unknown = set(roles) - set(Role.values)
    if unknown or not roles:
        raise ValidationError({"roles": _("Choose at least one known role.")})
    if by is not None and not set(roles) <= invitable_roles(by):
        raise ValidationError(
            {"roles": _("Only an OIL administrator can invite with these roles.")}
        )
    raw, hashed = Invitation.new_token()
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        roles=sorted(roles),
        unit=unit,
        organisation=organisation,
        token_hash=hashed,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.JALINAN_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        actor=by,
        action="create",
        obj=invitation,
        changes={"email": [None, email], "roles": [None, sorted(roles)]},
    )
    _send_invitation(invitation, raw)
    return invitation, raw


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> str:
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    raw, hashed = Invitation.new_token()
    invitation.token_hash = hashed
    invitation.revoked_at = None
    invitation.expires_at = timezone.now() + timedelta(days=settings.JALINAN_INVITATION_DAYS)
    invitation.save()
    audit_log(actor=by, action="update", obj=invitation, message="Invitation sent again")
    _send_invitation(invitation, raw)
    return raw


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(actor=by, action="update", obj=invitation, message="Invitation revoked")
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, full_name: str = "") -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link can no longer be used."))
    user = user_create(
        email=invitation.email,
        full_name=full_name or invitation.full_name,
        password=password,
        roles=invitation.roles,
        by=invitation.invited_by,
        unit=invitation.unit,
        organisation=invitation.organisation,
    )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit_log(actor=user, action="update", obj=invitation, message="Invitation accepted")
    return user


def invitation_status(invitation: Invitation) -> str:
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return "pending"


# -- partner self-registration ----------------------------------------------------------------


def partner_signup_complete(
    *, user: User, full_name: str, organisation_name: str, job_title: str = "", phone: str = ""
) -> User:
    """A person registered as an industry partner: wait for an officer's approval."""
    user.full_name = full_name
    user.requested_organisation = organisation_name
    user.job_title = job_title
    user.phone = phone
    user.approval_status = User.Approval.PENDING
    user.full_clean()
    user.save()
    user_set_roles(user=user, roles=[Role.PARTNER], audit=False)
    audit_log(
        actor=user,
        action="create",
        obj=user,
        message=f"Registered as a partner user for {organisation_name}",
    )
    from jalinan.core.notifications import notify

    for officer in User.objects.filter(
        groups__name__in=[Role.OIL_ADMIN, Role.OIL_OFFICER], is_active=True
    ).distinct():
        notify(
            recipient=officer,
            kind="account",
            title=_("New partner sign-up: %(name)s (%(org)s)")
            % {"name": full_name, "org": organisation_name},
            body=_("Approve or reject it on the partner sign-ups page."),
            url=reverse("accounts:approval_list"),
        )
    return user


def signup_needs_email_verification(user: User) -> bool:
    """A person who signed up (an organisation requested) and is not approved yet must confirm
    the address before signing in; invited and imported people never have to."""
    return bool(user.requested_organisation) and user.approval_status != User.Approval.APPROVED


def signup_email_verified(user: User) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@transaction.atomic
def signup_email_mark_verified(*, user: User, by) -> None:
    """Record the sign-up's address as confirmed (the demo's waiting sign-ups)."""
    from allauth.account.models import EmailAddress

    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
        audit_log(actor=by, action="update", obj=user, message="E-mail address marked confirmed")


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def organisation_domains(organisation) -> set[str]:
    """The domains an organisation is known by: its website's host and its general e-mail's."""
    from urllib.parse import urlsplit

    domains = set()
    if organisation.website:
        host = (urlsplit(organisation.website).hostname or "").lower()
        domains.add(host.removeprefix("www."))
    if organisation.email:
        domains.add(email_domain(organisation.email))
    return {d for d in domains if d}


def email_matches_organisation(email: str, organisation) -> bool:
    """The address is at one of the organisation's domains (or a subdomain of one)."""
    domain = email_domain(email)
    return any(domain == d or domain.endswith("." + d) for d in organisation_domains(organisation))


@transaction.atomic
def partner_signup_approve(
    *, user: User, organisation, by, affiliation_confirmed: bool = False
) -> User:
    """Link a sign-up to its organisation. Refused until the person has confirmed the e-mail
    address, and, when the address is not at the organisation's domain, until the officer
    confirms (``affiliation_confirmed``) having checked that the person works there."""
    if user.approval_status == User.Approval.APPROVED and user.organisation_id:
        raise ValidationError(_("This sign-up was already approved."))
    if not signup_email_verified(user):
        raise ValidationError(
            _(
                "%(email)s has not been confirmed yet: the sign-up can be approved once the "
                "person has opened the link sent to that address."
            )
            % {"email": user.email}
        )
    matches = email_matches_organisation(user.email, organisation)
    if not matches and not affiliation_confirmed:
        raise ValidationError(
            {
                "confirm_affiliation": _(
                    "The address %(email)s is not at a domain of %(org)s: confirm that you "
                    "checked this person works there, or choose another organisation."
                )
                % {"email": user.email, "org": organisation.legal_name}
            }
        )
    before = snapshot(user)
    user.organisation = organisation
    user.approval_status = User.Approval.APPROVED
    user.save(update_fields=["organisation", "approval_status"])
    audit_log(
        actor=by,
        action="update",
        obj=user,
        changes=diff(before, snapshot(user)),
        message=f"Partner sign-up approved for {organisation}"
        + ("" if matches else f" (e-mail domain differs; {by} confirmed the affiliation)"),
    )
    from jalinan.core.notifications import notify

    notify(
        recipient=user,
        kind="account",
        title=_("Your account is approved"),
        body=_("You now have access to %(org)s's records.") % {"org": organisation.legal_name},
        url=reverse("portal:my_work"),
    )
    return user


@transaction.atomic
def partner_signup_reject(*, user: User, reason: str, by) -> User:
    before = snapshot(user)
    user.approval_status = User.Approval.REJECTED
    user.save(update_fields=["approval_status"])
    audit_log(
        actor=by,
        action="update",
        obj=user,
        changes=diff(before, snapshot(user)),
        message=f"Partner sign-up rejected: {reason}",
    )
    from jalinan.core.notifications import notify

    notify(
        recipient=user, kind="account", title=_("Your registration was not approved"), body=reason
    )
    return user


# -- API tokens -------------------------------------------------------------------------------


def api_token_create(
    *, user: User, name: str, scopes: dict[str, str], days: int | None = None
) -> tuple[ApiToken, str]:
    """A personal API token with ``scopes`` ({area or "*": "read" | "write"}), expiring after
    ``days`` (default ``JALINAN_API_TOKEN_DAYS``, at most ``JALINAN_API_TOKEN_MAX_DAYS``).
    Returns the token and its raw value, shown once. The caller checks that the person
    recently re-authenticated."""
    days = settings.JALINAN_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.JALINAN_API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "days": _("A token lasts from 1 to %(max)d days.")
                % {"max": settings.JALINAN_API_TOKEN_MAX_DAYS}
            }
        )
    raw, hashed = ApiToken.new_token()
    token = ApiToken(
        user=user,
        name=name.strip() or "token",
        token_hash=hashed,
        hint=raw[:8],
        scopes=dict(scopes),
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit_log(
        actor=user,
        action="create",
        obj=token,
        changes={
            "name": [None, token.name],
            "scopes": [None, token.scopes],
            "expires_at": [None, token.expires_at.isoformat()],
        },
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=by, action="update", obj=token, message="API token revoked")
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user: User, by, reason: str) -> int:
    """Revoke every live token of ``user`` (their password changed: a token is refused from
    then on anyway, as it no longer matches the password; this records it). Returns how many."""
    tokens = list(user.api_tokens.filter(revoked_at=None))
    for token in tokens:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=by, action="update", obj=token, message=f"API token revoked: {reason}")
    return len(tokens)


# -- identity mappings ------------------------------------------------------------------------


def identity_mapping_save(*, by, mapping=None, **fields):
    """Create an identity mapping (``mapping=None``) or change one: a department code → a
    KCDIO unit, or an affiliation → a role. The value is kept lower-case (it is compared
    without case)."""
    from .models import IdentityMapping

    creating = mapping is None
    before = {} if creating else snapshot(IdentityMapping.objects.get(pk=mapping.pk))
    mapping = mapping or IdentityMapping()
    for k, v in fields.items():
        setattr(mapping, k, v)
    if mapping.kind == IdentityMapping.Kind.UNIT:
        mapping.role = ""
    else:
        mapping.unit = None
    mapping.full_clean()
    mapping.save()
    changes = diff(before, snapshot(mapping))
    if changes:
        audit_log(actor=by, action="create" if creating else "update", obj=mapping, changes=changes)
    return mapping


def identity_mapping_delete(*, mapping, by) -> None:
    audit_log(actor=by, action="delete", obj=mapping, changes=diff(snapshot(mapping), {}))
    mapping.delete()
