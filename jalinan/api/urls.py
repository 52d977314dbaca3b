"""The REST API under /api/v1/: each app's router, one OpenAPI document, a docs page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from .auth import AUTH

api = NinjaAPI(
    title="Jalinan API",
    version="1.0.0",
    description=(
        "The REST API of Jalinan. Authenticate with a personal access token created on your "
        "profile page: `Authorization: Bearer jal_…`. Every endpoint applies the same "
        "per-object permissions as the web pages."
    ),
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "You may not do this."}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=422)


# Each app's router, at /api/v1/<prefix>/.
ROUTERS = [
    ("accounts", "jalinan.accounts.api"),
    ("partners", "jalinan.partners.api"),
    ("experts", "jalinan.experts.api"),
    ("matching", "jalinan.matching.api"),
    ("sdgs", "jalinan.sdgs.api"),
    ("memoranda", "jalinan.agreements.api"),
    ("engagements", "jalinan.engagements.api"),
    ("pipeline", "jalinan.pipeline.api"),
    ("challenges", "jalinan.challenges.api"),
    ("projects", "jalinan.projects.api"),
    ("technologies", "jalinan.technologies.api"),
    ("placements", "jalinan.placements.api"),
    ("reports", "jalinan.reports.api"),
]


def _mount():
    from importlib import import_module

    for prefix, module in ROUTERS:
        api.add_router(f"/{prefix}", import_module(module).router)


_mount()
