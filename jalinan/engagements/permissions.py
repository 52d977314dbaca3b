"""Who may see and change which activities of the engagement log.

- University staff (every staff role): read every activity. OIL, the activity's creator, the
  staff involved and the coordinator of its organising KCDIO change it.
- OIL, coordinators and academic staff log new activities.
- Approved partner users: the activities their organisation took part in, without internal
  attachments and without the names of the students involved.
- Students: the activities they took part in.
- Everyone else: nothing; every record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import (
    Role,
    has_role,
    is_oil,
    is_partner_user,
    is_staff_member,
    unit_ids,
)

from .models import Activity, Attachment


def can_see_activities(user) -> bool:
    return is_staff_member(user) or is_partner_user(user) or has_role(user, Role.STUDENT)


def can_create_activity(user) -> bool:
    return is_oil(user) or has_role(user, Role.COORDINATOR, Role.ACADEMIC)


def _involved(user, activity: Activity, relation: str) -> bool:
    cache = getattr(activity, "_prefetched_objects_cache", {})
    if relation in cache:
        return any(u.pk == user.pk for u in getattr(activity, relation).all())
    return getattr(activity, relation).filter(pk=user.pk).exists()


def can_view_activity(user, activity: Activity) -> bool:
    if is_staff_member(user):
        return True
    if is_partner_user(user):
        cache = getattr(activity, "_prefetched_objects_cache", {})
        if "organisations" in cache:
            return any(o.pk == user.organisation_id for o in activity.organisations.all())
        return activity.organisations.filter(pk=user.organisation_id).exists()
    if has_role(user, Role.STUDENT):
        return _involved(user, activity, "students")
    return False


def can_change_activity(user, activity: Activity) -> bool:
    if is_oil(user):
        return True
    if not has_role(user, Role.COORDINATOR, Role.ACADEMIC):
        return False
    if activity.created_by_id == user.pk or _involved(user, activity, "staff"):
        return True
    return (
        has_role(user, Role.COORDINATOR)
        and activity.unit_id is not None
        and activity.unit_id in unit_ids(user)
    )


def can_see_students(user, activity: Activity) -> bool:
    return is_staff_member(user) or (
        has_role(user, Role.STUDENT) and _involved(user, activity, "students")
    )


def can_view_attachment(user, attachment: Attachment) -> bool:
    if not can_view_activity(user, attachment.activity):
        return False
    return not attachment.is_internal or is_staff_member(user)


def get_activity_for_user(user, pk, *, write: bool = False) -> Activity:
    activity = Activity.objects.select_related("unit", "created_by").filter(pk=pk).first()
    if activity is None or not can_view_activity(user, activity):
        raise Http404
    if write and not can_change_activity(user, activity):
        raise PermissionDenied
    return activity


def get_attachment_for_user(user, pk) -> Attachment:
    attachment = Attachment.objects.select_related("activity").filter(pk=pk).first()
    if attachment is None or not can_view_attachment(user, attachment):
        raise Http404
    return attachment
