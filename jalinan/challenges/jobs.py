"""The challenges app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def close_expired() -> dict:
    """Close the published challenges whose deadline has passed."""
    from .services.challenges import challenges_close_expired

    return {"challenges_closed": challenges_close_expired()}


def register() -> None:
    register_daily_job(
        "challenges.close_expired",
        close_expired,
        description="Challenges: close published challenges whose deadline has passed",
        order=30,
    )
