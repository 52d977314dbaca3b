"""The weekly logbook: the student writes each week, the academic supervisor reviews it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot

from ..choices import LogbookStatus
from ..models import LogbookEntry, Placement
from ..permissions import can_review_logbook, can_write_logbook
from .common import KIND_LOGBOOK, KIND_PLACEMENT, tell


@transaction.atomic
def logbook_entry_save(
    *, placement: Placement, by, week: int, activities: str, learning: str = "", hours=None
) -> LogbookEntry:
    """The student writes (or corrects) one week of the logbook. A reviewed week is final."""
    if not can_write_logbook(by, placement):
        raise PermissionDenied
    if week > placement.current_week():
        raise ValidationError({"week": _("You cannot write a week that has not started.")})
    entry = LogbookEntry.objects.select_for_update().filter(placement=placement, week=week).first()
    creating = entry is None
    if creating:
        entry = LogbookEntry(placement=placement, week=week)
    elif entry.status == LogbookStatus.REVIEWED:
        raise ValidationError(_("This week was already reviewed and cannot be changed."))
    before = {} if creating else snapshot(entry)
    entry.activities = activities.strip()
    entry.learning = learning.strip()
    entry.hours = hours
    entry.status = LogbookStatus.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.full_clean()
    entry.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=entry,
        changes=diff(
            before, snapshot(entry, ["week", "activities", "learning", "hours", "status"])
        ),
    )
    if placement.academic_supervisor_id:
        tell(
            recipient=placement.academic_supervisor,
            kind=KIND_LOGBOOK,
            title=_("Logbook week %(week)d of %(student)s to review")
            % {"week": week, "student": placement.student.full_name},
            url=placement.get_absolute_url() + f"#week-{week}",
        )
    return entry


@transaction.atomic
def logbook_entry_review(
    *, entry: LogbookEntry, by, approve: bool, comment: str = ""
) -> LogbookEntry:
    """The academic supervisor reviews a week, or returns it with a comment for revision."""
    entry = (
        LogbookEntry.objects.select_for_update(of=("self",))
        .select_related("placement__student")
        .get(pk=entry.pk)
    )
    if not can_review_logbook(by, entry.placement):
        raise PermissionDenied
    if entry.status != LogbookStatus.SUBMITTED:
        raise ValidationError(_("Only an entry waiting for review can be reviewed."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what the student should revise.")})
    before = snapshot(entry, ["status", "review_comment"])
    entry.status = LogbookStatus.REVIEWED if approve else LogbookStatus.RETURNED
    entry.review_comment = comment.strip()
    entry.reviewed_by = by
    entry.reviewed_at = timezone.now()
    entry.save()
    audit_log(
        actor=by,
        action="transition",
        obj=entry,
        changes=diff(before, snapshot(entry, ["status", "review_comment"])),
    )
    words = {"week": entry.week}
    tell(
        recipient=entry.placement.student,
        kind=KIND_PLACEMENT,
        title=(
            _("Logbook week %(week)d reviewed")
            if approve
            else _("Logbook week %(week)d returned for revision")
        )
        % words,
        body=entry.review_comment,
        url=entry.placement.get_absolute_url() + f"#week-{entry.week}",
    )
    return entry


@transaction.atomic
def logbook_review_all(*, placement: Placement, by, comment: str = "") -> int:
    """The academic supervisor signs off every week waiting for review at once (supervisors
    often read several weeks together). One audit entry names the weeks; the student is told
    once. Returns how many weeks were reviewed."""
    if not can_review_logbook(by, placement):
        raise PermissionDenied
    waiting = LogbookEntry.objects.select_for_update().filter(
        placement=placement, status=LogbookStatus.SUBMITTED
    )
    weeks = sorted(waiting.values_list("week", flat=True))
    if not weeks:
        return 0
    waiting.update(
        status=LogbookStatus.REVIEWED,
        review_comment=comment.strip(),
        reviewed_by=by,
        reviewed_at=timezone.now(),
    )
    audit_log(
        actor=by,
        action="transition",
        obj=placement,
        changes={"logbook weeks reviewed": [None, weeks]},
        message=comment.strip(),
    )
    tell(
        recipient=placement.student,
        kind=KIND_PLACEMENT,
        title=_("Logbook weeks %(weeks)s reviewed") % {"weeks": ", ".join(map(str, weeks))},
        body=comment.strip(),
        url=placement.get_absolute_url(),
    )
    return len(weeks)
