"""The placements app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def reminders():
    """Overdue logbooks and reviews; evaluation links e-mailed when due."""
    from .services.reminders import send_reminders

    return send_reminders()


def register() -> None:
    register_daily_job(
        "placements.reminders",
        reminders,
        description="Placements: overdue logbooks and reviews; evaluation links e-mailed when due",
        order=400,
    )
