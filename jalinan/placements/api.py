"""The placements part of the REST API, mounted at /api/v1/placements/."""

from ninja import Router

router = Router(tags=["placements"])
