"""Searching the index: text in, ranked entities with their evidence out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import embedder as emb
from .backends import get_backend
from .models import IndexedDoc, IndexedEntity
from .scoring import Params, Query
from .text import matching_terms, stems, term_counts


@dataclass
class DocEvidence:
    """One document that made the match, with the query words it shares."""

    key: str
    kind: str
    title: str
    text: str
    year: int | None
    score: float
    dense: float
    lexical: float
    terms: list[str] = field(default_factory=list)


@dataclass
class EntityResult:
    """One entity found, its score, and why."""

    entity_id: int
    score: float
    docs: list[DocEvidence] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # the entity's keywords the query matched
    meta: dict = field(default_factory=dict)


def make_query(text: str, vector: np.ndarray | None = None) -> Query:
    counts, length = term_counts(text)
    ids = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
    tf = np.array([counts[int(i)] for i in ids], dtype=np.float32)
    if vector is None:
        vector = emb.get_embedder().embed([text])[0]
    return Query(
        text=text,
        vector=np.asarray(vector, dtype=np.float32),
        term_ids=ids,
        term_tf=tf,
        length=length,
    )


def embed_query(text: str) -> np.ndarray:
    """The query's vector (to embed once and search several collections with it)."""
    return emb.get_embedder().embed([text])[0]


def matched_keywords(query_text: str | set[str], keywords: list[str]) -> list[str]:
    """The keywords all of whose words (by stem) occur in the query (text or stems)."""
    q = query_text if isinstance(query_text, set) else set(stems(query_text))
    out = []
    for kw in keywords or []:
        ks = stems(kw)
        if ks and all(s in q for s in ks):
            out.append(kw)
    return out


def _explain(collection: str, query_text: str, scored, evidence: int) -> list[EntityResult]:
    doc_ids = [int(d) for r in scored for d in r.doc_ids[:evidence]]
    docs = {
        d.pk: d
        for d in IndexedDoc.objects.filter(pk__in=doc_ids).only(
            "id", "key", "kind", "title", "text", "year"
        )
    }
    entities = {
        e.entity_id: e
        for e in IndexedEntity.objects.filter(
            collection__name=collection, entity_id__in=[r.entity_id for r in scored]
        ).only("entity_id", "keywords", "meta")
    }
    wanted = set(stems(query_text))
    out = []
    for r in scored:
        ent = entities.get(r.entity_id)
        ev = []
        for doc_id, s, dn, lx in zip(r.doc_ids, r.doc_scores, r.dense, r.lexical, strict=False):
            d = docs.get(int(doc_id))
            if d is None:
                continue
            ev.append(
                DocEvidence(
                    key=d.key,
                    kind=d.kind,
                    title=d.title,
                    text=d.text,
                    year=d.year,
                    score=round(float(s), 4),
                    dense=round(float(dn), 4),
                    lexical=round(float(lx), 4),
                    terms=matching_terms(wanted, f"{d.title} {d.text}"),
                )
            )
        out.append(
            EntityResult(
                entity_id=r.entity_id,
                score=round(float(r.score), 4),
                docs=ev[:evidence],
                keywords=matched_keywords(wanted, ent.keywords if ent else []),
                meta=ent.meta if ent else {},
            )
        )
    return out


def search(
    collection: str,
    text: str,
    *,
    k: int = 20,
    entity_ids: set[int] | None = None,
    exclude_ids: set[int] | None = None,
    evidence: int = 3,
    explain: bool = True,
    vector: np.ndarray | None = None,
    backend: str | None = None,
) -> list[EntityResult]:
    """The ``k`` entities of ``collection`` that best match ``text``, best first.

    ``entity_ids`` limits the search to those entities (what the user may see, a filter);
    ``exclude_ids`` leaves some out. Each result carries up to ``evidence`` documents with
    their scores and matching words, and the entity's keywords found in the text (set
    ``explain=False`` to skip the evidence when only scores are needed).
    """
    text = (text or "").strip()
    if not text or (entity_ids is not None and not entity_ids):
        return []
    query = make_query(text, vector)
    scored = get_backend(backend).search(
        collection,
        query,
        Params.from_settings(),
        k=k,
        entity_ids=set(entity_ids) if entity_ids is not None else None,
        exclude=set(exclude_ids) if exclude_ids else None,
        evidence=evidence,
    )
    if not explain:
        return [EntityResult(entity_id=r.entity_id, score=round(float(r.score), 4)) for r in scored]
    return _explain(collection, text, scored, evidence)


def score_entities(
    collection: str,
    text: str,
    entity_ids,
    *,
    evidence: int = 3,
    vector: np.ndarray | None = None,
    backend: str | None = None,
    explain: bool = True,
) -> dict[int, EntityResult]:
    """Score ``text`` against each of a given (small) set of entities, e.g. the 30 applicants
    to one opening. Every entity that has an embedded document gets a result."""
    ids = {int(i) for i in entity_ids}
    if not ids:
        return {}
    results = search(
        collection,
        text,
        k=len(ids),
        entity_ids=ids,
        evidence=evidence,
        vector=vector,
        backend=backend,
        explain=explain,
    )
    return {r.entity_id: r for r in results}


def entity_text(collection: str, entity_id: int, limit: int = 20) -> str:
    """An entity's own text (its documents' titles and a little of each text), most recent
    first: the query for "similar entities"."""
    docs = IndexedDoc.objects.filter(
        collection__name=collection, entity__entity_id=entity_id
    ).order_by("-year", "key")[:limit]
    return "\n".join(f"{d.title}. {d.text[:300]}" for d in docs)


def similar(
    collection: str,
    entity_id: int,
    *,
    k: int = 5,
    entity_ids: set[int] | None = None,
    evidence: int = 2,
    backend: str | None = None,
) -> list[EntityResult]:
    """The entities of ``collection`` most like ``entity_id`` (itself left out): its documents'
    mean vector and their words as the query."""
    be = get_backend(backend)
    vectors = be.entity_vectors(collection, entity_id)
    text = entity_text(collection, entity_id)
    if vectors is None or not len(vectors) or not text:
        return []
    v = vectors.mean(0)
    v = v / max(float(np.linalg.norm(v)), 1e-12)
    return search(
        collection,
        text,
        k=k,
        entity_ids=entity_ids,
        exclude_ids={entity_id},
        evidence=evidence,
        vector=v,
        backend=backend,
    )
