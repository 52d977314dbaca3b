"""The matching engine. It knows no other app: callers hand it text and ids.

Public API (import from ``jalinan.matching``; every name is loaded lazily)::

    Doc(id, title="", text="", year=None, kind="", weight=1.0)
        one text of an entity ("publication", "profile", "project", ...).
    index_entity(collection, entity_id, docs, meta=None, keywords=None, *, embed=True)
        -> IndexReport
        make ``docs`` the entity's documents; only changed texts (content hash, model
        included) are re-embedded, by a Celery task (in-process when eager, the default);
        ``embed=False`` leaves them pending for one batched ``embed_pending_docs(collection)``.
    remove_entity(collection, entity_id) -> bool
    search(collection, text, *, k=20, entity_ids=None, exclude_ids=None, evidence=3,
           explain=True, vector=None) -> list[EntityResult]
        rank entities for a text; ``entity_ids`` restricts to what the caller allows
        (visibility, filters). EntityResult(entity_id, score, docs=[DocEvidence(key, kind,
        title, text, year, score, dense, lexical, terms)], keywords, meta).
    score_entities(collection, text, entity_ids, *, evidence=3) -> dict[int, EntityResult]
        score a text against a given small set of entities (e.g. an opening's applicants).
    similar(collection, entity_id, *, k=5, entity_ids=None) -> list[EntityResult]
    embed_query(text) -> numpy vector   (embed once, search several collections)
    embed_texts(texts) -> numpy matrix  (the configured model, unit-length rows)
    highlight_spans(text, terms) -> [(piece, is_match)]   (for templates)
    pending_count(collection=None) -> int   (documents waiting for a vector)

Scoring (``scoring.py``): per document, cosine of sentence embeddings plus 0.2 × BM25
normalised by the query's self-score, times a small recency factor; per entity, a soft top-k
(log-sum-exp at T = 0.05 over its 10 best documents). Backends (``JALINAN_MATCHING_BACKEND``):
``auto`` (pgvector on PostgreSQL, else memory), ``memory`` (NumPy exact, usearch HNSW above
``JALINAN_MATCHING_ANN_THRESHOLD`` documents), ``pgvector`` (HNSW + full-text search for
candidates, then the same exact scorer). Model: ``JALINAN_EMBEDDING_MODEL`` (a
sentence-transformers folder; default the packaged all-MiniLM-L6-v2), offline.
"""

from __future__ import annotations

_EXPORTS = {
    "Doc": "index",
    "IndexReport": "index",
    "index_entity": "index",
    "index_new_entities": "index",
    "remove_entity": "index",
    "pending_count": "index",
    "embed_pending_docs": "index",
    "search": "engine",
    "score_entities": "engine",
    "similar": "engine",
    "embed_query": "engine",
    "EntityResult": "engine",
    "DocEvidence": "engine",
    "highlight_spans": "text",
    "matching_terms": "text",
}


def embed_texts(texts):
    from .embedder import get_embedder

    return get_embedder().embed(list(texts))


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jalinan.matching' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"jalinan.matching.{module}"), name)


__all__ = [*_EXPORTS, "embed_texts"]
