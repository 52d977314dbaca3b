"""The PostgreSQL backend: pgvector HNSW finds the nearest documents, PostgreSQL full-text
search the best lexical matches; the entities they belong to are then scored exactly, with
all their documents, by the same code as the in-process backend.

The HNSW index is built per vector dimension (``embedding::vector(N)`` with ``WHERE dim = N``),
so the embedding model can change without a migration.
"""

from __future__ import annotations

import numpy as np
from django.db import connection, transaction

from .. import embedder as emb
from ..models import IndexedCollection, IndexedDoc, TermStat
from ..scoring import Params, Query
from ..text import stems, term_id, words
from .segment import Scored, Segment

_indexed_dims: set[int] = set()
DOC = IndexedDoc._meta.db_table
ENTITY = "matching_indexedentity"


def ensure_hnsw(dim: int) -> None:
    """Create the HNSW index for vectors of ``dim`` dimensions if it is missing (the one for
    384, the default model's size, comes with the migration). PostgreSQL cannot build it
    inside a transaction that has written to the table, so it waits for a search outside one;
    until then the search is exact (and so gives the same results, more slowly)."""
    if dim in _indexed_dims or connection.in_atomic_block:
        return
    from django.conf import settings

    # A graph that outgrows maintenance_work_mem (64 MB by default) is built many times more
    # slowly; a million 384-dimension vectors want about 2 GB. For this session's build only.
    memory = settings.JALINAN_PGVECTOR_BUILD_MEMORY
    with connection.cursor() as cur:
        cur.execute("SELECT set_config('maintenance_work_mem', %s, false)", [memory])
        try:
            cur.execute(
                f"CREATE INDEX IF NOT EXISTS matching_doc_hnsw_{int(dim)} ON {DOC} "
                f"USING hnsw ((embedding::vector({int(dim)})) vector_cosine_ops) "
                f"WITH (m = 16, ef_construction = 64) WHERE dim = {int(dim)}"
            )
        finally:
            cur.execute("RESET maintenance_work_mem")
    _indexed_dims.add(dim)


class PgvectorBackend:
    name = "pgvector"

    def __init__(self, *, dense_candidates: int = 200, lexical_candidates: int = 100):
        # Documents fetched from each index; their entities (at most 3k and 1.5k of them for
        # k results) are then scored with all their documents.
        self.dense_candidates = dense_candidates
        self.lexical_candidates = lexical_candidates

    def _stats(self, coll: IndexedCollection, query: Query) -> tuple[np.ndarray, int, float]:
        found = dict(
            TermStat.objects.filter(collection=coll, term__in=query.term_ids.tolist()).values_list(
                "term", "df"
            )
        )
        df = np.array([max(found.get(int(t), 0), 0) for t in query.term_ids], dtype=np.float32)
        n = max(coll.doc_count, 1)
        return df, n, (coll.total_length / n if coll.doc_count else 1.0)

    def _nearest(self, coll_pk: int, query: Query, model: str, allowed, limit: int) -> list[int]:
        dim = len(query.vector)
        ensure_hnsw(dim)
        vec = "[" + ",".join(f"{x:.7g}" for x in query.vector.tolist()) + "]"
        sql = (
            f"SELECT e.entity_id FROM {DOC} d JOIN {ENTITY} e ON e.id = d.entity_id "
            f"WHERE d.collection_id = %s AND d.dim = {dim} AND d.model_key = %s "
            + ("AND e.entity_id = ANY(%s) " if allowed is not None else "")
            + f"ORDER BY d.embedding::vector({dim}) <=> %s::vector({dim}) LIMIT %s"
        )
        params: list = [coll_pk, model]
        if allowed is not None:
            params.append(list(allowed))
        params += [vec, limit]
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL hnsw.ef_search = 100")
            cur.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            cur.execute(sql, params)
            return [r[0] for r in cur.fetchall()]

    def _lexical(
        self, coll_pk: int, query: Query, df: np.ndarray, n_docs: int, allowed, limit: int
    ) -> list[int]:
        """Entities of the documents that best match the query's rare words: the six rarest
        of those in at most 1% of the documents, as the in-process backend picks them.
        Ranking every document that shares a common word with a long problem statement
        would cost more than it finds (the exact scorer still counts every shared word of
        the candidates)."""
        df_of = {int(t): float(f) for t, f in zip(query.term_ids, df, strict=True)}
        cap = max(50.0, 0.01 * n_docs)
        seen, picked = set(), []
        for w in words(query.text):
            if not w.isalpha() or len(w) < 3 or w in seen:
                continue
            s = stems(w)
            f = df_of.get(term_id(s[0]), 0) if s else 0
            if 0 < f <= cap:
                seen.add(w)
                picked.append((f, w))
        if not picked:
            return []
        tsquery = " | ".join(w for _f, w in sorted(picked)[:6])
        sql = (
            f"SELECT e.entity_id FROM {DOC} d JOIN {ENTITY} e ON e.id = d.entity_id, "
            "to_tsquery('english', %s) q "
            "WHERE d.collection_id = %s AND d.tsv @@ q "
            + ("AND e.entity_id = ANY(%s) " if allowed is not None else "")
            + "ORDER BY ts_rank(d.tsv, q) DESC LIMIT %s"
        )
        params: list = [tsquery, coll_pk]
        if allowed is not None:
            params.append(list(allowed))
        params.append(limit)
        with connection.cursor() as cur:
            cur.execute(sql, params)
            return [r[0] for r in cur.fetchall()]

    def search(
        self,
        collection: str,
        query: Query,
        params: Params,
        *,
        k: int,
        entity_ids: set[int] | None = None,
        exclude: set[int] | None = None,
        evidence: int = 3,
    ) -> list[Scored]:
        coll = IndexedCollection.objects.filter(name=collection).first()
        if coll is None:
            return []
        model = emb.model_key()
        df, n, avgdl = self._stats(coll, query)
        if entity_ids is not None and len(entity_ids) <= 200:
            candidates = set(entity_ids)
        else:
            limit = max(self.dense_candidates, 10 * k)
            near = self._nearest(coll.pk, query, model, entity_ids, limit)
            lex = self._lexical(
                coll.pk, query, df, n, entity_ids, max(self.lexical_candidates, 5 * k)
            )
            candidates = set(list(dict.fromkeys(near))[: max(60, 3 * k)])
            candidates |= set(list(dict.fromkeys(lex))[: max(30, 3 * k // 2)])
        if exclude:
            candidates -= set(exclude)
        if not candidates:
            return []
        rows: list[tuple] = []
        ids = sorted(candidates)
        for i in range(0, len(ids), 1000):
            rows += list(
                IndexedDoc.objects.filter(
                    collection=coll, model_key=model, entity__entity_id__in=ids[i : i + 1000]
                ).values_list(
                    "id", "entity__entity_id", "vector", "terms", "length", "year", "weight"
                )
            )
        rows = [r for r in rows if r[2] is not None]
        if not rows:
            return []
        seg = Segment.from_rows(rows, len(query.vector))
        return seg.score(query, params, df=df, n_docs=n, avgdl=avgdl, k=k, evidence=evidence)

    def entity_vectors(self, collection: str, entity_id: int) -> np.ndarray | None:
        raw = list(
            IndexedDoc.objects.filter(
                collection__name=collection,
                entity__entity_id=entity_id,
                model_key=emb.model_key(),
            ).values_list("vector", flat=True)
        )
        blobs = [bytes(b) for b in raw if b is not None]
        if not blobs:
            return None
        return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
