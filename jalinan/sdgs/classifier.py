"""The SDG classifier's interface: text in, goals out, each with a confidence and evidence.

``classify(text)`` returns the goals (1–17) the text addresses, most confident first. Every
suggestion says why: the target wording and the terms that matched. It runs offline on the
CPU and is loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VERSION = "0"


@dataclass(frozen=True)
class Suggestion:
    goal: int
    confidence: float
    # {"targets": [{"code": "9.5", "text": "...", "score": 0.61}], "terms": ["innovation"]}
    evidence: dict = field(default_factory=dict)


def classify(text: str) -> list[Suggestion]:
    """The goals ``text`` addresses. (Interface only until the classifier lands: none.)"""
    return []


def classify_many(texts: list[str]) -> list[list[Suggestion]]:
    return [classify(t) for t in texts]
