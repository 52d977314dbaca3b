"""Experts' part of the people sync (:mod:`jalinan.accounts.provisioning`): an academic the
HR export lists gets an expert profile (private, empty) when they have none."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction
from django.utils.translation import gettext as _

from jalinan.accounts.provisioning import SyncHook
from jalinan.accounts.roles import Role
from jalinan.core.audit import audit_log_many, diff, snapshot

from .models import ExpertProfile
from .services import COLLECTION, _position_from_job_title, profile_documents, profile_reindex


@shared_task
def reindex_expert_profiles(pks: list[int]) -> int:
    """Hand these profiles to the search index: those new to it in bulk, the others (people
    who left: out of it) one by one."""
    from jalinan import matching

    profiles = []
    for i in range(0, len(pks), 500):
        profiles += (
            ExpertProfile.objects.filter(pk__in=pks[i : i + 500])
            .select_related("user")
            .prefetch_related("publications", "projects")
        )
    new = [
        (
            p.pk,
            profile_documents(p),
            {
                "unit": p.unit_id,
                "position": p.position,
                "availability": p.availability,
                "public": p.is_public,
            },
            p.keywords,
        )
        for p in profiles
        if p.user.is_active
    ]
    already = set(matching.index_new_entities(COLLECTION, new, embed=True))
    for p in profiles:
        if not p.user.is_active or p.pk in already:
            profile_reindex(p)
    matching.embed_pending_docs(COLLECTION)
    return len(profiles)


class ExpertProfileSync(SyncHook):
    """Creates, in bulk, what ``profile_create`` would: a private profile in the person's
    unit, the position read from the job title, an audit entry each; indexed in the
    background. A new profile holds no text yet, so there is nothing to classify."""

    def __init__(self):
        self.have = set(ExpertProfile.objects.values_list("user_id", flat=True))
        self.to_index: list[int] = []

    def changes(self, user_id, values, roles):
        if Role.ACADEMIC in roles and user_id not in self.have:
            return [[_("expert profile"), None, _("created")]]
        return []

    def apply(self, items, *, by):
        new = []
        for user, _values, roles in items:
            if Role.ACADEMIC in roles and user.pk not in self.have:
                new.append(
                    ExpertProfile(
                        user=user,
                        unit_id=user.unit_id,
                        position=_position_from_job_title(user.job_title),
                    )
                )
                self.have.add(user.pk)
        ExpertProfile.objects.bulk_create(new, batch_size=500)
        audit_log_many(
            [
                {"actor": by, "action": "create", "obj": p, "changes": diff({}, snapshot(p))}
                for p in new
            ]
        )
        self.to_index += [p.pk for p in new]

    def deactivated(self, users, *, by):
        ids = [u.pk for u in users]
        self.to_index += list(
            ExpertProfile.objects.filter(user_id__in=ids).values_list("pk", flat=True)
        )

    def finish(self):
        if self.to_index:
            pks = list(self.to_index)
            transaction.on_commit(lambda: reindex_expert_profiles.delay(pks))
