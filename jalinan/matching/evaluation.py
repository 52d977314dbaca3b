"""The reviewer-expertise gold standard's measures (Stelmakh et al., TMLR 2025).

``weighted_loss``: every unordered pair of papers rated by the same person, weighted by the
difference of the two ratings; a pair ordered the wrong way by the scores adds its weight, a
tie half of it; pooled over people (not averaged per person). 0 is perfect, 0.5 uninformative.
``pair_accuracy``: easy pairs (one rated ≥ 4, the other ≤ 2) and hard pairs (both ≥ 4,
unequal), unweighted; a tie counts as wrong.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path


def read_ratings(path: Path) -> dict[str, dict[str, float]]:
    """``evaluations.csv`` (tab-separated): {participant id: {paper id: expertise}}."""
    out: dict[str, dict[str, float]] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            pid = str(row["ParticipantID"]).strip()
            rated = {}
            for i in range(1, 11):
                paper = (row.get(f"Paper{i}") or "").strip()
                value = (row.get(f"Expertise{i}") or "").strip()
                if paper and value:
                    rated[paper] = float(value)
            out[pid] = rated
    return out


def weighted_loss(ratings: dict[str, dict[str, float]], scores: dict[str, dict[str, float]]):
    num = den = 0.0
    for pid, rated in ratings.items():
        predicted = scores.get(pid, {})
        for a, b in itertools.combinations(sorted(rated), 2):
            ea, eb = rated[a], rated[b]
            if ea == eb:
                continue
            w = abs(ea - eb)
            den += w
            sa, sb = predicted[a], predicted[b]
            if sa == sb:
                num += w / 2
            elif (sa > sb) != (ea > eb):
                num += w
    return num / den if den else 0.0


def pair_accuracy(ratings, scores) -> tuple[float, float, int, int]:
    """(easy accuracy, hard accuracy, easy pairs, hard pairs)."""
    easy = [0, 0]
    hard = [0, 0]
    for pid, rated in ratings.items():
        predicted = scores.get(pid, {})
        for a, b in itertools.combinations(sorted(rated), 2):
            ea, eb = rated[a], rated[b]
            if ea == eb:
                continue
            sa, sb = predicted[a], predicted[b]
            right = sa != sb and (sa > sb) == (ea > eb)
            if max(ea, eb) >= 4 and min(ea, eb) <= 2:
                easy[0] += right
                easy[1] += 1
            elif min(ea, eb) >= 4:
                hard[0] += right
                hard[1] += 1
    return (
        easy[0] / easy[1] if easy[1] else 0.0,
        hard[0] / hard[1] if hard[1] else 0.0,
        easy[1],
        hard[1],
    )
