"""Openings: posted by a partner or the office, approved by the office when the partner is
not vetted, closed when they stop taking applications."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil, is_partner_user
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.sdgs.services import sdg_request_classification

from .. import ranking
from ..choices import OpeningStatus
from ..models import Opening
from ..selectors.openings import INTERNSHIP_AGREEMENT, UNLINKABLE_MEMORANDA
from .common import KIND_OPENING, apply_fields, clean_list, officers, partner_users, tell_all

OPENING_FIELDS = {
    "kind",
    "title",
    "description",
    "skills",
    "min_year",
    "max_year",
    "work_mode",
    "state",
    "city",
    "starts_on",
    "ends_on",
    "allowance_rm",
    "places",
    "deadline",
    "memorandum",
}
TEXT_FIELDS = {"title", "description", "skills"}


def _opening_snapshot(opening: Opening) -> dict:
    data = snapshot(opening)
    if opening.pk:
        data["programmes"] = sorted(p.code for p in opening.programmes.all())
    return data


def _check_memorandum(opening: Opening, by, before_id: int | None) -> None:
    """Only the office links an opening to a memorandum, and only to an Internship Agreement
    the opening's organisation is a party to. A link made earlier is left alone."""
    if opening.memorandum_id == before_id:
        return
    if not is_oil(by):
        raise PermissionDenied
    memo = opening.memorandum
    if memo is None:
        return
    if memo.memo_type.code != INTERNSHIP_AGREEMENT:
        raise ValidationError(
            {
                "memorandum": _(
                    "An opening can fall only under an Internship Agreement; %(reference)s is "
                    "of the type “%(type)s”."
                )
                % {
                    "reference": memo.reference,
                    "type": memo.memo_type.display_name(get_language() or "en"),
                }
            }
        )
    if not memo.parties.filter(organisation_id=opening.organisation_id).exists():
        raise ValidationError(
            {
                "memorandum": _("%(org)s is not a party to %(reference)s.")
                % {"org": opening.organisation.legal_name, "reference": memo.reference}
            }
        )
    if memo.status in UNLINKABLE_MEMORANDA:
        raise ValidationError(
            {
                "memorandum": _(
                    "%(reference)s was rejected or withdrawn: an opening cannot fall under it."
                )
                % {"reference": memo.reference}
            }
        )


def _publish(opening: Opening, by, now) -> None:
    opening.status = OpeningStatus.PUBLISHED
    opening.published_at = opening.published_at or now
    opening.reviewed_by = by if is_oil(by) else opening.reviewed_by
    opening.reviewed_at = now if is_oil(by) else opening.reviewed_at


@transaction.atomic
def opening_create(*, by, organisation, programmes=(), **fields) -> Opening:
    """Post an opening. An officer's opening, or one from a vetted partner, is published at
    once; an unvetted partner's waits for an officer's approval."""
    if not is_oil(by) and not (is_partner_user(by) and by.organisation_id == organisation.pk):
        raise PermissionDenied
    if organisation.status == "merged":
        raise ValidationError(_("This organisation was merged into another record."))
    if "skills" in fields:
        fields["skills"] = clean_list(fields["skills"])
    opening = Opening(organisation=organisation, posted_by=by)
    apply_fields(opening, fields, OPENING_FIELDS)
    _check_memorandum(opening, by, None)
    now = timezone.now()
    if is_oil(by) or organisation.is_vetted:
        _publish(opening, by, now)
    else:
        opening.status = OpeningStatus.PENDING
    opening.full_clean()
    opening.save()
    opening.programmes.set(programmes)
    audit_log(actor=by, action="create", obj=opening, changes=diff({}, _opening_snapshot(opening)))
    sdg_request_classification(obj=opening)
    ranking.opening_reindex(opening)
    if opening.status == OpeningStatus.PENDING:
        tell_all(
            officers(),
            kind=KIND_OPENING,
            title=_("Opening waiting for approval: %(title)s (%(org)s)")
            % {"title": opening.title, "org": organisation.legal_name},
            body=_("%(org)s is not vetted yet, so its openings wait for an officer.")
            % {"org": organisation.legal_name},
            url=opening.get_absolute_url(),
        )
    return opening


@transaction.atomic
def opening_update(*, opening: Opening, by, programmes=None, **fields) -> Opening:
    """Change an opening. A rejected opening a partner corrects goes back for approval."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status == OpeningStatus.CLOSED:
        raise ValidationError(_("A closed opening cannot be changed."))
    before = _opening_snapshot(opening)
    before_memorandum = opening.memorandum_id
    if "skills" in fields:
        fields["skills"] = clean_list(fields["skills"])
    apply_fields(opening, fields, OPENING_FIELDS)
    _check_memorandum(opening, by, before_memorandum)
    resubmitted = False
    if opening.status == OpeningStatus.REJECTED:
        if is_oil(by) or opening.organisation.is_vetted:
            _publish(opening, by, timezone.now())
        else:
            opening.status = OpeningStatus.PENDING
            resubmitted = True
    opening.full_clean()
    opening.save()
    if programmes is not None:
        opening.programmes.set(programmes)
    changes = diff(before, _opening_snapshot(opening))
    if changes:
        audit_log(actor=by, action="update", obj=opening, changes=changes)
        if TEXT_FIELDS & set(changes):
            sdg_request_classification(obj=opening)
        if TEXT_FIELDS & set(changes) or "status" in changes:
            ranking.opening_reindex(opening)
    if resubmitted:
        tell_all(
            officers(),
            kind=KIND_OPENING,
            title=_("Opening corrected and waiting for approval: %(title)s (%(org)s)")
            % {"title": opening.title, "org": opening.organisation.legal_name},
            url=opening.get_absolute_url(),
        )
    return opening


def _review(opening: Opening, by, *, approve: bool, note: str) -> Opening:
    if not is_oil(by):
        raise PermissionDenied
    opening = (
        Opening.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=opening.pk)
    )
    if opening.status != OpeningStatus.PENDING:
        raise ValidationError(_("Only an opening waiting for approval can be approved or not."))
    before = snapshot(opening)
    now = timezone.now()
    if approve:
        _publish(opening, by, now)
    else:
        if not note.strip():
            raise ValidationError({"note": _("Say why, so that the partner can correct it.")})
        opening.status = OpeningStatus.REJECTED
        opening.reviewed_by, opening.reviewed_at = by, now
    opening.review_note = note.strip()
    opening.save()
    audit_log(
        actor=by,
        action="transition",
        obj=opening,
        changes=diff(before, snapshot(opening)),
        message=note.strip(),
    )
    ranking.opening_reindex(opening)
    org = opening.organisation.legal_name
    title = (
        _("Your opening %(title)s is published")
        if approve
        else _("Your opening %(title)s was not approved")
    ) % {"title": opening.title}
    tell_all(
        partner_users(opening.organisation_id),
        kind=KIND_OPENING,
        title=title,
        body=note.strip()
        or _("Students of the university can now apply (%(org)s).") % {"org": org},
        url=opening.get_absolute_url(),
    )
    return opening


@transaction.atomic
def opening_approve(*, opening: Opening, by, note: str = "") -> Opening:
    """An officer publishes an unvetted partner's opening."""
    return _review(opening, by, approve=True, note=note)


@transaction.atomic
def opening_reject(*, opening: Opening, by, note: str) -> Opening:
    """An officer turns an opening down, saying why; the partner may correct it."""
    return _review(opening, by, approve=False, note=note)


@transaction.atomic
def opening_close(*, opening: Opening, by) -> Opening:
    """Stop taking applications. Applications already in stay where they are."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status != OpeningStatus.PUBLISHED:
        raise ValidationError(_("Only a published opening can be closed."))
    before = snapshot(opening)
    opening.status = OpeningStatus.CLOSED
    opening.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="transition", obj=opening, changes=diff(before, snapshot(opening)))
    ranking.opening_reindex(opening)
    return opening
