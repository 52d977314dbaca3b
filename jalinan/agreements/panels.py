"""Cards the memoranda contribute to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user, unit_ids

from . import selectors
from .choices import IN_FORCE, Health
from .permissions import can_see_mcom_agenda, can_see_memoranda, reads_everything


def awaiting_me(request, obj=None):
    """My work: memoranda whose next step is mine."""
    user = request.user
    if not can_see_memoranda(user) or not (
        reads_everything(user) or has_role(user, Role.COORDINATOR, Role.ACADEMIC)
    ):
        return None
    qs = selectors.awaiting_user(user)
    items = list(qs[:8])
    if not items:
        return None
    return {"items": items, "count": qs.count() if len(items) == 8 else len(items)}


def unit_attention(request, obj=None):
    """My work: expiring and dormant memoranda of my unit (coordinators), or of the whole
    university (OIL, management)."""
    user = request.user
    if is_oil(user) or has_role(user, Role.MANAGEMENT):
        scope, unit = selectors.memoranda_for(user), None
    elif has_role(user, Role.COORDINATOR) and user.unit_id:
        scope = selectors.memoranda_for(user).filter(initiating_unit_id__in=unit_ids(user))
        unit = user.unit
    else:
        return None
    today = timezone.localdate()
    in_force = scope.filter(status__in=IN_FORCE)
    expiring = in_force.filter(
        end_date__gte=today, end_date__lte=today + datetime.timedelta(days=90)
    ).order_by("end_date")
    dormant = in_force.filter(selectors.health_q(Health.DORMANT))
    return {
        "unit": unit,
        "expiring": list(expiring.select_related("memo_type")[:5]),
        "expiring_count": expiring.count(),
        "dormant": list(dormant.order_by("engaged_since")[:5]),
        "dormant_count": dormant.count(),
        "summary": selectors.health_summary(scope),
    }


def mcom(request, obj=None):
    """My work: the MCOM agenda, for committee members."""
    user = request.user
    if not has_role(user, Role.COMMITTEE) or not can_see_mcom_agenda(user):
        return None
    qs = selectors.mcom_agenda(user)
    return {"items": list(qs[:6]), "count": qs.count()}


def partner_memoranda(request, org):
    """An organisation's page: the memoranda it is a party to (those this user may see)."""
    user = request.user
    if org is None or not can_see_memoranda(user):
        return None
    qs = selectors.memoranda_of_organisation(user, org.pk).order_by("-created_at", "-pk")
    return {"memoranda": list(qs[:25]), "count": qs.count(), "org": org}


def partner_own(request, obj=None):
    """My work, for a partner user: the memoranda their organisation is a party to."""
    user = request.user
    if not is_partner_user(user) or reads_everything(user):
        return None
    qs = selectors.memoranda_of_organisation(user, user.organisation_id).order_by(
        "-status_changed_at", "-pk"
    )
    return {"memoranda": list(qs[:10]), "count": qs.count(), "org": user.organisation}
