"""A block of documents in memory, grouped by entity, and the scorer that runs over it.

Rows are sorted by entity, so an entity's documents are one slice; vectors are one float32
matrix (unit rows); term counts one sparse matrix over the segment's own term columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from ..scoring import K1, B, Params, Query, aggregate_groups, bm25_self, doc_scores, idf

if TYPE_CHECKING:
    from usearch.index import Index


@dataclass
class Scored:
    entity_id: int
    score: float
    doc_ids: np.ndarray  # this entity's best documents (IndexedDoc ids), best first
    doc_scores: np.ndarray
    dense: np.ndarray
    lexical: np.ndarray


class Segment:
    def __init__(
        self,
        doc_ids: np.ndarray,
        entities: np.ndarray,
        vectors: np.ndarray,
        term_rows: np.ndarray,
        term_ids: np.ndarray,
        term_tf: np.ndarray,
        lengths: np.ndarray,
        years: np.ndarray,
        weights: np.ndarray,
    ):
        order = np.argsort(entities, kind="stable")
        inv = np.empty_like(order)
        inv[order] = np.arange(len(order))
        self.doc_ids = doc_ids[order].astype(np.int64)
        self.entities = entities[order].astype(np.int64)
        self.vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        self.lengths = lengths[order].astype(np.float32)
        self.years = years[order].astype(np.int32)
        self.weights = weights[order].astype(np.float32)
        self.n = len(order)
        self.alive = np.ones(self.n, dtype=bool)
        self._live_count = self.n
        self._live_length = float(self.lengths.sum(dtype=np.float64))
        uniq, cols = np.unique(term_ids, return_inverse=True)
        self.terms = uniq.astype(np.int32)
        self.tf = sparse.csc_matrix(
            (term_tf.astype(np.float32), (inv[term_rows], cols)),
            shape=(self.n, len(uniq)),
        )
        self.tf.sort_indices()
        # Rows' terms too (to score a few rows, and to keep document frequencies live when
        # an entity's rows are masked out).
        self.tf_rows = self.tf.tocsr()
        self.live_df = np.diff(self.tf.indptr).astype(np.float32)
        self.ranges: dict[int, tuple[int, int]] = {}
        if self.n:
            starts = np.flatnonzero(np.r_[True, self.entities[1:] != self.entities[:-1]])
            ends = np.r_[starts[1:], self.n]
            self.ranges = {
                int(e): (int(s), int(t))
                for e, s, t in zip(self.entities[starts], starts, ends, strict=True)
            }
        self.ann: Index | None = None  # built by the memory backend for large segments

    @classmethod
    def empty(cls, dim: int) -> Segment:
        z = np.empty(0, dtype=np.int64)
        return cls(
            z,
            z,
            np.zeros((0, dim), np.float32),
            z,
            z.astype(np.int32),
            z.astype(np.float32),
            z,
            z,
            z,
        )

    @classmethod
    def from_rows(cls, rows, dim: int, chunk: int = 20000) -> Segment:
        """``rows`` (any iterable): (doc id, entity id, vector bytes, terms bytes, length,
        year, weight). Read in chunks, so that a million rows never sit in memory as Python
        objects all at once."""
        parts: dict[str, list] = {k: [] for k in ("doc", "ent", "vec", "cnt", "ids", "tf", "meta")}
        batch: list[tuple] = []

        def flush():
            if not batch:
                return
            parts["doc"].append(np.array([r[0] for r in batch], dtype=np.int64))
            parts["ent"].append(np.array([r[1] for r in batch], dtype=np.int64))
            parts["vec"].append(
                np.frombuffer(b"".join(bytes(r[2]) for r in batch), dtype=np.float32).reshape(
                    len(batch), dim
                )
            )
            blobs = [bytes(r[3]) if r[3] else b"" for r in batch]
            counts = [len(b) // 6 for b in blobs]
            parts["cnt"].append(np.array(counts, dtype=np.int64))
            parts["ids"].append(
                np.frombuffer(
                    b"".join(b[: 4 * k] for b, k in zip(blobs, counts, strict=True)),
                    dtype=np.int32,
                )
            )
            parts["tf"].append(
                np.frombuffer(
                    b"".join(b[4 * k :] for b, k in zip(blobs, counts, strict=True)),
                    dtype=np.uint16,
                ).astype(np.float32)
            )
            parts["meta"].append(
                np.array([(r[4], r[5] or 0, r[6]) for r in batch], dtype=np.float32).reshape(-1, 3)
            )
            batch.clear()

        for r in rows:
            batch.append(r)
            if len(batch) >= chunk:
                flush()
        flush()
        if not parts["doc"]:
            return cls.empty(dim)
        counts = np.concatenate(parts["cnt"])
        meta = np.concatenate(parts["meta"])
        vectors = np.concatenate(parts["vec"])
        parts["vec"].clear()
        return cls(
            np.concatenate(parts["doc"]),
            np.concatenate(parts["ent"]),
            vectors,
            np.repeat(np.arange(len(counts), dtype=np.int64), counts),
            np.concatenate(parts["ids"]),
            np.concatenate(parts["tf"]),
            meta[:, 0],
            meta[:, 1],
            meta[:, 2],
        )

    # -- statistics ---------------------------------------------------------------------------

    def live_count(self) -> int:
        return self._live_count

    def live_length(self) -> float:
        return self._live_length

    def columns(self, query: Query) -> tuple[np.ndarray, np.ndarray]:
        """(positions in the query's terms, this segment's columns) of the query terms it has."""
        if not len(self.terms) or not len(query.term_ids):
            return np.empty(0, np.int64), np.empty(0, np.int64)
        pos = np.searchsorted(self.terms, query.term_ids)
        pos = np.minimum(pos, len(self.terms) - 1)
        found = self.terms[pos] == query.term_ids
        return np.flatnonzero(found), pos[found]

    def doc_freq(self, query: Query) -> np.ndarray:
        """How many live documents of this segment contain each query term."""
        out = np.zeros(len(query.term_ids), dtype=np.float32)
        qpos, cols = self.columns(query)
        out[qpos] = self.live_df[cols]
        return out

    def kill(self, entity_id: int) -> None:
        r = self.ranges.get(int(entity_id))
        if r and self.alive[r[0]]:
            self.alive[r[0] : r[1]] = False
            self._live_count -= r[1] - r[0]
            self._live_length -= float(self.lengths[r[0] : r[1]].sum(dtype=np.float64))
            ip = self.tf_rows.indptr
            np.subtract.at(self.live_df, self.tf_rows.indices[ip[r[0]] : ip[r[1]]], 1)

    # -- scoring ------------------------------------------------------------------------------

    def lexical(
        self, query: Query, idf_q: np.ndarray, self_score: float, avgdl: float
    ) -> np.ndarray:
        """Normalised BM25 of every row (0 for rows sharing no term with the query)."""
        out = np.zeros(self.n, dtype=np.float32)
        qpos, cols = self.columns(query)
        if not len(cols):
            return out

        ip = self.tf.indptr
        norm = K1 * (1 - B + B * self.lengths / max(avgdl, 1e-9))
        for q, c in zip(qpos, cols, strict=True):
            rows = self.tf.indices[ip[c] : ip[c + 1]]
            tf = self.tf.data[ip[c] : ip[c + 1]]
            out[rows] += idf_q[q] * tf * (K1 + 1) / (tf + norm[rows])
        return out / self_score

    def lexical_ranges(
        self,
        query: Query,
        starts: np.ndarray,
        ends: np.ndarray,
        idf_q: np.ndarray,
        self_score: float,
        avgdl: float,
    ) -> np.ndarray:
        """Normalised BM25 of the rows of the given ranges (disjoint, ascending), in order.

        Term at a time: each query term's posting list (sorted by row) is cut to the ranges
        by binary search, so the work is the number of (row, query term) matches, not the
        rows' whole vocabularies, and an entity with thousands of documents costs no more
        than its matches."""
        lens = ends - starts
        out = np.zeros(int(lens.sum()), dtype=np.float32)
        qpos, cols = self.columns(query)
        if not len(cols) or not len(out):
            return out
        shift = starts - (np.cumsum(lens) - lens)  # row - shift = position, per range
        ip, ind, data = self.tf.indptr, self.tf.indices, self.tf.data
        scale = K1 / max(avgdl, 1e-9)
        for q, c in zip(qpos, cols, strict=True):
            post = ind[ip[c] : ip[c + 1]]
            a = np.searchsorted(post, starts)
            counts = np.searchsorted(post, ends) - a
            if not counts.any():
                continue
            hit = _expand(a, a + counts)
            rows = post[hit]
            tf = data[ip[c] : ip[c + 1]][hit]
            norm = K1 * (1 - B) + scale * B * self.lengths[rows]
            out[rows - np.repeat(shift, counts)] += idf_q[q] * tf * (K1 + 1) / (tf + norm)
        return out / self_score

    def dense_ranges(self, vector: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        """Cosine of the rows of the given ranges: long ranges multiplied in place (no copy
        of a prolific entity's vectors), short ones gathered and multiplied at once."""
        lens = ends - starts
        total = int(lens.sum())
        if total == 0:
            return np.empty(0, dtype=np.float32)
        if total > self.n // 2:
            return (self.vectors @ vector)[_expand(starts, ends)]
        out = np.empty(total, dtype=np.float32)
        offs = np.cumsum(lens) - lens
        long = lens >= 32
        for s, e, o in zip(starts[long], ends[long], offs[long], strict=True):
            out[o : o + e - s] = self.vectors[s:e] @ vector
        if not long.all():
            short = ~long
            pos = _expand(offs[short], offs[short] + lens[short])
            out[pos] = self.vectors[_expand(starts[short], ends[short])] @ vector
        return out

    def rare_term_rows(
        self, query: Query, idf_q: np.ndarray, df: np.ndarray, n_docs: int, want: int
    ) -> np.ndarray:
        """The rows that best match the query's rare terms (the six rarest of those in at most
        1% of the documents): the lexical candidates of the approximate path."""
        qpos, cols = self.columns(query)
        cap = max(50.0, 0.01 * n_docs)
        rare = sorted(
            (float(df[q]), int(q), int(c))
            for q, c in zip(qpos, cols, strict=True)
            if 0 < df[q] <= cap
        )[:6]
        if not rare:
            return np.empty(0, dtype=np.int64)
        ip = self.tf.indptr
        rows = np.concatenate([self.tf.indices[ip[c] : ip[c + 1]] for _f, _q, c in rare])
        score = np.concatenate(
            [np.full(ip[c + 1] - ip[c], idf_q[q], dtype=np.float32) for _f, q, c in rare]
        )
        uniq, inv = np.unique(rows, return_inverse=True)
        total = np.zeros(len(uniq), dtype=np.float32)
        np.add.at(total, inv, score)
        if len(uniq) > want:
            uniq = uniq[np.argpartition(-total, want)[:want]]
        return uniq

    def ranges_for(self, entity_ids) -> tuple[np.ndarray, np.ndarray]:
        """(starts, ends) of the given entities' rows, in row order."""
        got = [self.ranges[e] for e in entity_ids if e in self.ranges]
        if not got:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        r = np.array(sorted(got), dtype=np.int64)
        return r[:, 0], r[:, 1]

    def score(
        self,
        query: Query,
        params: Params,
        *,
        df: np.ndarray,
        n_docs: int,
        avgdl: float,
        k: int,
        allowed: set[int] | None = None,
        exclude: set[int] | None = None,
        candidates: int = 0,
        evidence: int = 3,
    ) -> list[Scored]:
        """The ``k`` best entities of this segment. With ``candidates`` > 0 and an approximate
        index, dense similarity is computed only for the entities of the nearest documents
        (and of the best lexical matches); otherwise for every document."""
        if self.n == 0:
            return []
        idf_q = idf(df, n_docs)
        self_score = bm25_self(query, idf_q, avgdl)
        starts: np.ndarray | None
        ends: np.ndarray | None
        if allowed is not None and len(allowed) < len(self.ranges) / 4:
            starts, ends = self.ranges_for(allowed)
        elif self.ann is not None and candidates:
            # Approximate path: the entities of the nearest documents and of the best matches
            # of the rare query terms, then every document of those entities, scored exactly.
            want = min(candidates, self.n)
            hits = self.ann.search(query.vector, want)
            near = np.asarray(hits.keys, dtype=np.int64)
            rare = self.rare_term_rows(query, idf_q, df, n_docs, want // 2)
            ents = np.unique(self.entities[np.r_[near, rare]])
            if allowed is not None:
                ents = ents[np.isin(ents, np.fromiter(allowed, dtype=np.int64))]
            starts, ends = self.ranges_for(ents.tolist())
        else:
            starts = ends = None  # every row
        if starts is None:
            keep = self.alive.copy()
            if allowed is not None:
                keep &= np.isin(self.entities, np.fromiter(allowed, dtype=np.int64))
            if exclude:
                keep &= ~np.isin(self.entities, np.fromiter(exclude, dtype=np.int64))
            lex = self.lexical(query, idf_q, self_score, avgdl)[keep]
            dense = (self.vectors @ query.vector)[keep]
            rows = np.flatnonzero(keep)
        else:
            # An entity's rows are alive or dead together: filter whole ranges.
            assert ends is not None  # given with starts
            keep = self.alive[starts] if len(starts) else np.empty(0, dtype=bool)
            if exclude and len(starts):
                keep &= ~np.isin(self.entities[starts], np.fromiter(exclude, dtype=np.int64))
            starts, ends = starts[keep], ends[keep]
            rows = _expand(starts, ends)
            lex = self.lexical_ranges(query, starts, ends, idf_q, self_score, avgdl)
            dense = self.dense_ranges(query.vector, starts, ends)
        if not len(rows):
            return []
        s = doc_scores(dense, lex, self.weights[rows], self.years[rows], params)
        # Rows are grouped by entity. An entity's score lies between its best document's
        # score m and m - T log k, so only entities whose m is within T log k of the k-th
        # best m can reach the top k: aggregate just those (exactly).
        ents_of_rows = self.entities[rows]
        starts = np.flatnonzero(np.r_[True, ents_of_rows[1:] != ents_of_rows[:-1]])
        if len(starts) > k:
            best_doc = np.maximum.reduceat(s, starts)
            kth = np.partition(best_doc, len(starts) - k)[len(starts) - k]
            slack = params.temperature * np.log(max(params.top_docs, 1))
            chosen = np.flatnonzero(best_doc >= kth - slack)
            ends = np.r_[starts[1:], len(rows)]
            keep = _expand(starts[chosen], ends[chosen])
            rows, dense, lex, s, ents_of_rows = (
                rows[keep],
                dense[keep],
                lex[keep],
                s[keep],
                ents_of_rows[keep],
            )
        ents, agg = aggregate_groups(s, ents_of_rows, params)
        best = np.argsort(-agg, kind="stable")[:k]
        out = []
        for i in best:
            e = ents[i]
            mine = np.flatnonzero(ents_of_rows == e)
            order = mine[np.argsort(-s[mine], kind="stable")][:evidence]
            out.append(
                Scored(
                    entity_id=int(e),
                    score=float(agg[i]),
                    doc_ids=self.doc_ids[rows[order]],
                    doc_scores=s[order],
                    dense=dense[order],
                    lexical=lex[order],
                )
            )
        return out


def _expand(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The integers of the ranges [start, end), concatenated."""
    lens = ends - starts
    total = int(lens.sum())
    return np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
