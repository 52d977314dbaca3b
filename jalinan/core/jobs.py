"""The core app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from .registry import register_daily_job


def digests():
    """E-mail each person's daily digest of notifications."""
    from .tasks import send_digests

    return send_digests()


def register() -> None:
    register_daily_job(
        "core.digests",
        digests,
        description="Notifications: e-mail the daily digests",
        order=1000,  # last, so that it carries what the other jobs sent today
    )
