"""The in-process backend: each process keeps a collection's vectors and term counts in
memory, exact NumPy search up to ``JALINAN_MATCHING_ANN_THRESHOLD`` documents and a usearch
HNSW index above it.

Freshness: a search first reads the collection's version (one indexed query). When it moved,
the entities whose ``seq`` changed are reloaded into a small *delta* segment and their rows in
the *main* segment are masked out; when the delta grows past a fifth of the main segment, both
are rebuilt. A profile edit is therefore searchable on the next search in every process.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from .. import conf
from .. import embedder as emb
from ..models import IndexedCollection, IndexedDoc, IndexedEntity
from ..scoring import Params, Query
from .segment import Scored, Segment

ROW_FIELDS = ("id", "entity__entity_id", "vector", "terms", "length", "year", "weight")


class CollectionState:
    def __init__(self, name: str, dim: int):
        self.name = name
        self.dim = dim
        self.version = -1
        self.model = ""
        self.main = Segment.empty(dim)
        self.delta = Segment.empty(dim)
        self.seqs: dict[int, int] = {}  # entity id -> seq as loaded
        self.delta_entities: set[int] = set()
        self.build_seconds = 0.0


def _load_rows(coll_pk: int, model: str, entity_ids=None):
    qs = IndexedDoc.objects.filter(collection_id=coll_pk, model_key=model)
    if entity_ids is not None:
        ids = list(entity_ids)
        rows: list[tuple] = []
        for i in range(0, len(ids), 500):
            rows += list(qs.filter(entity__entity_id__in=ids[i : i + 500]).values_list(*ROW_FIELDS))
        return rows
    return qs.values_list(*ROW_FIELDS).iterator(chunk_size=5000)


class MemoryBackend:
    name = "memory"
    _instance: MemoryBackend | None = None

    def __init__(self):
        self.states: dict[str, CollectionState] = {}
        self.lock = threading.Lock()

    @classmethod
    def instance(cls) -> MemoryBackend:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    @classmethod
    def reset(cls) -> None:
        """Forget every in-memory index (tests; after a database swap)."""
        cls._instance = None

    # -- keeping up with the database -------------------------------------------------------

    def state(self, name: str) -> CollectionState | None:
        coll = IndexedCollection.objects.filter(name=name).values("pk", "version").first()
        if coll is None:
            return None
        model = emb.model_key()
        with self.lock:
            st = self.states.get(name)
            if st is not None and st.version == coll["version"] and st.model == model:
                return st
            if st is None or st.model != model:
                st = self._build(coll["pk"], name, model)
            else:
                self._refresh(st, coll["pk"])
            st.version = coll["version"]
            self.states[name] = st
            return st

    def _dim(self, coll_pk: int, model: str) -> int:
        d = (
            IndexedDoc.objects.filter(collection_id=coll_pk, model_key=model)
            .values_list("dim", flat=True)
            .first()
        )
        return int(d or 0)

    def _build(self, coll_pk: int, name: str, model: str) -> CollectionState:
        started = time.perf_counter()
        seqs = dict(
            IndexedEntity.objects.filter(collection_id=coll_pk).values_list("entity_id", "seq")
        )
        dim = self._dim(coll_pk, model)
        st = CollectionState(name, dim)
        st.model = model
        st.seqs = seqs
        st.main = Segment.from_rows(_load_rows(coll_pk, model), dim)
        self._maybe_ann(st.main)
        st.delta = Segment.empty(dim)
        st.build_seconds = time.perf_counter() - started
        return st

    def _refresh(self, st: CollectionState, coll_pk: int) -> None:
        seqs = dict(
            IndexedEntity.objects.filter(collection_id=coll_pk).values_list("entity_id", "seq")
        )
        changed = {e for e, s in seqs.items() if st.seqs.get(e) != s}
        removed = set(st.seqs) - set(seqs)
        if not changed and not removed:
            st.seqs = seqs
            return
        if st.dim == 0:
            st.dim = self._dim(coll_pk, st.model)
            if st.dim == 0:
                st.seqs = seqs
                return
            fresh = self._build(coll_pk, st.name, st.model)
            st.__dict__.update(fresh.__dict__)
            return
        for e in changed | removed:
            st.main.kill(e)
        st.delta_entities = (st.delta_entities | changed) - removed
        if len(st.delta_entities) > max(500, len(st.main.ranges) // 5):
            fresh = self._build(coll_pk, st.name, st.model)
            st.__dict__.update(fresh.__dict__)
            return
        st.delta = Segment.from_rows(_load_rows(coll_pk, st.model, st.delta_entities), st.dim)
        st.seqs = seqs

    @staticmethod
    def _maybe_ann(seg: Segment) -> None:
        if seg.n <= conf.ann_threshold():
            return
        from usearch.index import Index

        index = Index(
            ndim=seg.vectors.shape[1],
            metric="cos",
            dtype="f16",
            connectivity=16,
            expansion_add=64,
            expansion_search=128,
        )
        index.add(np.arange(seg.n, dtype=np.int64), seg.vectors, log=False)
        seg.ann = index

    # -- searching ----------------------------------------------------------------------------

    def stats(self, st: CollectionState, query: Query) -> tuple[np.ndarray, int, float]:
        df = st.main.doc_freq(query) + st.delta.doc_freq(query)
        n = st.main.live_count() + st.delta.n
        length = st.main.live_length() + float(st.delta.lengths.sum())
        return df, max(n, 1), (length / n if n else 1.0)

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
        st = self.state(collection)
        if st is None or st.dim == 0 or st.dim != len(query.vector):
            return []
        df, n, avgdl = self.stats(st, query)
        out: list[Scored] = []
        for seg in (st.main, st.delta):
            out += seg.score(
                query,
                params,
                df=df,
                n_docs=n,
                avgdl=avgdl,
                k=k,
                allowed=entity_ids,
                exclude=exclude,
                candidates=max(300, 15 * k),
                evidence=evidence,
            )
        out.sort(key=lambda r: -r.score)
        return out[:k]

    def entity_vectors(self, collection: str, entity_id: int) -> np.ndarray | None:
        st = self.state(collection)
        if st is None:
            return None
        seg = st.delta if entity_id in st.delta.ranges else st.main
        r = seg.ranges.get(int(entity_id))
        if r is None or not seg.alive[r[0]]:
            return None
        return seg.vectors[r[0] : r[1]]
