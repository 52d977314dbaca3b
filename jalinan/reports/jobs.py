"""The reports app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def monthly_headlines() -> dict:
    """The monthly headline figures to management (on the first run of each month)."""
    from .monthly import send_monthly_headlines

    return {"sent": send_monthly_headlines()}


def register() -> None:
    register_daily_job(
        "reports.monthly_headlines",
        monthly_headlines,
        description="Reports: the monthly headline figures to management (first run of each month)",
        order=80,
    )
