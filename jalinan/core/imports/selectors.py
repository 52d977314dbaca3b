"""Reads of the import framework."""

from __future__ import annotations

from jalinan.core.models import ImportRun


def last_runs(keys) -> dict[str, ImportRun]:
    """The latest import of each register in ``keys``."""
    out: dict[str, ImportRun] = {}
    for key in keys:
        run = ImportRun.objects.filter(register=key).select_related("by").first()
        if run is not None:
            out[key] = run
    return out
