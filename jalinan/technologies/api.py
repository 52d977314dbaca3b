"""The technologies part of the REST API, mounted at /api/v1/technologies/."""

from ninja import Router

router = Router(tags=["technologies"])
