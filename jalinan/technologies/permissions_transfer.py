"""Who may see and change technology offers, enquiries, licences, payments and spin-offs.

- The public catalogue: anyone, signed in or not, sees the *published* offers, and only their
  public fields. A draft or withdrawn offer answers 404 there.
- Offers (the office's pages): OIL creates, edits, publishes and withdraws; OIL and the IP
  committee see every offer; the inventors see the offers of their technologies.
- Enquiries: OIL only (they carry visitors' contact details).
- Licences: OIL and the IP committee see every licence and its revenue split; OIL changes
  them. The inventors of the licensed technology see the licence and *their own* share lines.
  Users of the licensee organisation see the terms and the payments, never the internal
  split. Everyone else: 404.
- Revenue sharing policies: OIL sees them; OIL administrators add them.
- Spin-offs: OIL, the IP committee and management see every spin-off; founders and the
  spin-off's own partner users see theirs; OIL changes them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import Role, has_role, is_oil, is_oil_admin, is_partner_user

from .choices import OfferStatus
from .models import Enquiry, Licence, RoyaltyPayment, Spinoff, Technology
from .permissions import is_ip_staff


def _authenticated(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def inventor_user_ids(technology: Technology) -> set[int]:
    """The users behind a technology: those of its shown inventors' profiles and the
    inventors of its disclosure."""
    ids = set(technology.inventors.values_list("user_id", flat=True))
    if technology.disclosure_id:
        ids |= set(
            technology.disclosure.inventors.exclude(user=None).values_list("user_id", flat=True)
        )
    return {i for i in ids if i}


def is_technology_inventor(user, technology: Technology) -> bool:
    if not _authenticated(user):
        return False
    cached = getattr(technology, "_inventor_ids", None)
    if cached is None:
        cached = technology._inventor_ids = inventor_user_ids(technology)
    return user.pk in cached


# -- offers ----------------------------------------------------------------------------------


def can_manage_offers(user) -> bool:
    return is_oil(user)


def can_see_offers(user) -> bool:
    """The office's list of offers (drafts included)."""
    if is_ip_staff(user):
        return True
    if not _authenticated(user):
        return False
    return (
        Technology.objects.filter(inventors__user=user).exists()
        or Technology.objects.filter(disclosure__inventors__user=user).exists()
    )


def can_view_technology(user, technology: Technology) -> bool:
    """The office's page of an offer (not the public one)."""
    return is_ip_staff(user) or is_technology_inventor(user, technology)


def can_change_technology(user, technology: Technology | None = None) -> bool:
    return is_oil(user)


def is_public(technology: Technology) -> bool:
    return technology.status == OfferStatus.PUBLISHED


def get_technology_for_user(user, pk, *, write: bool = False) -> Technology:
    tech = (
        Technology.objects.select_related("disclosure", "unit", "published_by", "created_by")
        .filter(pk=pk)
        .first()
    )
    if tech is None or not can_view_technology(user, tech):
        raise Http404
    if write and not can_change_technology(user, tech):
        raise PermissionDenied
    return tech


def get_published_technology(slug: str) -> Technology:
    """The public page's technology: 404 unless it is published."""
    tech = (
        Technology.objects.select_related("unit")
        .filter(slug=slug, status=OfferStatus.PUBLISHED)
        .first()
    )
    if tech is None:
        raise Http404
    return tech


# -- enquiries -------------------------------------------------------------------------------


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


# -- licences --------------------------------------------------------------------------------


def is_licensee_user(user, licence: Licence) -> bool:
    return is_partner_user(user) and user.organisation_id == licence.licensee_id


def can_see_licences(user) -> bool:
    if is_ip_staff(user):
        return True
    if not _authenticated(user):
        return False
    from .selectors_transfer import licences_for

    return licences_for(user).exists()


def can_view_licence(user, licence: Licence) -> bool:
    if is_ip_staff(user):
        return True
    return is_licensee_user(user, licence) or is_technology_inventor(user, licence.technology)


def can_change_licence(user, licence: Licence | None = None) -> bool:
    return is_oil(user)


def split_visibility(user, licence: Licence) -> str:
    """How much of the revenue split ``user`` sees: "all" (IP staff), "own" (an inventor:
    their own lines) or "none" (the licensee)."""
    if is_ip_staff(user):
        return "all"
    if is_technology_inventor(user, licence.technology):
        return "own"
    return "none"


def get_licence_for_user(user, pk, *, write: bool = False) -> Licence:
    licence = (
        Licence.objects.select_related("technology__disclosure", "licensee", "memorandum")
        .filter(pk=pk)
        .first()
    )
    if licence is None or not can_view_licence(user, licence):
        raise Http404
    if write and not can_change_licence(user, licence):
        raise PermissionDenied
    return licence


def get_payment_for_user(user, pk) -> RoyaltyPayment:
    payment = RoyaltyPayment.objects.select_related("licence__technology").filter(pk=pk).first()
    if payment is None or not can_view_licence(user, payment.licence):
        raise Http404
    return payment


# -- policies --------------------------------------------------------------------------------


def can_see_policies(user) -> bool:
    return is_oil(user)


def can_manage_policies(user) -> bool:
    return is_oil_admin(user)


# -- spin-offs -------------------------------------------------------------------------------


def can_see_all_spinoffs(user) -> bool:
    return is_ip_staff(user) or has_role(user, Role.MANAGEMENT)


def can_see_spinoffs(user) -> bool:
    if can_see_all_spinoffs(user):
        return True
    if not _authenticated(user):
        return False
    from .selectors_transfer import spinoffs_for

    return spinoffs_for(user).exists()


def can_view_spinoff(user, spinoff: Spinoff) -> bool:
    if can_see_all_spinoffs(user):
        return True
    if not _authenticated(user):
        return False
    if is_partner_user(user) and user.organisation_id == spinoff.organisation_id:
        return True
    return spinoff.founders.filter(pk=user.pk).exists()


def can_change_spinoff(user, spinoff: Spinoff | None = None) -> bool:
    return is_oil(user)


def get_spinoff_for_user(user, pk, *, write: bool = False) -> Spinoff:
    spinoff = (
        Spinoff.objects.select_related("organisation", "licence__technology").filter(pk=pk).first()
    )
    if spinoff is None or not can_view_spinoff(user, spinoff):
        raise Http404
    if write and not can_change_spinoff(user, spinoff):
        raise PermissionDenied
    return spinoff
