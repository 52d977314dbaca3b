"""The sdgs part of the REST API, mounted at /api/v1/sdgs/."""

from ninja import Router

router = Router(tags=["sdgs"])
