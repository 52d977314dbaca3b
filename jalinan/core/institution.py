"""The institution this installation serves (name, logo, colours), configurable per university."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from .models import InstitutionProfile

CACHE_KEY = "jalinan:institution"


def get_institution() -> InstitutionProfile:
    inst = cache.get(CACHE_KEY)
    if inst is None:
        inst = InstitutionProfile.objects.filter(pk=1).first() or InstitutionProfile(
            **settings.JALINAN_INSTITUTION_DEFAULTS
        )
        cache.set(CACHE_KEY, inst, 300)
    return inst


def institution_update(*, by, **fields) -> InstitutionProfile:
    """Create or change the institution profile (an OIL admin's job)."""
    from .audit import audit_log, diff, snapshot

    inst = InstitutionProfile.objects.filter(pk=1).first() or InstitutionProfile(
        pk=1, **settings.JALINAN_INSTITUTION_DEFAULTS
    )
    before = snapshot(inst) if inst.pk and InstitutionProfile.objects.filter(pk=1).exists() else {}
    for k, v in fields.items():
        setattr(inst, k, v)
    inst.full_clean()
    inst.save()
    cache.delete(CACHE_KEY)
    audit_log(
        actor=by,
        action="update" if before else "create",
        obj=inst,
        changes=diff(before, snapshot(inst)),
    )
    return inst
