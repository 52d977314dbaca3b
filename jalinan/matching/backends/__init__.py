"""Search backends behind one scorer: in-process (NumPy, usearch) and pgvector + PostgreSQL
full-text search. Both find candidates their own way and score them with the same code
(:mod:`jalinan.matching.backends.segment`), so they agree on scores."""

from __future__ import annotations

from .. import conf


def get_backend(name: str | None = None):
    name = name or conf.backend_name()
    if name == "memory":
        from .memory import MemoryBackend

        return MemoryBackend.instance()
    if name == "pgvector":
        from .pgvector import PgvectorBackend

        return PgvectorBackend()
    raise ValueError(f"Unknown matching backend {name!r}")
