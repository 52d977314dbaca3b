"""One service for telling people things: in the app, and by e-mail as each person prefers.

Capabilities register the kinds they send with :func:`register_kind`; a person chooses per kind
to get e-mail immediately, in a daily digest, or not at all (the in-app list always has it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference

Delivery = NotificationPreference.Delivery


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default: str = Delivery.IMMEDIATE


KINDS: dict[str, Kind] = {}


def register_kind(key: str, label, default: str = Delivery.IMMEDIATE) -> Kind:
    kind = Kind(key, label, default)
    KINDS[key] = kind
    return kind


register_kind("general", _("General messages"))
register_kind("account", _("Account and access"))


def delivery_for(user, kind: str) -> str:
    pref = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if pref:
        return pref.delivery
    return KINDS[kind].default if kind in KINDS else Delivery.IMMEDIATE


def notify(
    *,
    recipient,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    dedupe_key: str = "",
) -> Notification | None:
    """Create a notification for ``recipient`` and e-mail it if they want it at once.

    With ``dedupe_key`` the same (recipient, kind, key) is sent only once, so periodic jobs can
    run twice without telling anyone twice. Returns None when it was already sent.
    """
    if recipient is None or not recipient.is_active:
        return None
    if (
        dedupe_key
        and Notification.objects.filter(
            recipient=recipient, kind=kind, dedupe_key=dedupe_key
        ).exists()
    ):
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                title=str(title)[:255],
                body=str(body),
                url=url,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:  # a concurrent run sent it first
        return None
    if delivery_for(recipient, kind) == Delivery.IMMEDIATE:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def notification_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())


def preference_set(*, user, kind: str, delivery: str) -> NotificationPreference:
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery!r}")
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )
    return pref
