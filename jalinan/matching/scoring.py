"""The scorer, shared by every backend: documents' similarities to a query become one score
per entity.

For each document d of an entity, against the query q:

    s(d) = (cos(q, d) + w · bm25(q, d) / bm25(q, q)) · weight(d) · (1 − r · age(d))

cos on unit vectors of the embedding model; bm25 with the collection's document frequencies,
divided by the query's score against itself so that it lies in [0, ~1] whatever the query's
length (scores stay comparable between queries: an expert's score for two challenges can be
compared); age(d) = min(years since the document, R) / R. The entity's score is a soft top-k,
a log-sum-exp at a low temperature T over its k best documents:

    score(e) = T · log(mean over the top k of exp(s(d) / T))

which behaves like the best document's score but counts a second and third good match (see
the README for the ablations behind w = 0.2, T = 0.05, k = 10, r = 0.1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.utils import timezone

from . import conf

K1 = 1.2
B = 0.75


@dataclass
class Query:
    text: str
    vector: np.ndarray  # unit length
    term_ids: np.ndarray  # int32, unique
    term_tf: np.ndarray  # float32
    length: int


@dataclass
class Params:
    dense_weight: float
    lexical_weight: float
    temperature: float
    top_docs: int
    recency: float
    recency_years: int
    this_year: int

    @classmethod
    def from_settings(cls) -> Params:
        return cls(
            dense_weight=conf.dense_weight(),
            lexical_weight=conf.lexical_weight(),
            temperature=conf.temperature(),
            top_docs=conf.top_docs(),
            recency=conf.recency(),
            recency_years=conf.recency_years(),
            this_year=timezone.localdate().year,
        )


def idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)


def bm25_self(query: Query, idf_q: np.ndarray, avgdl: float) -> float:
    """The query's BM25 score against itself: the scale of a perfect lexical match."""
    tf = query.term_tf
    denom = tf + K1 * (1 - B + B * query.length / max(avgdl, 1e-9))
    return float(np.sum(idf_q * tf * (K1 + 1) / denom)) or 1.0


def bm25_matrix(tf: np.ndarray, lengths: np.ndarray, idf_q: np.ndarray, avgdl: float):
    """BM25 of each row of ``tf`` (documents × query terms, dense) against the query."""
    norm = K1 * (1 - B + B * lengths / max(avgdl, 1e-9))
    return (tf * (K1 + 1) / (tf + norm[:, None]) * idf_q[None, :]).sum(1)


def doc_scores(
    dense: np.ndarray,
    lexical: np.ndarray,
    weights: np.ndarray,
    years: np.ndarray,
    p: Params,
) -> np.ndarray:
    """s(d) for arrays of documents (``years`` 0 when unknown: no recency penalty)."""
    s = p.dense_weight * dense + p.lexical_weight * lexical
    if p.recency:
        age = np.where(years > 0, np.clip(p.this_year - years, 0, p.recency_years), 0)
        s = s * (1 - p.recency * age / max(p.recency_years, 1))
    return s * weights


def aggregate(scores: np.ndarray, p: Params) -> float:
    """Soft top-k of one entity's document scores."""
    if scores.size == 0:
        return float("-inf")
    k = min(p.top_docs, scores.size)
    top = np.partition(scores, scores.size - k)[scores.size - k :] if k < scores.size else scores
    t = p.temperature
    m = float(top.max())
    return m + t * float(np.log(np.mean(np.exp((top - m) / t))))


def aggregate_groups(
    scores: np.ndarray, groups: np.ndarray, p: Params
) -> tuple[np.ndarray, np.ndarray]:
    """Soft top-k per group: ``scores`` and ``groups`` (entity ids) of equal length.
    Returns (unique groups, their scores)."""
    if scores.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    if len(groups) > 1 and bool(np.all(groups[1:] >= groups[:-1])):
        # Already grouped (the in-process segments): one argsort of a float64 key (group
        # rank, then descending score) is several times faster than a lexsort; same order.
        gi = np.r_[0, np.cumsum(groups[1:] != groups[:-1])].astype(np.float64)
        hi = float(scores.max())
        span = hi - float(scores.min()) + 1.0
        order = np.argsort(gi * span + (hi - scores.astype(np.float64)), kind="stable")
    else:
        order = np.lexsort((-scores, groups))
    g = groups[order]
    s = scores[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(len(g)) - np.repeat(starts, np.diff(np.r_[starts, len(g)]))
    keep = rank < p.top_docs
    g, s = g[keep], s[keep]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    counts = np.diff(np.r_[starts, len(g)])
    mx = np.maximum.reduceat(s, starts)
    t = p.temperature
    sums = np.add.reduceat(np.exp((s - np.repeat(mx, counts)) / t), starts)
    return g[starts], (mx + t * np.log(sums / counts)).astype(np.float32)
