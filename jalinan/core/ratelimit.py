"""A small fixed-window rate limiter on Django's cache (no third-party service): enough to
keep one address from flooding the public forms. One helper for every limit, and one idea of the
client's address (``client_ip``), which allauth's login throttle uses too. With several web
nodes, point ``CACHE_URL`` at a shared cache (Redis) so that they count together."""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address) -> bool:
    return address is not None and any(address in net for net in settings.JALINAN_TRUSTED_PROXIES)


def client_ip(request) -> str:
    """The visitor's address. ``X-Forwarded-For`` is believed only when the request comes from
    one of ``JALINAN_TRUSTED_PROXIES``: then the right-most address in it that is not itself a
    trusted proxy (what the last proxy saw; a client can prepend anything to the left)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if _trusted(_address(remote)):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break  # garbage from the client side of the chain: stop at the proxy
            if not _trusted(address):
                return str(address)
    return remote or "unknown"


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
