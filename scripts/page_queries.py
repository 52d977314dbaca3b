"""Query count of each page kind of the load scenario, measured apart from the load (Django's
test client and CaptureQueriesContext, one request per page after a warm-up one), and its
median time over five requests made one at a time, against the database in DATABASE_URL
holding the demo data. Prints JSON: {"queries": {kind: {page: n}}, "median_ms_alone": ...}.

    .venv/bin/python scripts/page_queries.py
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalinan.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from jalinan.accounts.models import User  # noqa: E402

DOMAIN = "demo.iium.example"
PAGES = [
    # (kind, user or None for a visitor, url; "<id>" is the first record the list links to)
    ("list", "officer", "/memoranda/"),
    ("list", "officer", "/partners/"),
    ("list", "officer", "/projects/"),
    ("list", "partner", "/challenges/"),
    ("list", "partner", "/placements/applications/"),
    ("list", "student001", "/placements/eligible/"),
    ("detail", "officer", "/memoranda/<id>/"),
    ("detail", "officer", "/partners/<id>/"),
    ("detail", "officer", "/projects/<id>/"),
    ("detail", "partner", "/challenges/<id>/"),
    ("search", "officer", "/partners/?q=semiconductor"),
    ("search", "officer", "/memoranda/?q=robot"),
    ("search", "staff001", "/experts/?q=corrosion"),
    ("dashboard", "officer", "/reports/"),
    ("dashboard", "officer", "/my-work/"),
    ("dashboard", "partner", "/my-work/"),
    ("export", "officer", "/memoranda/?export=csv"),
    ("export", "officer", "/partners/?export=xlsx"),
    ("public", None, "/"),
    ("public", None, "/challenges/open/"),
    ("public", None, "/sdgs/"),
]


def resolve(client: Client, url: str) -> str | None:
    if "<id>" not in url:
        return url
    prefix = url.split("<id>")[0]
    html = client.get(prefix).content.decode()
    found = re.search(rf'href="{re.escape(prefix)}(\d+)/"', html)
    return url.replace("<id>", found.group(1)) if found else None


def main() -> int:
    results: dict[str, dict[str, int | str]] = {}
    alone: dict[str, dict[str, int]] = {}
    for kind, who, url in PAGES:
        client = Client()
        if who:
            client.force_login(User.objects.get(email=f"{who}@{DOMAIN}"))
        target = resolve(client, url)
        if target is None:
            results.setdefault(kind, {})[url] = "no record to open"
            continue
        client.get(target)  # warm-up: caches, first-use imports
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(target).status_code
        label = f"{url} ({who or 'visitor'})"
        results.setdefault(kind, {})[label] = len(ctx) if status == 200 else f"status {status}"
        # One request at a time, in-process: the page's own cost, without the load's queueing.
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(target)
            samples.append((time.perf_counter() - started) * 1000)
        alone.setdefault(kind, {})[label] = round(statistics.median(samples))
    print(json.dumps({"queries": results, "median_ms_alone": alone}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
