"""Background work of the core: notification e-mail and daily digests."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .emails import absolute_url, send_templated_email
from .models import Notification, NotificationPreference


@shared_task
def send_notification_email(notification_id: int) -> bool:
    n = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if n is None or n.emailed_at is not None or not n.recipient.email:
        return False
    send_templated_email(
        to=[n.recipient.email],
        template="core/email/notification",
        context={"notification": n, "link": absolute_url(n.url), "user": n.recipient},
        language=n.recipient.language,
    )
    Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
    return True


@shared_task
def send_digests() -> int:
    """E-mail each person who chose a daily digest the notifications not yet e-mailed to them."""
    from .notifications import KINDS, Delivery

    digest_kinds: dict[int, set[str]] = {}
    for pref in NotificationPreference.objects.filter(delivery=Delivery.DIGEST):
        digest_kinds.setdefault(pref.user_id, set()).add(pref.kind)
    default_digest = {k for k, v in KINDS.items() if v.default == Delivery.DIGEST}
    explicit = {
        (p.user_id, p.kind)
        for p in NotificationPreference.objects.exclude(delivery=Delivery.DIGEST)
    }
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict = {}
    for n in pending:
        wants = n.kind in digest_kinds.get(n.recipient_id, set()) or (
            n.kind in default_digest and (n.recipient_id, n.kind) not in explicit
        )
        if wants:
            by_user.setdefault(n.recipient, []).append(n)
    sent = 0
    for user, items in by_user.items():
        send_templated_email(
            to=[user.email],
            template="core/email/digest",
            context={"items": items, "user": user, "links": [absolute_url(i.url) for i in items]},
            language=user.language,
        )
        Notification.objects.filter(pk__in=[i.pk for i in items]).update(emailed_at=timezone.now())
        sent += 1
    return sent


@shared_task
def ping(value: str) -> str:
    """A trivial task, used to check that a worker answers."""
    return f"pong:{value}"


@shared_task
def run_daily_jobs(only: list[str] | None = None) -> dict[str, object]:
    """Run every registered daily job (reminders, health checks, digests), in order.

    One job failing does not stop the others; its error is logged and reported.
    """
    import logging

    from .registry import daily_jobs

    log = logging.getLogger(__name__)
    results: dict[str, object] = {}
    for job in daily_jobs():
        if only and job.key not in only:
            continue
        try:
            results[job.key] = job.run()
        except Exception as exc:  # noqa: BLE001 - the other jobs must still run
            log.exception("Daily job %s failed", job.key)
            results[job.key] = f"failed: {exc}"
    return results
