"""Helpers the API modules of the app share."""

from __future__ import annotations

from ninja import Schema


def query_params(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}
