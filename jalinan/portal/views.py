from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jalinan.accounts.roles import Role, is_oil, user_roles
from jalinan.core.models import AuditEntry
from jalinan.partners.selectors import organisations_for


def home(request):
    """The office's front page: what it does, and a way in for each kind of visitor."""
    return render(request, "portal/home.html", {})


@login_required
def my_work(request):
    """One page per person: what needs their attention, by the roles they hold."""
    user = request.user
    roles = user_roles(user)
    ctx: dict = {
        "notifications": user.notifications.filter(read_at__isnull=True)[:8],
        "pending_partner": Role.PARTNER in roles and user.approval_status != "approved",
        "no_role": not roles,
    }
    if is_oil(user):
        from jalinan.accounts.selectors import pending_partner_signups

        ctx["pending_signups"] = pending_partner_signups()[:10]
        ctx["recent_changes"] = AuditEntry.objects.select_related("content_type")[:10]
        ctx["partner_count"] = organisations_for(user).count()
        ctx["unvetted_count"] = organisations_for(user).filter(is_vetted=False).count()
    if Role.COORDINATOR in roles and user.unit_id:
        ctx["unit_partners"] = organisations_for(user).filter(lead_unit=user.unit)[:10]
    if Role.PARTNER in roles and user.organisation_id:
        ctx["own_organisation"] = user.organisation
    return render(request, "portal/my_work.html", ctx)
