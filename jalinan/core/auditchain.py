"""The audit log's hash chain: each entry holds the hash of the one before it.

``row_hash`` = sha256 over a canonical JSON of the entry's content and ``prev_hash``, so
changing a written entry, or deleting or reordering one, breaks the chain from that entry on;
``manage.py verify_audit_chain`` walks it. Entries are chained in id order.

Writers take one lock so that entries written at the same time still form one chain: on
PostgreSQL a transaction-level advisory lock; SQLite serialises writers itself (a transaction
whose read of the last entry went stale cannot commit).
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.db import connections

# Any constant shared by every writer; "JALINAUD" in ASCII.
ADVISORY_LOCK_KEY = 0x4A414C494E415544 - (1 << 63)
CHAINED_FIELDS = (
    "created_at",
    "actor_id",
    "actor_repr",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "changes",
    "message",
)


def _plain(value):
    # PostgreSQL's jsonb gives 1e20 back as 100000000000000000000: integral floats hash as ints.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def row_hash(values: dict, prev_hash: str) -> str:
    """The hash of one entry, given its CHAINED_FIELDS (a model's attributes or a row's)."""
    content = {name: values[name] for name in CHAINED_FIELDS}
    content["changes"] = _plain(content["changes"])
    content["created_at"] = content["created_at"].astimezone(datetime.UTC).isoformat()
    content["prev_hash"] = prev_hash
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lock_chain(using: str) -> None:
    """Hold the chain until this transaction ends (PostgreSQL; SQLite serialises writes)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def first_break(entries) -> tuple[int, str] | None:
    """The first entry (id, why) where the chain breaks, or None; ``entries`` in id order,
    as dicts of CHAINED_FIELDS with id, prev_hash and row_hash."""
    prev = ""
    for entry in entries:
        if entry["prev_hash"] != prev:
            return entry["id"], "link"
        if entry["row_hash"] != row_hash(entry, prev):
            return entry["id"], "content"
        prev = entry["row_hash"]
    return None
