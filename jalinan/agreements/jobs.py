"""The agreements app's daily jobs. Each app keeps its daily jobs in ``jobs.py``, a function
per job named as the job's key, registered by ``register()`` from ``AppConfig.ready()``;
``manage.py run_daily`` runs every app's in order."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def reminders():
    """Memoranda expiring or expired by date; expiry, stuck-stage and overdue-deliverable
    alerts."""
    from .reminders import send_reminders

    return send_reminders()


def register() -> None:
    register_daily_job(
        "agreements.reminders",
        reminders,
        description="Memoranda: expiring/expired by date; expiry, stuck-stage and "
        "overdue-deliverable alerts",
        order=50,
    )
