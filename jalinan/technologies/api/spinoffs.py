"""Spin-off companies in the REST API, with the pages' permissions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Router, Schema

from .. import selectors
from ..permissions.spinoffs import can_see_spinoffs

router = Router(tags=["technologies"])


class SpinoffOut(Schema):
    id: int
    organisation_id: int
    name: str
    status: str
    incorporated_on: datetime.date | None
    equity_percent: Decimal
    licence_id: int | None
    founders: list[str]


@router.get(
    "/spinoffs",
    response=list[SpinoffOut],
    summary="Spin-offs you may see",
    operation_id="jalinan_technologies_api_transfer_spinoff_list",
)
def spinoff_list(request):
    user = request.auth
    if not can_see_spinoffs(user):
        return []
    return [
        {
            "id": s.pk,
            "organisation_id": s.organisation_id,
            "name": s.organisation.legal_name,
            "status": s.status,
            "incorporated_on": s.incorporated_on,
            "equity_percent": s.equity_percent,
            "licence_id": s.licence_id,
            "founders": [f.display_name for f in s.founders.all()],
        }
        for s in selectors.spinoffs.spinoffs_for(user).prefetch_related("founders")
    ]
