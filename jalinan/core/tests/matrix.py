"""Mechanics of the authorization matrix: every route of the URL conf and every operation of
the OpenAPI schema, requested as each kind of visitor."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def url_routes(resolver=None, namespace=()):
    """``{name: pattern}`` of every named URL pattern, namespaces included (``ns:name``)."""
    out = {}
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace + ((p.namespace,) if p.namespace else ())
            out |= url_routes(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            out.setdefault(":".join((*namespace, p.name)), p)
    return out


def api_operations():
    """``{operation id: (method, path)}`` of the OpenAPI schema."""
    from jalinan.api.urls import api

    ops = {}
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, op in methods.items():
            ops[op["operationId"]] = (method.upper(), path)
    return ops


def api_url(path: str, params: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), path)


def route_url(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs=kwargs or None)
