"""The matching app's daily jobs (one function per job, named as its key; ``register()`` is
called from ``AppConfig.ready()``)."""

from __future__ import annotations

from jalinan.core.registry import register_daily_job


def embed_pending() -> int:
    """Catch up on documents still waiting for a vector (a lost task, a changed model)."""
    from .index import embed_pending_docs

    return embed_pending_docs()


def register() -> None:
    register_daily_job(
        "matching.embed_pending",
        embed_pending,
        description="Matching: embed the documents still waiting for a vector",
        order=20,
    )
