"""Cards the technologies app contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.utils import timezone

from .models import Spinoff
from .permissions.common import is_ip_staff
from .permissions.disclosures import can_create_disclosure
from .permissions.spinoffs import can_view_spinoff
from .selectors.assets import upcoming_deadlines
from .selectors.catalogue import newest_published
from .selectors.disclosures import my_disclosures, review_queue
from .selectors.licences import licences_for


def my_technologies(request, obj=None):
    """My work: an academic's disclosures and their decisions; for IP staff, disclosures
    awaiting assessment and IP deadlines in the next 30 days."""
    user = request.user
    ip_staff = is_ip_staff(user)
    mine = list(
        my_disclosures(user).order_by("-created_at", "-pk")[:6]
        if can_create_disclosure(user)
        else []
    )
    awaiting = deadlines = None
    awaiting_count = 0
    if ip_staff:
        queue = review_queue(user)
        awaiting = list(queue[:6])
        awaiting_count = queue.count()
        deadlines = list(upcoming_deadlines(user, days=30)[:8])
    if not mine and not awaiting and not deadlines:
        return None
    return {
        "mine": mine,
        "awaiting": awaiting,
        "awaiting_count": awaiting_count,
        "deadlines": deadlines,
        "ip_staff": ip_staff,
        "today": timezone.localdate(),
    }


def home_technologies(request, obj=None):
    """The front page: a few of the newest published technologies (anyone)."""
    items = newest_published(4)
    if not items:
        return None
    return {"technologies": items}


def partner_spinoff(request, org):
    """An organisation's page: that it is a university spin-off, with its licence."""
    if org is None:
        return None
    spinoff = Spinoff.objects.select_related("licence__technology").filter(organisation=org).first()
    if spinoff is None:
        return None
    user = request.user
    licence = spinoff.licence
    licence_visible = bool(licence) and licences_for(user).filter(pk=licence.pk).exists()
    return {
        "spinoff": spinoff,
        "spinoff_visible": can_view_spinoff(user, spinoff),
        "licence": licence if licence_visible else None,
        "technology": licence.technology if licence else None,
    }
