"""The daily reminders job: overdue logbooks and reviews, evaluations due, and ratings to give."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import conf
from ..choices import EvaluationStage, LogbookStatus, PlacementStatus
from ..models import EvaluationLink, LogbookEntry, Placement
from .common import KIND_REMINDER, coordinators_of, partner_users, tell
from .evaluations import evaluation_link_issue


def send_reminders(today: date | None = None) -> dict[str, int]:
    """Overdue logbooks and reviews, and evaluations due: idempotent (each reminder carries a
    dedupe key; a live evaluation link is never replaced the same day)."""
    today = today or timezone.localdate()
    sent = {"logbook": 0, "review": 0, "links": 0, "evaluation_overdue": 0, "feedback": 0}
    grace = conf.logbook_grace_days()
    active = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE, starts_on__lte=today)
        .select_related("student__student_profile", "organisation", "academic_supervisor")
        .annotate(entry_count=Count("logbook_entries"))
        .prefetch_related(
            Prefetch("logbook_entries", queryset=LogbookEntry.objects.only("placement_id", "week")),
            "evaluations",
            Prefetch(
                "evaluation_links",
                queryset=EvaluationLink.objects.filter(
                    used_at__isnull=True, revoked_at__isnull=True
                ),
                to_attr="open_links",
            ),
        )
    )
    for p in active:
        url = p.get_absolute_url()
        due = p.weeks_due(today, grace)
        have = {e.week for e in p.logbook_entries.all()}
        missing = [w for w in range(1, due + 1) if w not in have]
        if missing:
            done = tell(
                recipient=p.student,
                kind=KIND_REMINDER,
                title=_("Your placement logbook is behind: week(s) %(weeks)s")
                % {"weeks": ", ".join(str(w) for w in missing)},
                body=_("Write the missing weeks on your placement page."),
                url=url,
                dedupe_key=f"logbook:{p.pk}:{missing[-1]}",
            )
            sent["logbook"] += done is not None
        submitted = {e.stage for e in p.evaluations.all()}
        for stage in EvaluationStage.values:
            if stage in submitted:
                continue
            due_on = p.evaluation_due_on(stage)
            if today < due_on - timedelta(days=conf.evaluation_lead_days()):
                continue
            overdue = today > due_on + timedelta(days=conf.evaluation_grace_days())
            live = [
                link
                for link in p.open_links
                if link.stage == stage and link.expires_at > timezone.now()
            ]
            stale = (
                live
                and overdue
                and all(
                    # Link ages are measured on the clock (links expire by it).
                    timezone.now() - link.created_at
                    >= timedelta(days=conf.evaluation_resend_days())
                    for link in live
                )
            )
            if p.industry_supervisor_email and (not live or stale):
                evaluation_link_issue(placement=p, stage=stage, by=None)
                sent["links"] += 1
            if overdue or not p.industry_supervisor_email:
                label = EvaluationStage(stage).label
                people = coordinators_of(
                    p.student.student_profile.kulliyyah_id
                    if hasattr(p.student, "student_profile")
                    else None
                )
                if p.academic_supervisor_id:
                    people.append(p.academic_supervisor)
                people += (
                    partner_users(p.organisation_id) if not p.industry_supervisor_email else []
                )
                title = (
                    _("%(stage)s of %(student)s at %(org)s is overdue")
                    if overdue
                    else _(
                        "%(stage)s of %(student)s at %(org)s is due: add the industry "
                        "supervisor's e-mail"
                    )
                ) % {"stage": label, "student": p.student.full_name, "org": p.organisation}
                for person in {u.pk: u for u in people}.values():
                    done = tell(
                        recipient=person,
                        kind=KIND_REMINDER,
                        title=title,
                        url=url,
                        dedupe_key=f"evaluation:{p.pk}:{stage}:{'overdue' if overdue else 'due'}",
                    )
                    sent["evaluation_overdue"] += done is not None
    stale_before = timezone.now() - timedelta(days=conf.review_days())
    waiting = LogbookEntry.objects.filter(
        status=LogbookStatus.SUBMITTED,
        submitted_at__lt=stale_before,
        placement__academic_supervisor__isnull=False,
    ).select_related("placement__academic_supervisor", "placement__student")
    for entry in waiting:
        done = tell(
            recipient=entry.placement.academic_supervisor,
            kind=KIND_REMINDER,
            title=_("Logbook week %(week)d of %(student)s has waited %(days)d days for review")
            % {
                "week": entry.week,
                "student": entry.placement.student.full_name,
                "days": conf.review_days(),
            },
            url=entry.placement.get_absolute_url() + f"#week-{entry.week}",
            dedupe_key=f"review:{entry.pk}:{entry.submitted_at:%Y%m%d%H%M%S}",
        )
        sent["review"] += done is not None
    ended = (
        Placement.objects.filter(ends_on__lt=today, student_feedback__isnull=True)
        .exclude(status=PlacementStatus.CANCELLED)
        .select_related("student", "organisation")
    )
    for p in ended:
        done = tell(
            recipient=p.student,
            kind=KIND_REMINDER,
            title=_("How was your placement at %(org)s? Rate it") % {"org": p.organisation},
            url=p.get_absolute_url() + "#feedback",
            dedupe_key=f"feedback:{p.pk}",
        )
        sent["feedback"] += done is not None
    return sent
