"""The matching part of the REST API, mounted at /api/v1/matching/."""

from ninja import Router

router = Router(tags=["matching"])
