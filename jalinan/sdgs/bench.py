"""Throughput of the SDG classifier (``manage.py benchmark_pages --only sdgs.classifier``).

The texts are made from the SDG target wording, cut to ~85 words (the benchmark's median),
so that the figure can be measured anywhere without any data set.
"""

from __future__ import annotations

import os
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
    """Wall-clock texts/s with the default threads (what a dedicated 2-core machine gets),
    and texts per CPU-second on one thread (the same on a shared, busy machine, where
    wall-clock figures mostly measure the other processes)."""
    import torch

    texts = synthetic_texts(max(32, int(512 * size)))
    started = time.perf_counter()
    classifier.engine()
    loaded = time.perf_counter() - started
    classifier.classify_many(texts[:32])  # warm up
    started = time.perf_counter()
    classifier.classify_many(texts)
    seconds = time.perf_counter() - started
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        cpu = time.process_time()
        classifier.classify_many(texts)
        cpu = time.process_time() - cpu
    finally:
        torch.set_num_threads(threads)
    return {
        "texts": len(texts),
        "words_per_text": 85,
        "encoder": classifier.engine().encoder.name,
        "load_seconds": round(loaded, 2),
        "threads": threads,
        "seconds": round(seconds, 2),
        "texts_per_second": round(len(texts) / seconds, 1),
        "one_thread_cpu_seconds": round(cpu, 2),
        "texts_per_cpu_second": round(len(texts) / cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
