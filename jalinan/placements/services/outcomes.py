"""Graduates' outcomes: where a graduate was within six months of graduating."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jalinan.accounts.models import User
from jalinan.core.audit import audit_log, diff, snapshot

from ..choices import EMPLOYABLE_OUTCOMES, OutcomeStatus, PlacementStatus
from ..models import GraduateOutcome, Placement
from ..permissions import can_record_outcome_for
from .common import apply_fields

OUTCOME_FIELDS = {
    "graduated_on",
    "status",
    "employer_organisation",
    "employer_name",
    "job_title",
    "started_on",
}
SIX_MONTHS = timedelta(days=183)


@transaction.atomic
def outcome_record(*, student: User, by, **fields) -> GraduateOutcome:
    """Record (or correct) where a graduate was within six months of graduating. Whether the
    employer is an organisation the graduate was placed at is worked out here."""
    if not can_record_outcome_for(by, student):
        raise PermissionDenied
    outcome = GraduateOutcome.objects.select_for_update().filter(student=student).first()
    creating = outcome is None
    if creating:
        outcome = GraduateOutcome(student=student)
    before = {} if creating else snapshot(outcome)
    apply_fields(outcome, fields, OUTCOME_FIELDS)
    if outcome.status == OutcomeStatus.NOT_WORKING:
        outcome.employer_organisation = None
        outcome.employer_name = ""
    outcome.within_six_months = bool(
        outcome.status in EMPLOYABLE_OUTCOMES
        and outcome.started_on
        and outcome.graduated_on
        and outcome.started_on <= outcome.graduated_on + SIX_MONTHS
    )
    outcome.with_placement_partner = bool(
        outcome.employer_organisation_id
        and Placement.objects.filter(
            student=student, organisation_id=outcome.employer_organisation_id
        )
        .exclude(status=PlacementStatus.CANCELLED)
        .exists()
    )
    outcome.recorded_by = by
    outcome.full_clean()
    outcome.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=outcome,
        changes=diff(before, snapshot(outcome)),
    )
    return outcome
