"""Cards the pipeline contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.conf import settings

from . import selectors
from .choices import Stage
from .permissions import can_see_pipeline


def stuck_days() -> int:
    return settings.JALINAN_PIPELINE_STUCK_DAYS


def home_enquiry(request, obj=None):
    """The public front page: an invitation to the enquiry form."""
    return {}


def my_pipeline(request, obj=None):
    """My work: new enquiries waiting for an officer, and items stuck in their stage."""
    user = request.user
    if not can_see_pipeline(user):
        return None
    qs = selectors.opportunities_for(user)
    waiting = qs.filter(stage=Stage.ENQUIRY).select_related("organisation")
    stuck = selectors.stuck(qs, days=stuck_days()).select_related("organisation")
    mine = stuck.filter(owner=user)
    waiting_n, stuck_n = waiting.count(), stuck.count()
    if not waiting_n and not stuck_n:
        return None
    return {
        "waiting": list(waiting.order_by("created_at")[:5]),
        "waiting_count": waiting_n,
        "stuck": list((mine if mine.exists() else stuck).order_by("stage_entered_at")[:5]),
        "stuck_count": stuck_n,
        "stuck_days": stuck_days(),
    }
