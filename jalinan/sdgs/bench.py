"""Throughput of the SDG classifier (``manage.py benchmark_pages --only sdgs.classifier``).

The texts are made from the SDG target wording, cut to ~85 words (the benchmark's median),
so that the figure can be measured anywhere without any data set.
"""

from __future__ import annotations

import random
import time

from . import classifier, taxonomy


def synthetic_texts(n: int, words: int = 85, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = [t.text_en for t in taxonomy.all_targets()]
    out = []
    for _ in range(n):
        parts: list[str] = []
        while len(parts) < words:
            parts.extend(rng.choice(pool).split())
        out.append(" ".join(parts[:words]) + ".")
    return out


def classifier_throughput(size: float = 1.0) -> dict:
    texts = synthetic_texts(max(32, int(512 * size)))
    started = time.perf_counter()
    classifier.engine()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    classifier.classify_many(texts)
    seconds = time.perf_counter() - started
    return {
        "texts": len(texts),
        "words_per_text": 85,
        "encoder": classifier.engine().encoder.name,
        "load_seconds": round(loaded, 2),
        "seconds": round(seconds, 2),
        "texts_per_second": round(len(texts) / seconds, 1),
    }
