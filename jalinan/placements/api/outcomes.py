"""The graduate employability figure."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Schema

from .. import selectors
from ..permissions import can_see_outcomes, can_use_placements
from .common import PlacementsRouter

router = PlacementsRouter()


class EmployabilityOut(Schema):
    graduates: int
    employable: int
    employed: int
    with_placement_partner: int
    rate: float | None
    partner_share: float | None


@router.get("/employability", response=EmployabilityOut)
def employability(
    request, year: int | None = Query(None, ge=1, le=9999), programme_id: int | None = None
):
    """The graduate employability figure for the graduates you may count."""
    user = request.auth
    if not can_see_outcomes(user):
        if can_use_placements(user):
            raise PermissionDenied
        raise Http404
    window = (date(year, 1, 1), date(year, 12, 31)) if year else (None, None)
    return selectors.outcomes.employability(
        user=user,
        programme_id=programme_id,
        graduated_from=window[0],
        graduated_to=window[1],
    )
