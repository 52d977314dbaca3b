"""Helpers for tests that assert what did not happen."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextmanager
def database_writes():
    """The SQL statements that write (INSERT, UPDATE, DELETE) run inside the block, but those
    on the session table (a signed-in request may touch its session). Stricter than comparing
    the tables before and after: a write that leaves the same values is seen too."""
    writes: list[str] = []

    def record(execute, sql, params, many, context):
        head = (sql or "").lstrip().split(None, 1)[:1]
        if head and head[0].upper() in WRITES and "django_session" not in sql:
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield writes
