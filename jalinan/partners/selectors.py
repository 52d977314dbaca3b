"""Reads of partner records, each limited to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from jalinan.accounts.roles import has_role, is_oil, is_partner_user

from .choices import OrganisationStatus
from .models import Contact, Organisation
from .permissions import READ_ALL_ROLES


def organisations_for(user, *, include_merged: bool = False) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("lead_unit")
    if is_oil(user):
        pass
    elif has_role(user, *READ_ALL_ROLES):
        include_merged = False
    elif is_partner_user(user):
        qs = qs.filter(pk=user.organisation_id)
    else:
        return qs.none()
    if not include_merged:
        qs = qs.exclude(status=OrganisationStatus.MERGED)
    return qs


def linkable_organisations() -> QuerySet[Organisation]:
    """The organisations a partner user may be invited to or approved for: every one not
    merged into another."""
    return Organisation.objects.exclude(status=OrganisationStatus.MERGED)


def contacts_for(user, organisation: Organisation | None = None) -> QuerySet[Contact]:
    from .permissions import can_view_contacts

    qs = Contact.objects.select_related("organisation")
    if organisation is not None:
        if not can_view_contacts(user, organisation):
            return qs.none()
        return qs.filter(organisation=organisation)
    if is_oil(user):
        return qs  # merged organisations' too, as can_view_contacts
    if has_role(user, "management", "coordinator"):
        return qs.exclude(organisation__status=OrganisationStatus.MERGED)
    if is_partner_user(user):
        return qs.filter(organisation_id=user.organisation_id)
    return qs.none()
