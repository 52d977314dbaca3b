"""The office's programmes of study (reference data the students' profiles point to)."""

from __future__ import annotations

from django.db import transaction

from jalinan.core.audit import audit_log, diff, snapshot

from .. import ranking
from ..models import Programme, StudentProfile
from .common import apply_fields

PROGRAMME_FIELDS = {"code", "name", "name_ms", "level", "unit", "is_active"}


@transaction.atomic
def programme_create(*, by, **fields) -> Programme:
    """Add a programme of study (the office's reference data)."""
    programme = Programme()
    apply_fields(programme, fields, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    audit_log(actor=by, action="create", obj=programme, changes=diff({}, snapshot(programme)))
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by, **fields) -> Programme:
    before = snapshot(Programme.objects.get(pk=programme.pk))
    apply_fields(programme, fields, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    changes = diff(before, snapshot(programme))
    if changes:
        audit_log(actor=by, action="update", obj=programme, changes=changes)
    if "name" in changes:  # the students' "programme" documents name it
        for profile in StudentProfile.objects.filter(programme=programme).only("pk"):
            ranking.profile_reindex(profile)
    return programme
