"""Helpers for tests that assert what did not happen."""

from __future__ import annotations

import re
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
    to POST (or ``refused_status[name]``: one status for both, or a ``(GET, POST)`` pair); a
    view of ``post_only`` answers 405 to GET. The POST's body is ``post_data``, a dict or a
    callable of the name giving one. Fails at once if a POST writes to the database
    (:func:`database_writes`). :func:`outsider_sweep` uses it."""
    refused_status = refused_status or {}
    let_in = []
    for name in sorted(urls):
        url = urls[name]
        refused = refused_status.get(name, 404)
        get_refused, post_refused = refused if isinstance(refused, tuple) else (refused, refused)
        got = client.get(url).status_code
        if got != (405 if name in post_only else get_refused):
            let_in.append((name, "GET", got))
        data = post_data(name) if callable(post_data) else post_data
        with database_writes() as writes:
            got = client.post(url, data or {}).status_code
        if got != post_refused:
            let_in.append((name, "POST", got))
        assert writes == [], (name, "the POST wrote to the database", writes)
    return let_in


# The statuses of a refusal, as the authorization matrix writes them ("L": sent to sign in).
REFUSED = frozenset({"401", "403", "404", "405", "L"})
# A link to a record (``/challenges/12/``), as opposed to the site's own menus.
_RECORD_LINK = re.compile(r"""href=["']([^"'#?]*/\d+(?:/[^"'#?]*)?)""")


def outsider_sweep(
    outsider, visitor, urls: dict, expected: dict, *, public=(), post_data=None, secret=None
) -> list[tuple]:
    """The outsider's pass over the routes ``urls`` (``{name: url}``): ``outsider`` is a client
    signed in as a person with no role, ``visitor`` a signed-out client, ``expected`` the
    outsider's ``{name: (GET status, POST status or None)}`` as the authorization matrix's
    table writes them (strings, ``"L"`` for the sign-in page).

    - Where the outsider is refused (GET and POST, :func:`refused_cell`): :func:`refusal_sweep`
      with the form-shaped ``post_data`` (a dict, or a callable of the route name): the
      expected refusals, and no POST writes to the database.
    - The ``public`` routes (meant for anyone): the outsider gets what the visitor gets, the
      same status and redirect, and on a page no link to a record and no ``secret`` (the
      marker of confidential text) that the visitor does not see.
    - The others (the outsider's own account pages): the expected GET status.

    Returns the problems as ``(name, what, expected, got)``; the authorization matrix runs it
    for the outsider on every route of every app."""
    problems: list[tuple] = []
    refused = {n: cell for n, cell in expected.items() if refused_cell(cell)}
    post_only = {n for n, (get, _post) in refused.items() if get == "405"}
    statuses = {
        n: (404 if get == "405" else _code(get), _code(post or get))
        for n, (get, post) in refused.items()
    }
    let_in = refusal_sweep(
        outsider,
        {n: urls[n] for n in refused},
        post_only=post_only,
        refused_status=statuses,
        post_data=post_data,
    )
    problems += [(n, f"{method} not refused", expected[n], got) for n, method, got in let_in]
    for name in sorted(set(expected) - set(refused)):
        seen = outsider.get(urls[name])
        if name not in public:
            if _status(seen) != expected[name][0]:
                problems.append((name, "GET", expected[name][0], _status(seen)))
            continue
        as_visitor = visitor.get(urls[name])
        if (_status(seen), seen.get("Location")) != (
            _status(as_visitor),
            as_visitor.get("Location"),
        ):
            problems.append((name, "not what a visitor gets", _status(as_visitor), _status(seen)))
            continue
        if seen.status_code != 200 or "html" not in seen.get("Content-Type", ""):
            continue
        body, visitor_body = _text(seen), _text(as_visitor)
        more = set(_RECORD_LINK.findall(body)) - set(_RECORD_LINK.findall(visitor_body))
        if more:
            problems.append((name, "links a visitor does not get", [], sorted(more)))
        if secret and secret in body and secret not in visitor_body:
            problems.append((name, "confidential text", "", secret))
    return problems


def refused_cell(cell) -> bool:
    """Whether a ``(GET, POST or None)`` cell of the matrix is a refusal of both requests to a
    signed-in visitor, which :func:`outsider_sweep` checks with :func:`refusal_sweep`."""
    get, post = cell
    return get in REFUSED and (post or get) in REFUSED and "L" not in (get, post)


def _code(status: str) -> int:
    return int(status)


def _status(response) -> str:
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return "L"
    return str(response.status_code)


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


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
