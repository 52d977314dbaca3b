"""The pipeline part of the REST API, mounted at /api/v1/pipeline/."""

from ninja import Router

router = Router(tags=["pipeline"])
