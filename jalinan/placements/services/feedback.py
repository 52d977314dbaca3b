"""The student's evaluation of the placement (and so of the partner)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jalinan.core.audit import audit_log, diff, snapshot

from ..models import Placement, PlacementFeedback
from ..permissions import can_give_feedback
from .common import apply_fields

FEEDBACK_FIELDS = {"rating", "supervision_rating", "learning_rating", "would_recommend", "comments"}


@transaction.atomic
def feedback_submit(*, placement: Placement, by, **fields) -> PlacementFeedback:
    """The student rates the placement (and so the partner); they may correct it later."""
    if not can_give_feedback(by, placement):
        raise PermissionDenied
    feedback = PlacementFeedback.objects.select_for_update().filter(placement=placement).first()
    creating = feedback is None
    if creating:
        feedback = PlacementFeedback(placement=placement)
    before = {} if creating else snapshot(feedback)
    apply_fields(feedback, fields, FEEDBACK_FIELDS)
    feedback.submitted_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=feedback,
        changes=diff(before, snapshot(feedback)),
    )
    return feedback
