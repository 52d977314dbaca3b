"""Fixtures of the sdgs tests. Unit tests use the deterministic stand-in encoder (no model
loaded: the root conftest sets it); tests marked ``model`` use the real MiniLM classifier,
loaded once per session."""

import pytest

from jalinan.sdgs import classifier
from jalinan.sdgs.classifier import Suggestion


@pytest.fixture
def framework(db):
    from jalinan.sdgs.services import sdg_framework_load

    sdg_framework_load(by=None)


@pytest.fixture
def fake_classifier(monkeypatch):
    """Goal 7 when the text mentions solar; goal 9 when it mentions factories. Records the
    batches it was asked to classify."""
    calls = []

    def one(text):
        out = []
        if "solar" in text.lower():
            out.append(Suggestion(7, 0.9, {"terms": ["solar"], "targets": []}))
        if "factor" in text.lower():
            out.append(Suggestion(9, 0.7, {"terms": ["factory"], "targets": []}))
        return out

    def classify(text):
        calls.append([text])
        return one(text)

    def classify_many(texts, batch_size=32):
        calls.append(list(texts))
        return [one(t) for t in texts]

    monkeypatch.setattr(classifier, "classify", classify)
    monkeypatch.setattr(classifier, "classify_many", classify_many)
    return calls
