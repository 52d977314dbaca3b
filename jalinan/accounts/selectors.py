from .models import Unit, User
from .roles import Role


def pending_partner_signups():
    return User.objects.filter(
        groups__name=Role.PARTNER, approval_status=User.Approval.PENDING, is_active=True
    ).order_by("date_joined")


def unit_tree() -> dict[int, dict]:
    """Every KCDIO unit as ``{pk: {"name", "name_ms", "parent_id", "is_active"}}``, in one
    query (for reports that roll figures up the tree)."""
    return {
        row["pk"]: dict(row)
        for row in Unit.objects.values("pk", "name", "name_ms", "parent_id", "is_active")
    }


def active_users_with_role(role: str):
    """The active people holding ``role`` (e.g. management, for the monthly figures)."""
    return User.objects.filter(groups__name=role, is_active=True).order_by("full_name")
