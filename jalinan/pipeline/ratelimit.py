"""A small fixed-window rate limiter on Django's cache (no third-party service): enough to
keep one address from flooding the public enquiry form. With several web nodes, point
``CACHE_URL`` at a shared cache (Redis) so that they count together."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The visitor's address: ``REMOTE_ADDR``, or the first ``X-Forwarded-For`` hop when
    ``JALINAN_TRUST_X_FORWARDED_FOR`` says the reverse proxy sets it."""
    if getattr(settings, "JALINAN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ident: str, window: int) -> str:
    return f"jalinan:rl:{scope}:{ident}:{int(time.time() // window)}"


def used(scope: str, ident: str, *, window: int) -> int:
    return int(cache.get(_key(scope, ident, window)) or 0)


def allowed(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Whether ``ident`` has used fewer than ``limit`` hits of ``scope`` in this window."""
    return used(scope, ident, window=window) < limit


def hit(scope: str, ident: str, *, window: int) -> int:
    """Count one hit; returns the count in this window."""
    key = _key(scope, ident, window)
    if cache.add(key, 1, timeout=window + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        return 1


def take(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one hit if the limit allows it; False (and nothing counted) when it is used up."""
    if not allowed(scope, ident, limit=limit, window=window):
        return False
    hit(scope, ident, window=window)
    return True
