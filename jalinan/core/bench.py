"""Helpers for page benchmarks (see ``manage.py benchmark_pages``)."""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure_page(user, url: str, *, repeats: int = 20) -> dict:
    """GET ``url`` as ``user`` ``repeats`` times; the queries of one request and the timings.

    The first request warms caches (templates, translations) and is not timed.
    """
    client = Client()
    client.force_login(user)
    first = client.get(url)
    if first.status_code != 200:
        raise RuntimeError(f"{url} answered {first.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    # Read now: the next request's request_started signal empties the connection's query log.
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "url": url,
        "queries": queries,
        "ms_p50": round(statistics.median(times), 1),
        "ms_p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "repeats": repeats,
    }
