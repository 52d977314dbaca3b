"""Who may see and change which partner records. Views, the API and exports all ask here.

- OIL admins and officers: everything.
- Management and committee members: read every organisation; management also reads contacts.
- KCDIO coordinators: read every organisation and its contacts; create organisations; change
  those whose lead KCDIO is their unit (or below it).
- Academic staff: read organisations (not their contacts).
- Approved partner users: only their own organisation, which they may update with its contacts.
- Everyone else (students, pending partner users, outsiders): nothing; records answer 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user, unit_ids

from .choices import OrganisationStatus
from .models import Contact, Organisation

READ_ALL_ROLES = (Role.MANAGEMENT, Role.COMMITTEE, Role.COORDINATOR, Role.ACADEMIC)


def can_see_partner_registry(user) -> bool:
    return is_oil(user) or has_role(user, *READ_ALL_ROLES) or is_partner_user(user)


def can_view_organisation(user, org: Organisation) -> bool:
    if is_oil(user) or has_role(user, *READ_ALL_ROLES):
        return org.status != OrganisationStatus.MERGED or is_oil(user)
    return is_partner_user(user) and user.organisation_id == org.pk


def can_create_organisation(user) -> bool:
    return is_oil(user) or has_role(user, Role.COORDINATOR)


def can_change_organisation(user, org: Organisation) -> bool:
    if org.status == OrganisationStatus.MERGED:
        return False
    if is_oil(user):
        return True
    if has_role(user, Role.COORDINATOR) and org.lead_unit_id in unit_ids(user):
        return True
    return is_partner_user(user) and user.organisation_id == org.pk


def can_manage_registry(user) -> bool:
    """Vetting, status, merge, import and delete: the office's own work."""
    return is_oil(user)


def can_view_contacts(user, org: Organisation) -> bool:
    if is_oil(user) or has_role(user, Role.MANAGEMENT, Role.COORDINATOR):
        return can_view_organisation(user, org)
    return is_partner_user(user) and user.organisation_id == org.pk


def can_change_contacts(user, org: Organisation) -> bool:
    return can_change_organisation(user, org)


def get_organisation_for_user(user, pk, *, write: bool = False) -> Organisation:
    """The organisation ``pk`` if ``user`` may see it (404 otherwise, so nothing leaks);
    with ``write``, 403 when they may see but not change it."""
    org = Organisation.objects.select_related("lead_unit", "merged_into").filter(pk=pk).first()
    if org is None or not can_view_organisation(user, org):
        raise Http404
    if write and not can_change_organisation(user, org):
        raise PermissionDenied
    return org


def get_contact_for_user(user, pk, *, write: bool = False) -> Contact:
    contact = Contact.objects.select_related("organisation").filter(pk=pk).first()
    if contact is None or not can_view_contacts(user, contact.organisation):
        raise Http404
    if write and not can_change_contacts(user, contact.organisation):
        raise PermissionDenied
    return contact
