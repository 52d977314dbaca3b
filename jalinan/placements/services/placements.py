"""Placements: made when a student accepts an offer, then kept by the office, the
coordinator and the partner."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import Role, has_role, is_oil
from jalinan.core.audit import audit_log, diff, snapshot

from .. import eligibility
from ..choices import PlacementStatus
from ..models import Application, Placement
from ..permissions import can_change_industry_supervisor, can_manage_placement
from .common import KIND_PLACEMENT, apply_fields, coordinators_of, partner_users, tell, tell_all


def placement_create(*, application: Application, by) -> Placement:
    """The placement an accepted application makes (called by
    :func:`.applications.application_move`, inside its transaction); the student's
    coordinators and the partner are told what to do next."""
    opening = application.opening
    placement = Placement(
        application=application,
        student=application.student,
        organisation_id=opening.organisation_id,
        kind=opening.kind,
        starts_on=opening.starts_on,
        ends_on=opening.ends_on,
    )
    placement.full_clean()
    placement.save()
    audit_log(actor=by, action="create", obj=placement, changes=diff({}, snapshot(placement)))
    url = placement.get_absolute_url()
    profile = getattr(application.student, "student_profile", None)
    words = {"student": application.student.full_name, "org": opening.organisation.legal_name}
    tell_all(
        coordinators_of(profile.kulliyyah_id if profile else None),
        kind=KIND_PLACEMENT,
        title=_("%(student)s accepted a placement at %(org)s") % words,
        body=_("Assign an academic supervisor."),
        url=url,
    )
    tell_all(
        partner_users(opening.organisation_id),
        kind=KIND_PLACEMENT,
        title=_("%(student)s will join %(org)s") % words,
        body=_("Name the student's industry supervisor on the placement page."),
        url=url,
    )
    return placement


SUPERVISOR_FIELDS = {
    "industry_supervisor_name",
    "industry_supervisor_email",
    "industry_supervisor_phone",
}
PLACEMENT_FIELDS = SUPERVISOR_FIELDS | {"starts_on", "ends_on", "academic_supervisor", "status"}


@transaction.atomic
def placement_update(*, placement: Placement, by, **fields) -> Placement:
    """Change a placement. The partner names the industry supervisor; the office and the
    coordinator also set dates, status and the academic supervisor."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student__student_profile", "organisation")
        .get(pk=placement.pk)
    )
    allowed = (
        PLACEMENT_FIELDS
        if can_manage_placement(by, placement)
        else SUPERVISOR_FIELDS
        if can_change_industry_supervisor(by, placement)
        else set()
    )
    if not allowed or set(fields) - allowed:
        raise PermissionDenied
    before = snapshot(placement)
    apply_fields(placement, fields, allowed)
    supervisor = placement.academic_supervisor
    if supervisor is not None and not has_role(supervisor, Role.ACADEMIC):
        raise ValidationError({"academic_supervisor": _("Choose a member of academic staff.")})
    if {"starts_on", "ends_on"} & set(fields) and placement.status != PlacementStatus.CANCELLED:
        other = eligibility.overlapping_placement(
            placement.student, placement.starts_on, placement.ends_on, exclude_pk=placement.pk
        )
        if other is not None:
            raise ValidationError(
                _("These dates overlap the student's placement at %(org)s.")
                % {"org": other.organisation}
            )
    if placement.status == PlacementStatus.COMPLETED and not placement.completed_at:
        placement.completed_at = timezone.now()
    placement.full_clean()
    placement.save()
    changes = diff(before, snapshot(placement))
    if changes:
        audit_log(actor=by, action="update", obj=placement, changes=changes)
    if "academic_supervisor" in changes and supervisor is not None:
        tell(
            recipient=supervisor,
            kind=KIND_PLACEMENT,
            title=_("You supervise %(student)s's placement at %(org)s")
            % {"student": placement.student.full_name, "org": placement.organisation.legal_name},
            body=_("Review the student's weekly logbook entries."),
            url=placement.get_absolute_url(),
        )
        tell(
            recipient=placement.student,
            kind=KIND_PLACEMENT,
            title=_("Your academic supervisor is %(name)s") % {"name": supervisor.display_name},
            url=placement.get_absolute_url(),
        )
    return placement


RECORDED_FIELDS = {
    "student",
    "organisation",
    "kind",
    "starts_on",
    "ends_on",
    "status",
    "industry_supervisor_name",
    "industry_supervisor_email",
    "academic_supervisor",
}


@transaction.atomic
def placement_record(*, reference: str, by, **fields) -> Placement:
    """Record (or correct) a placement from the office's earlier register, keyed by the
    office's ``reference``: a past internship with no opening or application in Jalinan. The
    office only; audited, and nobody is told (these are historical records). The same checks
    as a placement made by an application: a student, an academic supervisor who is academic
    staff, dates in order and not overlapping another placement of the student."""
    if not is_oil(by):
        raise PermissionDenied
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("The office's reference is required.")})
    placement = (
        Placement.objects.select_for_update(of=("self",)).filter(reference=reference).first()
    )
    creating = placement is None
    if creating:
        placement = Placement(reference=reference)
    before = {} if creating else snapshot(placement)
    apply_fields(placement, fields, RECORDED_FIELDS)
    errors: dict[str, str] = {}
    if not has_role(placement.student, Role.STUDENT):
        errors["student"] = _("%(name)s is not a student.") % {"name": placement.student}
    supervisor = placement.academic_supervisor
    if supervisor is not None and not has_role(supervisor, Role.ACADEMIC):
        errors["academic_supervisor"] = _("Choose a member of academic staff.")
    if (
        placement.status == PlacementStatus.ACTIVE
        and placement.ends_on
        and placement.ends_on < timezone.localdate()
    ):
        # In progress would set the logbook reminders after a placement long over.
        errors["status"] = _("A placement that has ended is completed or cancelled.")
    if errors:
        raise ValidationError(errors)
    placement.full_clean()
    if placement.status != PlacementStatus.CANCELLED:
        other = eligibility.overlapping_placement(
            placement.student, placement.starts_on, placement.ends_on, exclude_pk=placement.pk
        )
        if other is not None:
            raise ValidationError(
                _("These dates overlap the student's placement at %(org)s (%(start)s – %(end)s).")
                % {"org": other.organisation, "start": other.starts_on, "end": other.ends_on}
            )
    if placement.status == PlacementStatus.COMPLETED:
        if not placement.completed_at:
            # When it ended: the register has no other date of completion.
            placement.completed_at = timezone.make_aware(
                datetime.datetime.combine(placement.ends_on, datetime.time(17))
            )
    else:
        placement.completed_at = None
    placement.save()
    changes = diff(before, snapshot(placement))
    if creating or changes:
        audit_log(
            actor=by, action="create" if creating else "update", obj=placement, changes=changes
        )
    return placement
