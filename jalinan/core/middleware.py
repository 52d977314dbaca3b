"""A database that is down (restarting, failing over) answers 503, not a server error.

Django reconnects by itself on the next request (CONN_HEALTH_CHECKS), so the person only needs
to be told to try again in a moment. The page is rendered without the request context: its
context processors would query the database that is missing.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
DATABASE_DOWN = (OperationalError, InterfaceError)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            return unavailable(exception)
        return None


def unavailable(exc):
    # The dead connection is dropped at the end of the request (close_old_connections) and a
    # new one is opened by the next request after its health check.
    log.error("Database unavailable: %s", exc)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database error raised in a middleware (the session or the user looked up
    before any view runs) reaches only this handler; it too answers 503."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_DOWN):
        return unavailable(exc)
    return defaults.server_error(request, template_name)
