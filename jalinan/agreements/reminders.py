"""The daily job of the memoranda: move memoranda to "expiring" and "expired" by date, and send
the reminders, each once only (``notify(..., dedupe_key=...)``), so running it twice sends
nothing twice.

- tiered alerts before expiry (``JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS``, default 180, 90 and
  30 days): the smallest tier a memorandum has reached, once per tier and end date;
- on expiry (for memoranda that expired in the last week, so a first run does not dig up the
  past);
- a step stuck in one stage longer than its limit (``JALINAN_MEMORANDUM_STAGE_LIMITS``, days per
  status, merged over :data:`STAGE_LIMITS`), once per stay in that stage;
- overdue deliverables, once per due date.

Everyone is told through the notification service: the person in charge and the OIL officers,
and for an overdue deliverable its owner too (once each, even when one person is several).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from jalinan.accounts.models import User
from jalinan.accounts.roles import OIL_ROLES
from jalinan.core.notifications import notify

from .choices import IN_FORCE, OPEN_DELIVERABLE, Status
from .models import Deliverable, Memorandum
from .selectors import expiring_days
from .workflow import apply_transition

STAGE_LIMITS = {
    Status.SUBMITTED: 7,
    Status.OIL_REVIEW: 14,
    Status.RETURNED: 30,
    Status.LEGAL_REVIEW: 21,
    Status.AWAITING_MCOM: 60,
    Status.AWAITING_UMC: 45,
    Status.APPROVED: 30,
    Status.SIGNED: 14,
}
EXPIRED_GRACE_DAYS = 7


def stage_limits() -> dict[str, int]:
    return {**STAGE_LIMITS, **settings.JALINAN_MEMORANDUM_STAGE_LIMITS}


def alert_tiers() -> list[int]:
    return sorted(settings.JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS)


def _oil_people() -> list:
    return list(User.objects.filter(groups__name__in=OIL_ROLES, is_active=True).distinct())


def _tell(people, *, kind, title, key, url, body="") -> int:
    sent = 0
    seen = set()
    for person in people:
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        with override(person.language):
            text = title() if callable(title) else title
        if notify(recipient=person, kind=kind, title=text, body=body, url=url, dedupe_key=key):
            sent += 1
    return sent


def move_by_date(*, today: datetime.date) -> dict[str, int]:
    """Active memoranda near their end become "expiring"; those past it, "expired"."""
    expired = marked = 0
    for memo in Memorandum.objects.filter(status__in=IN_FORCE, end_date__lt=today):
        apply_transition(memorandum=memo, action="expire", by=None, quiet=True)
        expired += 1
    horizon = today + datetime.timedelta(days=expiring_days())
    for memo in Memorandum.objects.filter(status=Status.ACTIVE, end_date__lte=horizon):
        apply_transition(memorandum=memo, action="mark_expiring", by=None, quiet=True)
        marked += 1
    return {"expired": expired, "marked_expiring": marked}


def send_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """The whole daily job. Returns how many of each thing it did."""
    today = today or timezone.localdate()
    counts = move_by_date(today=today)
    oil = _oil_people()
    tiers = alert_tiers()

    counts["expiry_alerts"] = 0
    upcoming = Memorandum.objects.filter(
        status__in=IN_FORCE,
        end_date__gte=today,
        end_date__lte=today + datetime.timedelta(days=tiers[-1]),
    ).select_related("person_in_charge")
    for memo in upcoming:
        days = (memo.end_date - today).days
        tier = min(t for t in tiers if days <= t)
        counts["expiry_alerts"] += _tell(
            [memo.person_in_charge, *oil],
            kind="agreements.expiry",
            title=lambda memo=memo, days=days: _("%(memo)s expires in %(days)d days (%(date)s)")
            % {"memo": str(memo), "days": days, "date": memo.end_date.isoformat()},
            key=f"expiry:{memo.pk}:{tier}:{memo.end_date.isoformat()}",
            url=memo.get_absolute_url(),
            body=_("Decide with the partner whether to renew it."),
        )

    counts["expired_alerts"] = 0
    lapsed = Memorandum.objects.filter(
        status=Status.EXPIRED,
        end_date__lt=today,
        end_date__gte=today - datetime.timedelta(days=EXPIRED_GRACE_DAYS),
    ).select_related("person_in_charge")
    for memo in lapsed:
        counts["expired_alerts"] += _tell(
            [memo.person_in_charge, *oil],
            kind="agreements.expiry",
            title=lambda memo=memo: _("%(memo)s expired on %(date)s")
            % {"memo": str(memo), "date": memo.end_date.isoformat()},
            key=f"expired:{memo.pk}:{memo.end_date.isoformat()}",
            url=memo.get_absolute_url(),
        )

    counts["stuck_alerts"] = 0
    now = timezone.now()
    stuck_q = Q(pk__in=[])
    limits = stage_limits()
    for status, days in limits.items():
        stuck_q |= Q(status=status, status_changed_at__lte=now - datetime.timedelta(days=days))
    for memo in Memorandum.objects.filter(stuck_q).select_related("person_in_charge"):
        days = (now - memo.status_changed_at).days
        counts["stuck_alerts"] += _tell(
            [memo.person_in_charge, *oil],
            kind="agreements.stuck",
            title=lambda memo=memo, days=days: _("%(memo)s has been %(status)s for %(days)d days")
            % {"memo": str(memo), "status": Status(memo.status).label, "days": days},
            key=f"stuck:{memo.pk}:{memo.status}:{memo.status_changed_at.isoformat()}",
            url=memo.get_absolute_url(),
            body=_("The limit for this stage is %(limit)d days.") % {"limit": limits[memo.status]},
        )

    counts["overdue_deliverables"] = 0
    overdue = (
        Deliverable.objects.filter(status__in=OPEN_DELIVERABLE, due_date__lt=today)
        .exclude(
            memorandum__status__in=[
                Status.REJECTED,
                Status.WITHDRAWN,
                Status.TERMINATED,
                Status.RENEWED,
                Status.EXPIRED,
            ]
        )
        .select_related("memorandum", "memorandum__person_in_charge", "owner")
    )
    for deliverable in overdue:
        memo = deliverable.memorandum
        counts["overdue_deliverables"] += _tell(
            [memo.person_in_charge, deliverable.owner, *oil],
            kind="agreements.deliverable",
            title=lambda d=deliverable, memo=memo: _(
                "Deliverable “%(title)s” of %(memo)s was due on %(date)s"
            )
            % {"title": d.title, "memo": memo.reference, "date": d.due_date.isoformat()},
            key=f"overdue:{deliverable.pk}:{deliverable.due_date.isoformat()}",
            url=memo.get_absolute_url(),
        )
    return counts
