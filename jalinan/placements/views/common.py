"""What the placement pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from ..permissions import can_manage_settings, can_use_placements


def form_errors(form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: next to the field it names, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def enter_section(user) -> None:
    """The placements section exists only for its users; others get 404."""
    if not can_use_placements(user):
        raise Http404


def settings_only(user):
    """The rubric and programme pages: the office only (403 for the section's other users)."""
    if not can_manage_settings(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404


def units_for(user):
    """The units a filter may offer: all for the office and management, else the user's."""
    qs = Unit.objects.filter(is_active=True)
    if not (is_oil(user) or has_role(user, Role.MANAGEMENT)):
        qs = qs.filter(pk__in=unit_ids(user))
    return qs
