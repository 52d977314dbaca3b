"""The engine on a small constructed corpus, with the deterministic stand-in embedder."""

import numpy as np
import pytest
from django.db import connection

from jalinan import matching
from jalinan.matching import embedder as emb
from jalinan.matching.index import Doc
from jalinan.matching.models import IndexedDoc, TermStat
from jalinan.matching.scoring import Query

C = "test-experts"

CORPUS = {
    1: [
        Doc(
            "p1",
            "Corrosion of steel pipelines in offshore oil platforms",
            "We measure pitting corrosion rates of carbon steel pipelines under seawater.",
            2021,
            "publication",
        ),
        Doc(
            "p2",
            "Cathodic protection design for marine structures",
            "A design method for sacrificial anode systems on jetties.",
            2019,
            "publication",
        ),
    ],
    2: [
        Doc(
            "p1",
            "Deep learning for Malay speech recognition",
            "Acoustic models for Bahasa Melayu trained on broadcast news.",
            2022,
            "publication",
        ),
        Doc(
            "p2",
            "Transformer language models for low-resource languages",
            "Fine-tuning multilingual transformers for Malay text classification.",
            2023,
            "publication",
        ),
    ],
    3: [
        Doc(
            "p1",
            "Halal authentication of gelatin by spectroscopy",
            "Fourier transform infrared spectroscopy distinguishes porcine and bovine gelatin.",
            2020,
            "publication",
        ),
        Doc(
            "p2",
            "Islamic finance instruments for green projects",
            "Green sukuk structures and their uptake in Malaysia.",
            2018,
            "publication",
        ),
    ],
}


@pytest.fixture
def corpus(db):
    for eid, docs in CORPUS.items():
        matching.index_entity(
            C,
            eid,
            docs,
            keywords={
                1: ["corrosion", "cathodic protection"],
                2: ["speech recognition"],
                3: ["halal", "sukuk"],
            }[eid],
        )


def test_search_ranks_and_explains(corpus):
    results = matching.search(C, "pitting corrosion of offshore steel pipelines")
    assert results[0].entity_id == 1
    top = results[0]
    assert top.docs[0].key == "p1"  # the corrosion paper, not the cathodic one
    assert {"corrosion", "pipelines", "steel", "offshore", "pitting"} <= set(top.docs[0].terms)
    assert top.keywords == ["corrosion"]
    assert top.docs[0].score >= top.docs[1].score
    assert top.score > results[1].score


def test_entity_ids_restrict_and_exclude(corpus):
    results = matching.search(C, "corrosion of steel", entity_ids={2, 3})
    assert {r.entity_id for r in results} <= {2, 3}
    assert matching.search(C, "corrosion", entity_ids=set()) == []
    results = matching.search(C, "corrosion of steel", exclude_ids={1})
    assert 1 not in {r.entity_id for r in results}


def test_score_entities_scores_each_given(corpus):
    scores = matching.score_entities(C, "Malay speech recognition", [1, 2])
    assert set(scores) == {1, 2}
    assert scores[2].score > scores[1].score


def test_similar_leaves_the_entity_out(corpus):
    matching.index_entity(
        C,
        4,
        [
            Doc(
                "x",
                "Corrosion inhibitors for steel in seawater",
                "Inhibitor films slow pitting corrosion of pipelines.",
            )
        ],
    )
    results = matching.similar(C, 4, k=2)
    assert results and results[0].entity_id == 1
    assert 4 not in {r.entity_id for r in results}


class CountingEmbedder(emb.HashingEmbedder):
    def __init__(self):
        super().__init__(256)
        self.seen = []

    def embed(self, texts, batch_size=32):
        self.seen += list(texts)
        return super().embed(texts, batch_size)


def test_only_changed_documents_are_re_embedded(db, monkeypatch):
    spy = CountingEmbedder()
    monkeypatch.setattr(emb, "get_embedder", lambda: spy)
    docs = [Doc("a", "Solar photovoltaic inverters"), Doc("b", "Battery storage for microgrids")]
    report = matching.index_entity(C, 7, docs)
    assert report.created == 2 and len(spy.seen) == 2
    spy.seen.clear()
    report = matching.index_entity(
        C, 7, [docs[0], Doc("b", "Battery storage for rural microgrids")]
    )
    assert (report.unchanged, report.updated) == (1, 1)
    assert spy.seen == ["Battery storage for rural microgrids"]
    # the same text elsewhere (a co-author's profile) comes from the cache: no new embedding
    spy.seen.clear()
    matching.index_entity(C, 8, [Doc("z", "Solar photovoltaic inverters")])
    assert spy.seen == []
    assert matching.search(C, "rural microgrids battery")[0].entity_id == 7
    # a removed document leaves the index and its terms leave the statistics
    matching.index_entity(C, 7, [docs[0]])
    assert IndexedDoc.objects.filter(entity__entity_id=7).count() == 1
    assert not TermStat.objects.filter(df__gt=0, term=_term("microgrids")).exists()


def _term(word):
    from jalinan.matching.text import stem, term_id

    return term_id(stem(word))


def test_edits_are_seen_by_a_live_in_memory_index(corpus):
    before = matching.search(C, "geothermal drilling", backend="memory")
    assert all(not d.terms for r in before for d in r.docs)
    matching.index_entity(C, 3, [Doc("p3", "Geothermal drilling in volcanic rock", "")])
    top = matching.search(C, "geothermal drilling", backend="memory")[0]
    assert top.entity_id == 3 and top.docs[0].key == "p3"
    assert top.docs[0].terms == ["geothermal", "drilling"]
    assert matching.remove_entity(C, 3)
    assert 3 not in {r.entity_id for r in matching.search(C, "geothermal", backend="memory")}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pgvector needs PostgreSQL")
def test_both_backends_agree_on_a_small_corpus(corpus):
    for text in [
        "pitting corrosion of offshore steel pipelines",
        "Malay speech recognition with transformers",
        "halal gelatin authentication",
        "green sukuk for renewable energy",
    ]:
        mem = matching.search(C, text, backend="memory")
        pg = matching.search(C, text, backend="pgvector")
        assert [r.entity_id for r in mem[:3]] == [r.entity_id for r in pg[:3]]
        assert np.allclose([r.score for r in mem[:3]], [r.score for r in pg[:3]], atol=1e-3)
        assert [d.key for d in mem[0].docs] == [d.key for d in pg[0].docs]


def test_highlight_spans_marks_stems():
    parts = matching.highlight_spans("Corroded pipelines and <b>steel</b>", ["pipeline", "steel"])
    assert ("pipelines", True) in parts and ("steel", True) in parts
    assert "".join(p for p, _ in parts) == "Corroded pipelines and <b>steel</b>"


def test_approximate_index_path_agrees_with_the_exact_one(corpus, settings):
    from jalinan.matching.backends.memory import MemoryBackend

    texts = ["pitting corrosion of steel", "Malay speech transformers", "halal gelatin sukuk"]
    exact = [matching.search(C, t, backend="memory") for t in texts]
    settings.JALINAN_MATCHING_ANN_THRESHOLD = 2
    MemoryBackend.reset()
    state = MemoryBackend.instance().state(C)
    assert state.main.ann is not None
    for t, ex in zip(texts, exact, strict=True):
        approx = matching.search(C, t, backend="memory")
        assert [(r.entity_id, r.score) for r in approx] == [(r.entity_id, r.score) for r in ex]
        assert [d.terms for d in approx[0].docs] == [d.terms for d in ex[0].docs]


def test_row_wise_and_column_wise_bm25_agree(corpus):
    from jalinan.matching.backends.memory import MemoryBackend
    from jalinan.matching.engine import make_query
    from jalinan.matching.scoring import bm25_self, idf

    seg = MemoryBackend.instance().state(C).main
    q = make_query("corrosion of steel pipelines for Malay halal finance")
    df = seg.doc_freq(q)
    idf_q = idf(df, seg.n)
    avgdl = float(seg.lengths.mean())
    full = seg.lexical(q, idf_q, bm25_self(q, idf_q, avgdl), avgdl)
    rows = np.array([0, 2, 3, 5])
    part = seg.lexical_ranges(q, rows, rows + 1, idf_q, bm25_self(q, idf_q, avgdl), avgdl)
    assert np.allclose(full[rows], part) and full.max() > 0
    # masking an entity out keeps the document frequencies right
    before = seg.doc_freq(q).copy()
    seg.kill(1)
    assert seg.doc_freq(q).sum() < before.sum()


def test_pruned_aggregation_equals_brute_force():
    """The segment scores only entities that can reach the top k; on random data the top k
    is the same as aggregating every entity."""
    from jalinan.matching.backends.segment import Segment
    from jalinan.matching.engine import make_query
    from jalinan.matching.scoring import Params, aggregate, doc_scores

    rng = np.random.default_rng(1)
    n, dim = 3000, 32
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    entities = rng.integers(0, 400, n)
    empty = np.empty(0, np.int64)
    seg = Segment(
        np.arange(n),
        entities,
        vectors,
        empty,
        empty.astype(np.int32),
        empty.astype(np.float32),
        np.full(n, 10.0),
        np.zeros(n, np.int32),
        np.ones(n),
    )
    params = Params(1.0, 0.2, 0.05, 10, 0.0, 20, 2026)
    q = make_query("nothing lexical", vectors[0])
    got = seg.score(q, params, df=np.zeros(len(q.term_ids)), n_docs=n, avgdl=10.0, k=15)
    s = doc_scores(seg.vectors @ q.vector, np.zeros(n), seg.weights, seg.years, params)
    brute = sorted(
        ((aggregate(s[seg.entities == e], params), int(e)) for e in np.unique(seg.entities)),
        reverse=True,
    )[:15]
    assert [r.entity_id for r in got] == [e for _s, e in brute]
    assert np.allclose([r.score for r in got], [sc for sc, _e in brute], atol=1e-5)


def test_range_scorers_equal_the_whole_segment_ones():
    """Lexical and dense scores of a few entities' rows, term at a time over the ranges,
    equal the whole-segment scores of the same rows, for a prolific entity (a long range,
    multiplied in place) and small ones alike."""
    from jalinan.matching.backends.segment import Segment
    from jalinan.matching.scoring import bm25_self, idf

    rng = np.random.default_rng(7)
    n, dim, vocab = 2000, 16, 60
    entities = np.r_[np.zeros(400, np.int64), rng.integers(1, 300, n - 400)]
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    term_rows = np.repeat(np.arange(n), 8)
    term_ids = rng.integers(0, vocab, len(term_rows)).astype(np.int32)
    key = np.unique(term_rows * vocab + term_ids)
    seg = Segment(
        np.arange(n),
        entities,
        vectors,
        key // vocab,
        (key % vocab).astype(np.int32),
        rng.integers(1, 4, len(key)).astype(np.float32),
        rng.integers(5, 30, n).astype(np.float32),
        np.zeros(n, np.int32),
        np.ones(n),
    )
    q = Query(
        text="",
        vector=vectors[5],
        term_ids=np.arange(0, vocab, 3, dtype=np.int32),
        term_tf=np.ones(vocab // 3, np.float32),
        length=vocab // 3,
    )
    idf_q = idf(seg.doc_freq(q), n)
    avgdl = float(seg.lengths.mean())
    self_score = bm25_self(q, idf_q, avgdl)
    starts, ends = seg.ranges_for([0, 3, 17, 250, 299])
    assert ends[0] - starts[0] == 400  # the prolific entity
    rows = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
    lexical = seg.lexical(q, idf_q, self_score, avgdl)
    assert np.allclose(seg.lexical_ranges(q, starts, ends, idf_q, self_score, avgdl), lexical[rows])
    assert lexical[rows].max() > 0
    assert np.allclose(seg.dense_ranges(q.vector, starts, ends), seg.vectors[rows] @ q.vector)


def test_with_a_broker_embedding_waits_for_the_worker(
    db, settings, django_capture_on_commit_callbacks
):
    from unittest.mock import patch

    settings.CELERY_TASK_ALWAYS_EAGER = False
    with patch("jalinan.matching.tasks.embed_pending.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            report = matching.index_entity(C, 9, [Doc("a", "Tidal energy turbines")])
    assert report.pending == 1 and matching.pending_count(C) == 1
    delay.assert_called_once_with(C)
    assert matching.search(C, "tidal turbines") == []  # not searchable until embedded
    from jalinan.core.registry import daily_jobs

    job = next(j for j in daily_jobs() if j.key == "matching.embed_pending")
    assert job.run() == 1 and matching.pending_count(C) == 0
    assert matching.search(C, "tidal turbines")[0].entity_id == 9


def test_int8_and_float_vectors_have_their_own_model_keys(settings):
    """Vectors of the int8 runtime are never mixed with float ones: the model key (part of
    every content hash and stored on each vector) differs, so a runtime change re-embeds."""
    settings.JALINAN_EMBEDDER = "sentence-transformers"
    settings.JALINAN_EMBEDDING_MODEL = "/models/some-model"
    settings.JALINAN_EMBEDDING_RUNTIME = "onnx-int8"
    int8 = emb.model_key()
    settings.JALINAN_EMBEDDING_RUNTIME = "onnx"
    assert int8 == "st:some-model:int8"
    assert emb.model_key() == "st:some-model"
