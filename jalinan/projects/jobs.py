"""The projects app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def milestone_reminders() -> dict:
    """Tell project leaders of milestones due within 14 days and of late ones."""
    from .services import milestones_remind

    return {"reminders_sent": milestones_remind()}


def register() -> None:
    register_daily_job(
        "projects.milestone_reminders",
        milestone_reminders,
        description="Projects: tell leaders of milestones due within 14 days and late ones",
        order=50,
    )
