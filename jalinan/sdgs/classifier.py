"""The SDG classifier: text in, goals out, each with a confidence and evidence.

``classify(text)`` returns the goals (1–17) the text addresses, most confident first; every
suggestion says why — the targets whose wording is nearest or whose queries matched, and the
terms that matched. ``classify_many(texts)`` does the same for a batch, much faster per text
(the embedding model works in batches).

It runs offline on the CPU and is loaded once per process, on first use (see
:mod:`jalinan.sdgs.engine` for what it reads and :mod:`jalinan.sdgs.training` for how its
few dozen weights were fitted). Settings:

- ``JALINAN_SDG_ENCODER``: ``"minilm"`` (default) or ``"hashing"``, a deterministic stand-in
  for tests that only need *a* classifier (no model loaded);
- ``JALINAN_SDG_MODEL``: the fitted weights (default ``data/sdg_classifier.json``);
- ``JALINAN_SDG_THRESHOLD``: the probability from which a goal is suggested (default: the
  model's, 0.5).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.conf import settings

# Part of every record's text hash: a new version re-classifies records when next requested.
VERSION = "1"


@dataclass(frozen=True)
class Suggestion:
    goal: int
    confidence: float
    # {"targets": [{"code": "9.5", "text": "...", "score": 0.61}], "terms": ["innovation"]}
    evidence: dict = field(default_factory=dict)


_lock = threading.Lock()
_engines: dict[str, object] = {}
_models: dict[str, object] = {}


def engine():
    """The engine for the configured encoder, loaded once per process."""
    from .embedding import encoder_name, get_encoder

    name = encoder_name()
    eng = _engines.get(name)
    if eng is None:
        with _lock:
            eng = _engines.get(name)
            if eng is None:
                from .engine import Engine

                eng = _engines[name] = Engine(get_encoder(name))
    return eng


def model():
    """The fitted weights, read once per process."""
    from .training import MODEL_JSON, load_model

    path = str(getattr(settings, "JALINAN_SDG_MODEL", None) or MODEL_JSON)
    mdl = _models.get(path)
    if mdl is None:
        mdl = _models[path] = load_model(path)
    return mdl


def _setup():
    return engine(), model()


def threshold() -> float:
    return float(getattr(settings, "JALINAN_SDG_THRESHOLD", None) or model().threshold)


def classify(text: str) -> list[Suggestion]:
    """The goals ``text`` addresses, most confident first."""
    return classify_many([text])[0]


def classify_many(texts: list[str], batch_size: int = 32) -> list[list[Suggestion]]:
    """``classify`` for many texts at once (one embedding batch at a time)."""
    texts = [t or "" for t in texts]
    out: list[list[Suggestion]] = [[] for _ in texts]
    todo = [i for i, t in enumerate(texts) if t.strip()]
    if not todo:
        return out
    eng, mdl = _setup()
    cut = threshold()
    for start in range(0, len(todo), 256):
        chunk = todo[start : start + 256]
        analysis = eng.analyse([texts[i] for i in chunk], batch_size=batch_size)
        proba = mdl.proba(eng.features(analysis))  # len(chunk) x 17
        for j, i in enumerate(chunk):
            goals = [g for g in range(1, 18) if proba[j, g - 1] >= cut]
            goals.sort(key=lambda g: -proba[j, g - 1])
            out[i] = [
                Suggestion(g, round(float(proba[j, g - 1]), 3), eng.evidence(analysis, j, g))
                for g in goals
            ]
    return out


def scores(text: str) -> dict[int, float]:
    """Every goal's probability for ``text`` (for diagnostics and the API)."""
    eng, mdl = _setup()
    proba = mdl.proba(eng.features(eng.analyse([text])))[0]
    return {g: round(float(proba[g - 1]), 3) for g in range(1, 18)}
