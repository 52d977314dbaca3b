"""Summarise locust's CSV statistics into the JSON of `make load`: p50/p95 per page kind (the
first word of each request's name), requests, errors, and the query counts measured apart.

    python scripts/load_report.py PREFIX_stats.csv [queries.json] [faults.json] [backup.json]

("-" for a file that was not made).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict

TARGET_P95_MS = 300


def main(stats_path: str, extras: dict[str, str | None]) -> int:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    total = None
    with open(stats_path) as fh:
        for row in csv.DictReader(fh):
            if row["Name"] == "Aggregated":
                total = row
                continue
            by_kind[row["Name"].split(" ", 1)[0]].append(row)

    def weighted(rows: list[dict], column: str) -> float:
        # Percentiles cannot be merged exactly; the request-weighted mean of the pages' own
        # percentiles is reported, with the worst page beside it.
        n = sum(int(r["Request Count"]) for r in rows) or 1
        return round(sum(float(r[column] or 0) * int(r["Request Count"]) for r in rows) / n)

    kinds = {}
    for kind, rows in sorted(by_kind.items()):
        worst = max(rows, key=lambda r: float(r["95%"] or 0))
        kinds[kind] = {
            "requests": sum(int(r["Request Count"]) for r in rows),
            "errors": sum(int(r["Failure Count"]) for r in rows),
            "p50_ms": weighted(rows, "50%"),
            "p95_ms": weighted(rows, "95%"),
            "worst_p95": {"page": worst["Name"], "ms": float(worst["95%"] or 0)},
        }
    report = {
        "requests": int(total["Request Count"]) if total else 0,
        "errors": int(total["Failure Count"]) if total else 0,
        "requests_per_s": float(total["Requests/s"]) if total else 0.0,
        "p50_ms": float(total["50%"]) if total else None,
        "p95_ms": float(total["95%"]) if total else None,
        "target_p95_ms": TARGET_P95_MS,
        "kinds": kinds,
        "pages_over_target": sorted(
            r["Name"]
            for rows in by_kind.values()
            for r in rows
            if float(r["95%"] or 0) > TARGET_P95_MS and not r["Name"].startswith("login")
        ),
    }
    for key, path in extras.items():
        if path and path != "-":
            with open(path) as fh:
                report[key] = json.load(fh)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    args = sys.argv[1:] + [None] * 3
    names = ["queries_per_page", "faults", "backup_drill"]
    sys.exit(main(args[0], dict(zip(names, args[1:4], strict=True))))
