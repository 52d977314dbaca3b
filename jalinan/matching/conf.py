"""The matching engine's settings, each read with a default (see README, "Expert matching")."""

from __future__ import annotations

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


def backend_name() -> str:
    """``memory`` or ``pgvector``: what ``JALINAN_MATCHING_BACKEND`` (``auto`` by default)
    resolves to on the current database."""
    from django.db import connection

    name = get("JALINAN_MATCHING_BACKEND", "auto")
    if name == "auto":
        return "pgvector" if connection.vendor == "postgresql" else "memory"
    if name not in ("memory", "pgvector"):
        raise ValueError(f"JALINAN_MATCHING_BACKEND must be auto, memory or pgvector, not {name!r}")
    if name == "pgvector" and connection.vendor != "postgresql":
        raise ValueError("JALINAN_MATCHING_BACKEND=pgvector needs a PostgreSQL database")
    return name


# Scoring. Chosen on the reviewer-expertise gold standard (see README and evaluate_matching);
# every one is a setting so that a deployment can re-tune on its own judgements.
def dense_weight() -> float:
    return float(get("JALINAN_MATCHING_DENSE_WEIGHT", 1.0))


def lexical_weight() -> float:
    return float(get("JALINAN_MATCHING_LEXICAL_WEIGHT", 0.2))


def temperature() -> float:
    return float(get("JALINAN_MATCHING_TEMPERATURE", 0.05))


def top_docs() -> int:
    return int(get("JALINAN_MATCHING_TOP_DOCS", 10))


def recency() -> float:
    return float(get("JALINAN_MATCHING_RECENCY", 0.1))


def recency_years() -> int:
    return int(get("JALINAN_MATCHING_RECENCY_YEARS", 20))


def ann_threshold() -> int:
    """Above this many documents in a collection the in-process backend searches an
    approximate (HNSW) index instead of scanning every vector."""
    return int(get("JALINAN_MATCHING_ANN_THRESHOLD", 200_000))
