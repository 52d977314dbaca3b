"""How the SDG classifier reads a text: four kinds of signal for each of the 17 goals, turned
into a few dozen features that say both how strongly the text speaks to a goal and whether
that goal *dominates* the text among the 17.

Signals, for a text and a goal:

- **similarity** (MiniLM sentence embeddings): cosine to the goal's title, and the highest
  cosine to any of its targets and to any of its indicators (the UN's wording);
- **queries**: how many of the goal's Aurora (Scopus) and Bergen (Web of Science) query lines
  match the text (see :mod:`jalinan.sdgs.query_language`);
- **terms**: the phrases those query sets use for the goal that occur in the text, each
  weighted by 1 / the number of goals whose queries use it (a looser, higher-recall signal);
- **wording**: TF-IDF cosine between the text and all the goal's wording (title, targets,
  indicators), word unigrams and bigrams, IDF over the 17 goals.

Each signal gives its value and, as *dominance* features, its margin over the best other
goal, a softmax share or z-score across the 17 goals, and whether the goal comes first.
A small logistic regression over these (see :mod:`jalinan.sdgs.training`) gives the
probability that the text addresses the goal.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from . import taxonomy
from .embedding import Encoder, encode_cached
from .query_language import SCOPUS, WOS, CompiledQuery, Doc, Lexicon, Match

AURORA_CSV = taxonomy.DATA / "aurora_v5_scopus_queries.csv"
BERGEN_CSV = taxonomy.DATA / "bergen_sdg_strings_wos.csv"
GOALS = range(1, 18)

_SIM = ("goal", "target", "indicator")
_DOM = ("", "_margin", "_soft", "_z")

FEATURE_GROUPS: dict[str, list[str]] = {
    "similarity": [f"sim_{level}{d}" for level in _SIM for d in _DOM],
    "queries": [
        "aurora_lines",
        "aurora_lines_share",
        "aurora_lines_top",
        "bergen_lines",
        "bergen_lines_share",
        "bergen_lines_top",
        "query_lines_share",
        "query_lines_top",
    ],
    "terms": [
        f"{s}_terms{d}" for s in ("aurora", "bergen") for d in ("", "_margin", "_share", "_top")
    ],
    "wording": ["wording_tfidf", "wording_tfidf_margin", "wording_tfidf_z"],
}
FEATURES: list[str] = [f for group in FEATURE_GROUPS.values() for f in group]
# Features that compare a goal with the other 16 for the same text.
DOMINANCE = [f for f in FEATURES if f.endswith(("_margin", "_soft", "_z", "_share", "_top"))]


@dataclass
class QueryLine:
    sdg: int
    target: str
    source: str  # "aurora" or "bergen"
    query: CompiledQuery


@dataclass
class Analysis:
    """What the engine found in a batch of texts (N texts, 17 goals)."""

    sims: np.ndarray  # N x wording rows: cosine to each goal, target and indicator text
    signals: dict[str, np.ndarray]  # raw signal name -> N x 17
    matches: list[Match]
    lines: list[list[QueryLine]]  # the query lines that matched, per text


def _dominance(v: np.ndarray, tau: float) -> dict[str, np.ndarray]:
    """A signal's value and how it compares with the other goals of the same text."""
    srt = np.sort(v, axis=1)
    best, second = srt[:, -1:], srt[:, -2:-1]
    other_best = np.where(v >= best, second, best)
    soft = np.exp((v - best) / tau)
    soft /= soft.sum(axis=1, keepdims=True)
    z = (v - v.mean(axis=1, keepdims=True)) / (v.std(axis=1, keepdims=True) + 1e-6)
    return {"": v, "_margin": v - other_best, "_soft": soft, "_z": z}


def _counts(v: np.ndarray) -> dict[str, np.ndarray]:
    """A count's log, its share of the text's total over goals, and whether it comes first."""
    total = v.sum(axis=1, keepdims=True)
    share = np.where(total > 0, v / np.maximum(total, 1e-9), 0.0)
    top = ((v >= v.max(axis=1, keepdims=True)) & (v > 0)).astype(float)
    return {"log": np.log1p(v), "_share": share, "_top": top}


class Engine:
    """Everything the classifier needs, loaded once: the SDG wording and its vectors, the
    compiled query sets, the term weights and the TF-IDF model of the wording."""

    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self.framework = taxonomy.framework()
        # The wording rows: 17 goal titles, then every target, then every indicator.
        self.rows: list[tuple[str, int, str, str]] = []  # (level, goal, code, text)
        for g in self.framework.values():
            self.rows.append(("goal", g.number, str(g.number), g.title_en))
        for t in taxonomy.all_targets():
            self.rows.append(("target", t.goal, t.code, t.text_en))
        for t in taxonomy.all_targets():
            for i in t.indicators:
                self.rows.append(("indicator", t.goal, i.code, i.text_en))
        self.row_level = np.array([r[0] for r in self.rows])
        self.row_goal = np.array([r[1] for r in self.rows])
        self.vectors = encode_cached(encoder, [r[3] for r in self.rows])
        self.target_text = {t.code: t.text_en for t in taxonomy.all_targets()}
        self._load_queries()
        self._load_wording_model()

    # -- loading -------------------------------------------------------------------------

    def _load_queries(self):
        self.lexicon = Lexicon()
        self.lines: list[QueryLine] = []
        with AURORA_CSV.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                q = CompiledQuery.compile(r["query"], SCOPUS, self.lexicon)
                self.lines.append(QueryLine(int(r["sdg"]), r["target_code"], "aurora", q))
        with BERGEN_CSV.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                # The marine / terrestrial "limiter" strings are not queries on their own.
                if r["section"] != "Targets":
                    continue
                q = CompiledQuery.compile(r["query"], WOS, self.lexicon)
                self.lines.append(QueryLine(int(r["sdg"]), r["target"], "bergen", q))
        # Terms: phrase id -> [(goal, weight)] per query set; weight 1 / goals using it.
        self.term_goals: dict[str, dict[int, list[tuple[int, float]]]] = {}
        for source in ("aurora", "bergen"):
            goals_of: dict[int, set[int]] = defaultdict(set)
            for line in self.lines:
                if line.source == source:
                    for p in line.query.node.phrases():
                        goals_of[p.id].add(line.sdg)
            self.term_goals[source] = {
                pid: [(g, 1.0 / len(gs)) for g in sorted(gs)] for pid, gs in goals_of.items()
            }

    def _load_wording_model(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = [""] * 17
        with taxonomy.WORDING_CSV.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["lang"] == "en":
                    docs[int(r["code"].split(".")[0]) - 1] += " " + r["text"]
        self.tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))
        self.goal_tfidf = self.tfidf.fit_transform(docs)

    # -- reading texts -------------------------------------------------------------------

    def analyse(self, texts: list[str], batch_size: int = 32) -> Analysis:
        n = len(texts)
        vecs = self.encoder.encode(texts, batch_size=batch_size)
        sims = vecs @ self.vectors.T
        signals: dict[str, np.ndarray] = {}
        for level in _SIM:
            out = np.full((n, 17), -1.0)
            mask = self.row_level == level
            for g in GOALS:
                cols = mask & (self.row_goal == g)
                out[:, g - 1] = sims[:, cols].max(axis=1) if n else 0
            signals[f"sim_{level}"] = out
        aurora = np.zeros((n, 17))
        bergen = np.zeros((n, 17))
        terms = {"aurora": np.zeros((n, 17)), "bergen": np.zeros((n, 17))}
        matches, matched_lines = [], []
        for i, text in enumerate(texts):
            m = Match(Doc(text), self.lexicon)
            hit = [line for line in self.lines if line.query.matches(m)]
            for line in hit:
                (aurora if line.source == "aurora" else bergen)[i, line.sdg - 1] += 1
            for source, table in self.term_goals.items():
                row = terms[source][i]
                for pid in m.found:
                    for g, w in table.get(pid, ()):
                        row[g - 1] += w
            matches.append(m)
            matched_lines.append(hit)
        signals["aurora_lines"] = aurora
        signals["bergen_lines"] = bergen
        signals["aurora_terms"] = terms["aurora"]
        signals["bergen_terms"] = terms["bergen"]
        if n:
            signals["wording_tfidf"] = (self.tfidf.transform(texts) @ self.goal_tfidf.T).toarray()
        else:
            signals["wording_tfidf"] = np.zeros((0, 17))
        return Analysis(sims, signals, matches, matched_lines)

    def features(self, a: Analysis) -> np.ndarray:
        """N x 17 x len(FEATURES): every feature of every goal of every text."""
        s = a.signals
        cols: dict[str, np.ndarray] = {}
        for level in _SIM:
            for suffix, arr in _dominance(s[f"sim_{level}"], tau=0.05).items():
                cols[f"sim_{level}{suffix}"] = arr
        for source in ("aurora", "bergen"):
            c = _counts(s[f"{source}_lines"])
            cols[f"{source}_lines"] = c["log"]
            cols[f"{source}_lines_share"] = c["_share"]
            cols[f"{source}_lines_top"] = c["_top"]
            weighted = s[f"{source}_terms"]
            d = _dominance(weighted, tau=1.0)
            c = _counts(weighted)
            cols[f"{source}_terms"] = d[""]
            cols[f"{source}_terms_margin"] = d["_margin"]
            cols[f"{source}_terms_share"] = c["_share"]
            cols[f"{source}_terms_top"] = c["_top"]
        c = _counts(s["aurora_lines"] + s["bergen_lines"])
        cols["query_lines_share"] = c["_share"]
        cols["query_lines_top"] = c["_top"]
        d = _dominance(s["wording_tfidf"], tau=0.02)
        cols["wording_tfidf"] = d[""]
        cols["wording_tfidf_margin"] = d["_margin"]
        cols["wording_tfidf_z"] = d["_z"]
        return np.stack([cols[f] for f in FEATURES], axis=2)

    # -- evidence ------------------------------------------------------------------------

    def _generic(self, pid: int) -> bool:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        parts = self.lexicon.phrases[pid]
        return len(parts) == 1 and (parts[0] in ENGLISH_STOP_WORDS or len(parts[0]) < 3)

    def evidence(self, a: Analysis, i: int, goal: int) -> dict:
        """Why goal ``goal`` was suggested for text ``i``: the targets whose wording is
        nearest (and those whose queries matched) and the terms that matched."""
        lines = [line for line in a.lines[i] if line.sdg == goal]
        sims = a.sims[i]
        target_cols = np.flatnonzero((self.row_level == "target") & (self.row_goal == goal))
        sim_of = {self.rows[c][2]: float(sims[c]) for c in target_cols}
        queried = []
        for line in lines:
            code = line.target
            if code in self.target_text and code not in queried:
                queried.append(code)
        nearest = sorted(sim_of, key=lambda c: -sim_of[c])
        codes = (queried + [c for c in nearest if c not in queried])[:3]
        targets = [
            {
                "code": c,
                "text": self.target_text[c],
                "score": round(sim_of[c], 3),
                "query": c in queried,
            }
            for c in codes
        ]
        m = a.matches[i]
        candidates: list[str] = []
        for line in lines:
            candidates.extend(m.doc.text_of(span) for span in line.query.spans(m)[:3])
        weighted = []
        for table in self.term_goals.values():
            for pid in m.found:
                for g, w in table.get(pid, ()):
                    # Words the query sets use for many goals ("services", "of") explain
                    # nothing: they count in the features but are not shown.
                    if g == goal and w > 0.2 and not self._generic(pid):
                        weighted.append((-w, pid))
        for _w, pid in sorted(weighted):
            candidates.extend(
                m.doc.text_of(s) for s in m.doc.phrase_spans(self.lexicon.phrases[pid])[:1]
            )
        terms: list[str] = []
        for t in candidates:
            # Short, distinct terms read best: skip long spans and any that overlap one kept.
            if len(t.split()) > 6 or any(t in k or k in t for k in terms):
                continue
            terms.append(t)
        return {"targets": targets, "terms": terms[:8], "query_lines": len(lines)}
