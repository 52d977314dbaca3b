"""The memoranda part of the REST API, mounted at /api/v1/memoranda/."""

from ninja import Router

router = Router(tags=["memoranda"])
