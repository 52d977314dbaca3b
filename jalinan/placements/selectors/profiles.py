"""Reads of students' placement profiles, limited to what the user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import is_academic, is_oil, is_partner_user, unit_ids

from ..models import StudentProfile
from ..permissions import is_coordinator


def profiles_for(user) -> QuerySet[StudentProfile]:
    qs = StudentProfile.objects.select_related("user", "programme", "kulliyyah")
    if is_oil(user):
        return qs
    visible = Q(user_id=user.pk)
    if is_coordinator(user):
        visible |= Q(kulliyyah_id__in=unit_ids(user))
    if is_partner_user(user):
        visible |= Q(user__placement_applications__opening__organisation_id=user.organisation_id)
    if is_academic(user):
        visible |= Q(user__placements__academic_supervisor=user)
    return qs.filter(visible).distinct()
