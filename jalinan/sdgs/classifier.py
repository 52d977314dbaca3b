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

    path = str(settings.JALINAN_SDG_MODEL or MODEL_JSON)
    mdl = _models.get(path)
    if mdl is None:
        mdl = _models[path] = load_model(path)
    return mdl


def _setup():
    return engine(), model()


def threshold() -> float:
    return float(settings.JALINAN_SDG_THRESHOLD or model().threshold)


def classify(text: str) -> list[Suggestion]:
    """The goals ``text`` addresses, most confident first."""
    return classify_many([text])[0]


# The weights were fitted on excerpts of 40-185 words. A longer text is read as windows of
# about WINDOW words and a goal's probability is its mean over the windows: it must
# dominate the text as a whole, not one paragraph of it (summing the signals of a long text
# would suggest almost every goal it mentions).
LONG = 200
WINDOW = 120


def windows(text: str) -> list[str]:
    """``text`` itself, or (when longer than LONG words) consecutive windows of about
    WINDOW words, cut at sentence ends where possible."""
    import re

    if len(text.split()) <= LONG:
        return [text]
    out: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        words = sentence.split()
        while len(words) > LONG:  # one endless "sentence": cut it by words
            out.append(" ".join(current + words[: WINDOW - len(current)]))
            words = words[WINDOW - len(current) :]
            current = []
        current.extend(words)
        if len(current) >= WINDOW:
            out.append(" ".join(current))
            current = []
    if current:
        if out and len(current) < WINDOW // 2:
            out[-1] += " " + " ".join(current)
        else:
            out.append(" ".join(current))
    return out


def classify_many(texts: list[str], batch_size: int = 32) -> list[list[Suggestion]]:
    """``classify`` for many texts at once (one embedding batch at a time)."""
    texts = [t or "" for t in texts]
    out: list[list[Suggestion]] = [[] for _ in texts]
    units: list[tuple[int, str]] = []  # (text index, window)
    for i, t in enumerate(texts):
        if t.strip():
            units.extend((i, w) for w in windows(t))
    if not units:
        return out
    eng, mdl = _setup()
    cut = threshold()
    # Whole texts per chunk, so that a text's windows are averaged together.
    start = 0
    while start < len(units):
        end = min(start + 256, len(units))
        while end < len(units) and units[end][0] == units[end - 1][0]:
            end += 1
        chunk = units[start:end]
        analysis = eng.analyse([w for _i, w in chunk], batch_size=batch_size)
        proba = mdl.proba(eng.features(analysis))  # len(chunk) x 17
        rows: dict[int, list[int]] = {}
        for j, (i, _w) in enumerate(chunk):
            rows.setdefault(i, []).append(j)
        for i, js in rows.items():
            mean = proba[js].mean(axis=0)
            goals = sorted(
                (g for g in range(1, 18) if mean[g - 1] >= cut), key=lambda g: -mean[g - 1]
            )
            out[i] = [
                Suggestion(
                    g,
                    round(float(mean[g - 1]), 3),
                    # the evidence of the window that speaks most for the goal
                    eng.evidence(analysis, max(js, key=lambda j: proba[j, g - 1]), g),
                )
                for g in goals
            ]
        start = end
    return out


def scores(text: str) -> dict[int, float]:
    """Every goal's probability for ``text`` (for diagnostics and the API)."""
    eng, mdl = _setup()
    proba = mdl.proba(eng.features(eng.analyse([text])))[0]
    return {g: round(float(proba[g - 1]), 3) for g in range(1, 18)}
