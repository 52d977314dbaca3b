"""The challenges part of the REST API, mounted at /api/v1/challenges/."""

from ninja import Router

router = Router(tags=["challenges"])
