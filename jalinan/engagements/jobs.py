"""The engagements app's daily jobs (one function per job, named as its key; ``register()``
is called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def refresh_memoranda() -> dict:
    """Count the activities that have now taken place towards their memoranda's health."""
    from .services import refresh_recent

    return {"memoranda_updated": refresh_recent()}


def register() -> None:
    register_daily_job(
        "engagements.refresh_memoranda",
        refresh_memoranda,
        description="Engagements: count activities that have now taken place towards "
        "their memoranda's health",
        order=40,
    )
