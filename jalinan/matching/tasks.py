"""Background work of the matching engine."""

from __future__ import annotations

from celery import shared_task


@shared_task
def embed_pending(collection: str | None = None) -> int:
    """Embed the documents of ``collection`` (or all) that wait for a vector."""
    from .index import embed_pending_docs

    return embed_pending_docs(collection)
