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


def rule_disagreements(check, queryset_for, users, objects) -> list[tuple]:
    """Where a visibility rule written twice disagrees with itself: ``check(user, obj)`` (the
    Python form, ``can_view_x``) against ``obj in queryset_for(user)`` (the queryset form,
    ``x_for``), for every user of ``users`` (``{name: user}``) and every object of
    ``objects``. Each disagreement is ``(user name, object, check says, queryset says)``."""
    objects = list(objects)
    out = []
    for name, user in users.items():
        pks = {o.pk for o in objects}
        listed = set(queryset_for(user).filter(pk__in=pks).values_list("pk", flat=True))
        for obj in objects:
            said = bool(check(user, obj))
            if said != (obj.pk in listed):
                out.append((name, obj, said, obj.pk in listed))
    return out


def assert_rule_agrees(check, queryset_for, users, objects) -> int:
    """Fails, naming each case, where :func:`rule_disagreements` finds any. Returns how many
    (user, object) pairs were compared."""
    objects = list(objects)
    found = rule_disagreements(check, queryset_for, users, objects)
    assert not found, "the check and the queryset disagree:\n" + "\n".join(
        f"  {name} on {type(obj).__name__} {obj.pk} ({obj}): check={said}, queryset={listed}"
        for name, obj, said, listed in found
    )
    return len(users) * len(objects)
