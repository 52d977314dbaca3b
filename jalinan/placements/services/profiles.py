"""Students' placement profiles and their CVs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role, has_role
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.files import PDF, validate_upload

from .. import conf, ranking
from ..models import StudentProfile
from .common import apply_fields, clean_list

PROFILE_FIELDS = {
    "programme",
    "year_of_study",
    "cgpa",
    "skills",
    "languages",
    "training_from",
    "training_to",
    "training_weeks",
    "expected_graduation",
    "consent_to_share",
    "shared_fields",
}


def _profile_snapshot(profile: StudentProfile) -> dict:
    fields = [f.name for f in StudentProfile._meta.concrete_fields if f.name != "cv"]
    return {**snapshot(profile, fields), "cv": profile.cv.name or None}


@transaction.atomic
def student_profile_save(*, user: User, by, **fields) -> StudentProfile:
    """Create or update ``user``'s placement profile. The kulliyyah follows the programme (or
    the student's own unit while no programme is chosen); consent is time-stamped."""
    if not has_role(user, Role.STUDENT):
        raise ValidationError(_("Only students have a placement profile."))
    profile = StudentProfile.objects.select_for_update().filter(user=user).first()
    creating = profile is None
    if creating:
        profile = StudentProfile(user=user)
    before = {} if creating else _profile_snapshot(profile)
    for key in ("skills", "languages"):
        if key in fields:
            fields[key] = clean_list(fields[key])
    if "shared_fields" in fields:
        fields["shared_fields"] = sorted({str(f) for f in fields["shared_fields"]})
    was_consenting = profile.consent_to_share
    apply_fields(profile, fields, PROFILE_FIELDS)
    if profile.consent_to_share and not was_consenting:
        profile.consent_at = timezone.now()
    elif not profile.consent_to_share:
        profile.consent_at = None
    profile.kulliyyah_id = profile.programme.unit_id if profile.programme_id else user.unit_id
    profile.full_clean()
    profile.save()
    changes = diff(before, _profile_snapshot(profile))
    if changes:
        audit_log(actor=by, action="create" if creating else "update", obj=profile, changes=changes)
    if creating or {"skills", "languages", "programme"} & set(changes):
        ranking.profile_reindex(profile)
    return profile


@transaction.atomic
def student_cv_upload(*, profile: StudentProfile, upload, by) -> StudentProfile:
    """Store the student's CV: a real PDF (checked by content) under the size limit."""
    validate_upload(upload, kinds=(PDF,), max_bytes=conf.cv_max_bytes())
    old = profile.cv.name if profile.cv else ""
    profile.cv.save("cv.pdf", upload, save=False)
    profile.cv_uploaded_at = timezone.now()
    profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
    if old:
        storage = profile.cv.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_log(actor=by, action="update", obj=profile, message="CV uploaded")
    return profile


@transaction.atomic
def student_cv_remove(*, profile: StudentProfile, by) -> StudentProfile:
    if profile.cv:
        name, storage = profile.cv.name, profile.cv.storage
        profile.cv = ""
        profile.cv_uploaded_at = None
        profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
        transaction.on_commit(lambda: storage.delete(name))
        audit_log(actor=by, action="update", obj=profile, message="CV removed")
    return profile
