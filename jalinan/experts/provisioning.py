"""Experts' part of the people sync (:mod:`jalinan.accounts.provisioning`): an academic the
HR export lists gets an expert profile (private, empty) when they have none."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jalinan.accounts.provisioning import SyncHook
from jalinan.accounts.roles import Role
from jalinan.sdgs.services import deferred_classification

from .models import ExpertProfile
from .services import profile_create, profile_reindex


class ExpertProfileSync(SyncHook):
    def __init__(self):
        self.have = set(ExpertProfile.objects.values_list("user_id", flat=True))

    def changes(self, user_id, values, roles):
        if Role.ACADEMIC in roles and user_id not in self.have:
            return [[_("expert profile"), None, _("created")]]
        return []

    def apply(self, *, user, values, roles, by):
        if Role.ACADEMIC in roles and user.pk not in self.have:
            profile_create(user=user, by=by)
            self.have.add(user.pk)

    def deactivated(self, *, user, by):
        profile = ExpertProfile.objects.filter(user=user).select_related("user").first()
        if profile is not None:
            profile_reindex(profile)  # out of the index: the account is inactive

    def batch(self):
        return deferred_classification()
