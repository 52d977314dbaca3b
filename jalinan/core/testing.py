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


def refusal_sweep(client, urls: dict, *, post_only=(), refused_status=None, post_data=None):
    """Requests every URL of ``urls`` (``{name: url}``) with ``client`` and returns the ones
    that did not refuse, as ``(name, method, status)``: a refused page answers 404 to GET and
    to POST (or ``refused_status[name]``); a view of ``post_only`` answers 405 to GET. Fails at
    once if a POST writes to the database (:func:`database_writes`). The URL-driven outsider
    sweeps of challenges and technologies use it."""
    refused_status = refused_status or {}
    let_in = []
    for name in sorted(urls):
        url = urls[name]
        refused = refused_status.get(name, 404)
        got = client.get(url).status_code
        if got != (405 if name in post_only else refused):
            let_in.append((name, "GET", got))
        with database_writes() as writes:
            got = client.post(url, post_data or {}).status_code
        if got != refused:
            let_in.append((name, "POST", got))
        assert writes == [], (name, "the POST wrote to the database", writes)
    return let_in


def url_routes(resolver=None, namespace=()) -> dict:
    """``{name: URLPattern}`` of every named URL pattern of the URL conf, namespaces included
    (``ns:name``): what a sweep or the authorization matrix walks."""
    from django.urls import URLPattern, URLResolver, get_resolver

    out: dict[str, URLPattern] = {}
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace + ((p.namespace,) if p.namespace else ())
            out |= url_routes(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            out.setdefault(":".join((*namespace, p.name)), p)
    return out


def api_operations() -> dict[str, tuple[str, str]]:
    """``{operation id: (method, path)}`` of every operation of the OpenAPI schema."""
    from jalinan.api.urls import api

    ops = {}
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, op in methods.items():
            ops[op["operationId"]] = (method.upper(), path)
    return ops


@contextmanager
def finishes_within(seconds: int):
    """Fail the block with TimeoutError after ``seconds``: a correctness bound for parsers
    that must stay linear on hostile input (the old ones took minutes or hours), not a
    benchmark. Uses SIGALRM, so main thread only."""
    import signal

    def stop(signum, frame):
        raise TimeoutError(f"still parsing after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
