"""The card the reports give *My work* (registered in ``apps.py``)."""

from __future__ import annotations

from . import dashboard
from .permissions import can_see_dashboard, scope_for


def headlines(request, obj=None):
    """This year's headline figures: the whole university for OIL and management, their
    unit for a coordinator."""
    user = request.user
    if not can_see_dashboard(user):
        return None
    scope = scope_for(user)
    return {
        "figures": dashboard.headlines(scope),
        "scope": scope,
        "unit_name": scope.unit_name(scope.unit_id) if scope.unit_id else "",
    }
