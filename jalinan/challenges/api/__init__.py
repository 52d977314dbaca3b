"""The challenges part of the REST API, mounted at /api/v1/challenges/ (``jalinan.api.urls``
reads ``router``): the operations on challenges and the brokerage (``challenges``) and those on
proposals, questions and the review (``proposals``), under the same prefix."""

from .challenges import router
from .proposals import router as proposals_router

router.add_router("", proposals_router)
