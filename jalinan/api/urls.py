"""The REST API under /api/v1/: each app's router, one OpenAPI document, a docs page."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI, Schema

from .auth import AUTH


class ErrorOut(Schema):
    """The body of every error: a sentence, or (422 on a malformed request) the list of
    problems per field; ``errors`` maps a field to its messages when a service refused."""

    detail: str | list[dict[str, Any]]
    errors: dict[str, list[str]] | None = None


# The answers any operation may give besides its own, documented once for all of them.
ERRORS = {
    401: "Not signed in: no valid token or session.",
    403: "Not allowed: your role may not do this (or the CSRF check of a session failed).",
    404: "Not found, or not yours to see.",
    422: "Invalid input: a parameter or a field of the body is missing, malformed or out of range.",
}


class JalinanAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document lists the error responses every operation can give,
    each with the shared ``ErrorOut`` body, besides the ones an operation declares itself."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ErrorOut"] = ErrorOut.json_schema()
        for item in schema["paths"].values():
            for operation in item.values():
                _document_errors(operation)
        return schema


def _document_errors(operation: dict) -> None:
    has_input = bool(operation.get("parameters") or operation.get("requestBody"))
    has_path = any(p["in"] == "path" for p in operation.get("parameters", []))
    codes = {
        # Signed-in operations: the role checks answer 403, or 404 to hide what exists.
        401: bool(operation.get("security")),
        403: bool(operation.get("security")),
        404: bool(operation.get("security")) or has_path,
        422: has_input,
    }
    responses = operation["responses"]
    for code in [code for code, applies in codes.items() if applies]:
        responses.setdefault(
            code,
            {
                "description": ERRORS[code],
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
                },
            },
        )


api = JalinanAPI(
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
