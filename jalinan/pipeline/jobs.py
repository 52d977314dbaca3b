"""The pipeline app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def sync() -> dict:
    """Advance the opportunities whose linked memorandum or project has moved on."""
    from .services import opportunities_sync

    return {"opportunities_advanced": opportunities_sync()}


def register() -> None:
    register_daily_job(
        "pipeline.sync",
        sync,
        description="Pipeline: advance opportunities whose linked memorandum or project "
        "has moved on",
        order=60,
    )
