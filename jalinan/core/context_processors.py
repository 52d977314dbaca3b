from django.conf import settings

from jalinan.accounts.roles import Role, user_roles

from .institution import get_institution


def jalinan(request):
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None else frozenset()
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "institution": get_institution(),
        "roles": roles,
        "Role": Role,
        "is_oil": bool(roles & {Role.OIL_ADMIN, Role.OIL_OFFICER}),
        "unread_notifications": unread,
        "JALINAN_MODE": settings.MODE,
    }
