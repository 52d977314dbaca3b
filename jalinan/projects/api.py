"""The projects part of the REST API, mounted at /api/v1/projects/."""

from ninja import Router

router = Router(tags=["projects"])
