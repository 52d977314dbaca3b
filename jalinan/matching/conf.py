"""The matching engine's settings (declared in settings.py; see README, "Expert matching")."""

from __future__ import annotations

from django.conf import settings


def backend_name() -> str:
    """``memory`` or ``pgvector``: what ``JALINAN_MATCHING_BACKEND`` (``auto`` by default)
    resolves to on the current database."""
    from django.db import connection

    name = settings.JALINAN_MATCHING_BACKEND
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
    return float(settings.JALINAN_MATCHING_DENSE_WEIGHT)


def lexical_weight() -> float:
    return float(settings.JALINAN_MATCHING_LEXICAL_WEIGHT)


def temperature() -> float:
    return float(settings.JALINAN_MATCHING_TEMPERATURE)


def top_docs() -> int:
    return int(settings.JALINAN_MATCHING_TOP_DOCS)


def recency() -> float:
    return float(settings.JALINAN_MATCHING_RECENCY)


def recency_years() -> int:
    return int(settings.JALINAN_MATCHING_RECENCY_YEARS)


def ann_threshold() -> int:
    """Above this many documents in a collection the in-process backend searches an
    approximate (HNSW) index instead of scanning every vector."""
    return int(settings.JALINAN_MATCHING_ANN_THRESHOLD)
