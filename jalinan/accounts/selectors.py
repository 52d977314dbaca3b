from .models import User
from .roles import Role


def pending_partner_signups():
    return User.objects.filter(
        groups__name=Role.PARTNER, approval_status=User.Approval.PENDING, is_active=True
    ).order_by("date_joined")
