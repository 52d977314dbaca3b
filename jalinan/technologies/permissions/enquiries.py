"""Who may see enquiries about technologies: OIL only (they carry visitors' contact
details)."""

from __future__ import annotations

from django.http import Http404

from jalinan.accounts.roles import is_oil

from ..models import Enquiry


def can_see_enquiries(user) -> bool:
    return is_oil(user)


def get_enquiry_for_user(user, pk, *, write: bool = False) -> Enquiry:
    if not can_see_enquiries(user):
        raise Http404
    enquiry = (
        Enquiry.objects.select_related("technology", "organisation", "nda", "opportunity")
        .filter(pk=pk)
        .first()
    )
    if enquiry is None:
        raise Http404
    return enquiry
