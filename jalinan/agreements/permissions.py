"""Who may see and change which memoranda. Views, the API, exports and panels all ask here.

- OIL admins and officers: everything; they run the workflow and change any memorandum that is
  not closed.
- Management, MCOM members and the legal adviser: read every memorandum.
- KCDIO coordinators: read and (while it is a draft or returned for changes) edit their unit's
  memoranda (their unit or any unit below it); read other units' signed memoranda unless they
  are confidential.
- Academic staff: read and edit what they are in charge of or created (same stages); read other
  signed memoranda unless confidential.
- Approved partner users: read the memoranda their organisation is a party to, never
  confidential documents nor internal review comments.
- Everyone else (students, pending partner users, outsiders): nothing; every record answers 404.

Confidential documents: OIL, the legal adviser, MCOM members and the person in charge only, the
latter once OIL chose or confirmed them (a coordinator or academic who names themselves in charge
gains nothing confidential); only OIL changes the person in charge of an existing memorandum. The
initiating KCDIO's coordinator still sees the memorandum and its other documents, not these.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import (
    Role,
    has_role,
    is_oil,
    is_oil_admin,
    is_partner_user,
    is_signed_in,
    unit_ids,
)

from .choices import CLOSED, CONCLUDED, Confidentiality, Status
from .models import Deliverable, Document, Memorandum, MemorandumType

READ_ALL_ROLES = (Role.MANAGEMENT, Role.COMMITTEE, Role.LEGAL)
STAFF_READERS = (Role.COORDINATOR, Role.ACADEMIC)
# While a memorandum is being drafted or has been returned, its initiator may still edit it.
INITIATOR_EDITABLE = (Status.DRAFT, Status.RETURNED)


def reads_everything(user) -> bool:
    return is_oil(user) or has_role(user, *READ_ALL_ROLES)


def can_see_memoranda(user) -> bool:
    return reads_everything(user) or has_role(user, *STAFF_READERS) or is_partner_user(user)


def can_create_memorandum(user) -> bool:
    return is_oil(user) or has_role(user, Role.COORDINATOR, Role.ACADEMIC)


def is_unit_coordinator(user, memo: Memorandum) -> bool:
    return has_role(user, Role.COORDINATOR) and memo.initiating_unit_id in unit_ids(user)


def is_initiator(user, memo: Memorandum) -> bool:
    """The person in charge, whoever created it, or the coordinator of its KCDIO."""
    if not is_signed_in(user):
        return False
    if user.pk in (memo.person_in_charge_id, memo.created_by_id) and has_role(
        user, Role.OIL_ADMIN, Role.OIL_OFFICER, *STAFF_READERS
    ):
        return True  # (a person who has lost their staff role is no longer one)
    return is_unit_coordinator(user, memo)


def _is_party_user(user, memo: Memorandum) -> bool:
    if not is_partner_user(user):
        return False
    cache = getattr(memo, "_prefetched_objects_cache", {})
    if "parties" in cache:
        return any(p.organisation_id == user.organisation_id for p in memo.parties.all())
    return memo.parties.filter(organisation_id=user.organisation_id).exists()


def can_view_memorandum(user, memo: Memorandum) -> bool:
    if reads_everything(user):
        return True
    if has_role(user, *STAFF_READERS):
        if is_initiator(user, memo):
            return True
        if memo.status in CONCLUDED and memo.confidentiality != Confidentiality.CONFIDENTIAL:
            return True
    return _is_party_user(user, memo)


def can_change_memorandum(user, memo: Memorandum) -> bool:
    if memo.status in CLOSED:
        return False
    if is_oil(user):
        return True
    return memo.status in INITIATOR_EDITABLE and is_initiator(user, memo)


def can_view_confidential(user, memo: Memorandum) -> bool:
    if is_oil(user) or has_role(user, Role.LEGAL, Role.COMMITTEE):
        return True
    # The person in charge only once OIL chose or confirmed them (see the model's
    # person_in_charge_assigned_by): naming oneself in charge opens nothing confidential.
    pic = memo.person_in_charge_id
    return (
        pic is not None
        and getattr(user, "pk", None) == pic
        and memo.person_in_charge_assigned_by_id is not None
    )


def can_change_person_in_charge(user, memo: Memorandum) -> bool:
    """Who is in charge of an existing memorandum is OIL's choice (it opens confidential
    documents); the initiator names someone only when creating it."""
    return is_oil(user) and can_change_memorandum(user, memo)


def can_see_internal_comments(user, memo: Memorandum) -> bool:
    """Review comments and the audit trail are the university's: never a partner's."""
    return can_view_memorandum(user, memo) and (
        reads_everything(user) or has_role(user, *STAFF_READERS)
    )


def can_add_document(user, memo: Memorandum) -> bool:
    if memo.status in (Status.REJECTED, Status.WITHDRAWN):
        return False
    return is_oil(user) or has_role(user, Role.LEGAL) or is_initiator(user, memo)


def can_view_document(user, doc: Document) -> bool:
    memo = doc.memorandum
    if not can_view_memorandum(user, memo):
        return False
    return not doc.is_confidential or can_view_confidential(user, memo)


def can_manage_deliverables(user, memo: Memorandum) -> bool:
    if memo.status in (Status.REJECTED, Status.WITHDRAWN):
        return False
    return is_oil(user) or is_initiator(user, memo)


def can_update_deliverable(user, deliverable: Deliverable) -> bool:
    memo = deliverable.memorandum
    if can_manage_deliverables(user, memo):
        return True
    return (
        deliverable.owner_id is not None
        and deliverable.owner_id == getattr(user, "pk", None)
        and can_view_memorandum(user, memo)
        and memo.status not in (Status.REJECTED, Status.WITHDRAWN)
    )


def can_manage_signatories(user, memo: Memorandum) -> bool:
    """Signatories are settled before signing; afterwards they are the record."""
    if memo.status not in (
        Status.DRAFT,
        Status.RETURNED,
        Status.SUBMITTED,
        Status.OIL_REVIEW,
        Status.LEGAL_REVIEW,
        Status.AWAITING_MCOM,
        Status.AWAITING_UMC,
        Status.APPROVED,
    ):
        return False
    return is_oil(user) or is_initiator(user, memo)


def can_see_mcom_agenda(user) -> bool:
    return is_oil(user) or has_role(user, Role.COMMITTEE)


def can_see_health(user) -> bool:
    """The dormancy page: the office, management, MCOM, and coordinators (their unit)."""
    return reads_everything(user) or has_role(user, Role.COORDINATOR)


def can_nudge(user, memo: Memorandum) -> bool:
    return memo.is_in_force and (is_oil(user) or is_unit_coordinator(user, memo))


def can_manage_types(user) -> bool:
    return is_oil_admin(user)


def get_memorandum_for_user(user, pk, *, write: bool = False) -> Memorandum:
    """The memorandum ``pk`` if ``user`` may see it (404 otherwise, so nothing leaks); with
    ``write``, 403 when they may see but not change it."""
    memo = (
        Memorandum.objects.select_related(
            "memo_type", "initiating_unit", "person_in_charge", "created_by", "renews"
        )
        .filter(pk=pk)
        .first()
    )
    if memo is None or not can_view_memorandum(user, memo):
        raise Http404
    if write and not can_change_memorandum(user, memo):
        raise PermissionDenied
    return memo


def get_document_for_user(user, pk) -> Document:
    doc = Document.objects.select_related("memorandum").filter(pk=pk).first()
    if doc is None or not can_view_document(user, doc):
        raise Http404
    return doc


def get_deliverable_for_user(user, pk, *, write: bool = False) -> Deliverable:
    deliverable = Deliverable.objects.select_related("memorandum", "owner").filter(pk=pk).first()
    if deliverable is None or not can_view_memorandum(user, deliverable.memorandum):
        raise Http404
    if write and not can_update_deliverable(user, deliverable):
        raise PermissionDenied
    return deliverable


def get_type_for_admin(user, pk) -> MemorandumType:
    if not can_see_memoranda(user):
        raise Http404
    if not can_manage_types(user):
        raise PermissionDenied
    memo_type = MemorandumType.objects.filter(pk=pk).first()
    if memo_type is None:
        raise Http404
    return memo_type
