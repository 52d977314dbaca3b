"""A synthetic corpus for benchmarks, with the structure of real expert data.

Topics are random unit vectors in the model's space; each expert works on one to three topics;
a publication's vector is its topic's centre plus noise (so nearest neighbours cluster as real
embeddings do) and its text is drawn from its topic's words and a Zipf-distributed common
vocabulary (so posting lists are as skewed as in real text). Embedding a million real texts
would take hours on two cores; the embedding rate is measured separately, on real texts.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

SYLLABLES = [
    "ka", "lo", "mer", "ti", "sa", "nu", "ra", "ven", "do", "pi", "lan", "gor", "el", "mi",
    "tro", "zen", "qua", "bel", "ni", "or", "fa", "sul", "ter", "vo", "shi", "ban", "cu", "dra",
]  # fmt: skip


def _words(rng: np.random.Generator, n: int, syllables=(2, 4)) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        k = rng.integers(syllables[0], syllables[1] + 1)
        out.add("".join(rng.choice(SYLLABLES, size=k)))
    return sorted(out)


MAX_DOCS = 2000  # publications of the most prolific synthetic expert


class Corpus:
    def __init__(self, n_experts: int, n_docs: int, dim: int = 384, seed: int = 2026):
        self.rng = np.random.default_rng(seed)
        self.n_experts = n_experts
        self.n_docs = n_docs
        self.dim = dim
        self.n_topics = max(8, int(np.sqrt(n_docs) / 2))
        centres = self.rng.standard_normal((self.n_topics, dim)).astype(np.float32)
        self.centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)
        vocab = _words(self.rng, 3000 + 30 * self.n_topics)
        self.common = vocab[:3000]
        ranks = np.arange(1, len(self.common) + 1)
        self.common_cdf = np.cumsum((1 / ranks) / (1 / ranks).sum())
        self.topic_words = [
            np.array(vocab[3000 + 30 * t : 3000 + 30 * (t + 1)]) for t in range(self.n_topics)
        ]
        # how many documents each expert has: at least one, skewed like real bibliographies
        weights = self.rng.pareto(1.5, n_experts) + 1
        counts = np.maximum(1, np.round(weights / weights.sum() * n_docs)).astype(int)
        diff = n_docs - counts.sum()
        idx = self.rng.choice(n_experts, abs(int(diff)), replace=True)
        np.add.at(counts, idx, 1 if diff > 0 else -1)
        counts = np.maximum(counts, 1)
        # No one has tens of thousands of publications (the most prolific authors in Scopus
        # have a few thousand; a Pareto tail over 100,000 experts gives one 30,000): cap at
        # MAX_DOCS and give the excess, a document at a time, to experts below the cap.
        excess = int(np.maximum(counts - MAX_DOCS, 0).sum())
        counts = np.minimum(counts, MAX_DOCS)
        while excess > 0:
            below = np.flatnonzero(counts < MAX_DOCS)
            picks = self.rng.choice(below, min(excess, len(below)), replace=False)
            counts[picks] += 1
            excess -= len(picks)
        self.counts = counts
        self.expert_topics = [
            self.rng.choice(self.n_topics, self.rng.integers(1, 4), replace=False)
            for _ in range(n_experts)
        ]

    def text(self, topic: int, n_words: int) -> str:
        k_topic = max(3, n_words // 4)
        words = self.topic_words[topic][self.rng.integers(0, 30, k_topic)].tolist()
        picks = np.searchsorted(self.common_cdf, self.rng.random(n_words - k_topic))
        words += [self.common[min(i, len(self.common) - 1)] for i in picks]
        self.rng.shuffle(words)
        return " ".join(words)

    def vector(self, topic: int, noise: float = 0.9) -> np.ndarray:
        v = (
            self.centres[topic]
            + noise * self.rng.standard_normal(self.dim).astype(np.float32) / np.sqrt(self.dim) * 3
        )
        return (v / np.linalg.norm(v)).astype(np.float32)

    def expert_docs(self, e: int):
        """(title, text, year, vector) of each document of expert ``e``."""
        for _ in range(int(self.counts[e])):
            topic = int(self.rng.choice(self.expert_topics[e]))
            yield (
                self.text(topic, 10),
                self.text(topic, 60),
                int(self.rng.integers(2000, 2026)),
                self.vector(topic),
            )

    def query(self) -> tuple[str, np.ndarray]:
        topic = int(self.rng.integers(self.n_topics))
        return self.text(topic, 40), self.vector(topic, noise=1.2)


def load(corpus: Corpus, collection: str, *, batch_experts: int = 2000, progress=None) -> dict:
    """Write the corpus into the index tables with bulk inserts (the incremental path is the
    same code per entity; at a million documents it would only be slower to fill)."""
    from collections import Counter

    from django.db import connection, transaction

    from . import embedder as emb
    from .index import Doc, collection_get, content_hash
    from .models import IndexedCollection, IndexedDoc, IndexedEntity, TermStat
    from .text import encode_terms, term_counts

    model = emb.model_key()
    coll = collection_get(collection)
    pg = connection.vendor == "postgresql"
    if pg:
        # Bulk loads go faster without the indexes; build_pg_indexes() makes them afterwards.
        from .backends import pgvector

        with connection.cursor() as cur:
            cur.execute("DROP INDEX IF EXISTS matching_doc_tsv")
            for name in ("matching_doc_hnsw_384", f"matching_doc_hnsw_{corpus.dim}"):
                cur.execute(f"DROP INDEX IF EXISTS {name}")
        pgvector._indexed_dims.clear()
    df: Counter = Counter()
    total_len = 0
    started = time.perf_counter()
    for start in range(0, corpus.n_experts, batch_experts):
        stop = min(start + batch_experts, corpus.n_experts)
        with transaction.atomic():
            ents = IndexedEntity.objects.bulk_create(
                [
                    IndexedEntity(collection=coll, entity_id=e, keywords=[])
                    for e in range(start, stop)
                ]
            )
            if not ents[0].pk:  # SQLite before 3.35 returns no ids
                ents = list(
                    IndexedEntity.objects.filter(
                        collection=coll, entity_id__gte=start, entity_id__lt=stop
                    ).order_by("entity_id")
                )
            docs = []
            for ent in ents:
                for i, (title, text, year, vec) in enumerate(corpus.expert_docs(ent.entity_id)):
                    body = Doc(0, title, text).body()
                    counts, length = term_counts(body)
                    df.update(counts.keys())
                    total_len += length
                    d = IndexedDoc(
                        entity=ent,
                        collection=coll,
                        key=f"pub:{i}",
                        kind="publication",
                        title=title,
                        text=text,
                        year=year,
                        content_hash=content_hash(model, body),
                        model_key=model,
                        dim=corpus.dim,
                        vector=vec.tobytes(),
                        terms=encode_terms(counts),
                        length=length,
                    )
                    if pg:
                        d.embedding = vec
                    docs.append(d)
            IndexedDoc.objects.bulk_create(docs, batch_size=2000)
        if progress:
            progress(stop)
    load_seconds = time.perf_counter() - started
    TermStat.objects.bulk_create(
        [TermStat(collection=coll, term=t, df=n) for t, n in df.items()], batch_size=5000
    )
    n_docs = IndexedDoc.objects.filter(collection=coll).count()
    IndexedCollection.objects.filter(pk=coll.pk).update(
        doc_count=n_docs, total_length=total_len, version=coll.version + 1
    )
    IndexedEntity.objects.filter(collection=coll).update(seq=coll.version + 1)
    tsv_seconds = 0.0
    if pg:
        t0 = time.perf_counter()
        table = IndexedDoc._meta.db_table
        with connection.cursor() as cur:
            cur.execute(
                f"UPDATE {table} SET tsv = to_tsvector('english', title || ' ' || text) "  # noqa: S608
                "WHERE collection_id = %s",
                [coll.pk],
            )
        tsv_seconds = time.perf_counter() - t0
        # What one does after a bulk load: without it autovacuum works through the million
        # dead row versions the UPDATE left, on one of the two cores, while latency is timed.
        with connection.cursor() as cur:
            cur.execute(f"VACUUM (ANALYZE) {table}")  # noqa: S608
            cur.execute(f"VACUUM (ANALYZE) {IndexedEntity._meta.db_table}")  # noqa: S608
    return {
        "documents": n_docs,
        "load_seconds": round(load_seconds, 1),
        "tsv_seconds": round(tsv_seconds, 1),
    }


def build_pg_indexes(dim: int) -> None:
    """The full-text (GIN) and vector (HNSW) indexes, as the migration and backend make them."""
    from django.db import connection

    from .backends.pgvector import ensure_hnsw

    with connection.cursor() as cur:
        cur.execute(
            "CREATE INDEX IF NOT EXISTS matching_doc_tsv ON matching_indexeddoc USING gin (tsv)"
        )
    ensure_hnsw(dim)


def percentiles(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(ms[max(0, int(round(len(ms) * 0.95)) - 1)], 2),
        "max_ms": round(ms[-1], 2),
        "queries": len(ms),
    }


class GcPauses:
    """Python's garbage collector's pauses while a block runs (a full collection walks every
    object the process holds: at a million documents the heap is large)."""

    def __init__(self):
        self.pauses: list[float] = []
        self._t = 0.0

    def _cb(self, phase, info):
        if phase == "start":
            self._t = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._t) * 1000)

    def __enter__(self):
        import gc

        gc.callbacks.append(self._cb)
        return self

    def __exit__(self, *exc):
        import gc

        gc.callbacks.remove(self._cb)

    def summary(self) -> dict:
        return {
            "collections": len(self.pauses),
            "total_ms": round(sum(self.pauses), 1),
            "max_ms": round(max(self.pauses, default=0.0), 1),
        }


def rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)
