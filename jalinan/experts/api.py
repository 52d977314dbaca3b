"""The experts part of the REST API, mounted at /api/v1/experts/."""

from ninja import Router

router = Router(tags=["experts"])
