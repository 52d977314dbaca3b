"""The reports part of the REST API, mounted at /api/v1/reports/."""

from ninja import Router

router = Router(tags=["reports"])
