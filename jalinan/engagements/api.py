"""The engagements part of the REST API, mounted at /api/v1/engagements/."""

from ninja import Router

router = Router(tags=["engagements"])
