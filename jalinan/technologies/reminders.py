"""The daily reminders of IP deadlines, each tier of each deadline sent once only.

For every open deadline (not done, of an asset that has not lapsed or been abandoned) the tiers
of ``JALINAN_IP_DEADLINE_ALERT_DAYS`` (default 90, 30, 7 and 0 days before) are crossed one
after another; a tier is sent when ``today >= due - tier`` and no :class:`DeadlineReminder`
records it yet. When several are crossed at once (a deadline imported late, a job that did not
run for a while) only the nearest is sent and the others are recorded as sent, so nobody gets
four messages in one morning. An overdue deadline is reminded once more (tier -1).

Recipients: OIL officers and administrators, the IP committee, and the inventors (users) of the
asset's disclosure. The unique (deadline, tier) constraint makes two concurrent runs safe.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from jalinan.core.notifications import notify

from .choices import AssetStatus
from .models import Deadline, DeadlineReminder
from .services.assets import NOTIFY_DEADLINE
from .services.disclosures import inventor_people, ip_staff_people

OVERDUE = -1


def alert_tiers() -> list[int]:
    """The tiers in days before the due date, largest first (0: on the day)."""
    tiers = settings.JALINAN_IP_DEADLINE_ALERT_DAYS
    return sorted({int(t) for t in tiers if int(t) >= 0}, reverse=True)


def open_deadlines():
    return Deadline.objects.filter(done_on__isnull=True).exclude(
        asset__status__in=[AssetStatus.LAPSED, AssetStatus.ABANDONED]
    )


def _title(deadline: Deadline, days: int) -> str:
    what = {
        "asset": deadline.asset.application_number or deadline.asset.reference,
        "kind": deadline.get_kind_display(),
        "date": formats.date_format(deadline.due_date),
    }
    if days < 0:
        return _("%(asset)s: %(kind)s was due on %(date)s (overdue)") % what
    if days == 0:
        return _("%(asset)s: %(kind)s is due today (%(date)s)") % what
    return ngettext(
        "%(asset)s: %(kind)s is due in %(days)d day (%(date)s)",
        "%(asset)s: %(kind)s is due in %(days)d days (%(date)s)",
        days,
    ) % {**what, "days": days}


def _record(deadline: Deadline, tier: int) -> bool:
    """Record that ``tier`` was sent; False when it already was (by this run or another)."""
    try:
        with transaction.atomic():
            DeadlineReminder.objects.create(deadline=deadline, days_before=tier)
    except IntegrityError:
        return False
    return True


def _recipients(deadline: Deadline, staff: list) -> list:
    people = {p.pk: p for p in staff}
    if deadline.asset.disclosure_id:
        for person in inventor_people(deadline.asset.disclosure):
            people.setdefault(person.pk, person)
    return list(people.values())


def send_ip_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily job. Returns how many reminders were sent, skipped (recorded without being
    sent, being further than a tier crossed at the same time) and people told."""
    today = today or timezone.localdate()
    tiers = alert_tiers()
    if not tiers:
        return {"reminders": 0, "skipped": 0, "messages": 0}
    horizon = today + datetime.timedelta(days=tiers[0])
    due = (
        open_deadlines()
        .filter(due_date__lte=horizon)
        .select_related("asset", "asset__disclosure")
        .prefetch_related("reminders")
        .order_by("due_date", "pk")
    )
    staff = ip_staff_people()
    counts = {"reminders": 0, "skipped": 0, "messages": 0}
    for deadline in due:
        days = (deadline.due_date - today).days
        crossed = [t for t in tiers if days <= t]
        if days < 0:
            crossed.append(OVERDUE)
        sent = {r.days_before for r in deadline.reminders.all()}
        nearest = min(crossed)
        for tier in crossed:
            if tier != nearest and tier not in sent and _record(deadline, tier):
                counts["skipped"] += 1
        if nearest in sent or not _record(deadline, nearest):
            continue
        counts["reminders"] += 1
        for person in _recipients(deadline, staff):
            with override(getattr(person, "language", None) or settings.LANGUAGE_CODE):
                title = _title(deadline, days)
                body = deadline.explanation
            if notify(
                recipient=person,
                kind=NOTIFY_DEADLINE,
                title=title,
                body=body,
                url=deadline.asset.get_absolute_url(),
                dedupe_key=f"ipdeadline:{deadline.pk}:{nearest}:{deadline.due_date.isoformat()}",
            ):
                counts["messages"] += 1
    return counts
