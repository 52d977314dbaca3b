"""Placements' part of the people sync (:mod:`jalinan.accounts.provisioning`): a student row
gives the student's placement profile its programme (by code) and year of study."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.provisioning import SyncHook
from jalinan.core.audit import audit_log_many

from . import ranking
from .models import Programme, StudentProfile


@shared_task
def reindex_profiles(pks: list[int]) -> int:
    """Bring the search index up to date for these student profiles (the people sync's): the
    students new to the index in bulk, the others one by one, then the texts embedded in
    batches (a programme's name is embedded once for all its students)."""
    from jalinan import matching

    profiles = []
    for i in range(0, len(pks), 500):
        profiles += StudentProfile.objects.filter(pk__in=pks[i : i + 500]).select_related(
            "programme", "user"
        )
    new, others = [], []
    for profile in profiles:
        docs = ranking.profile_documents(profile)
        if docs and profile.user.is_active:
            meta = {"programme": profile.programme.code if profile.programme_id else ""}
            new.append((profile.user_id, docs, meta, list(profile.skills)))
        else:
            others.append(profile)  # out of the index
    with ranking.indexing_deferred():
        already = set(matching.index_new_entities(ranking.STUDENTS, new, embed=True))
        for profile in others + [p for p in profiles if p.user_id in already]:
            ranking.profile_reindex(profile)
    matching.embed_pending_docs(ranking.STUDENTS)
    return len(profiles)


class StudentProgrammeSync(SyncHook):
    """Programme and year from the student-records export, written in bulk (what
    ``student_profile_save`` writes: the kulliyyah follows the programme; an audit entry per
    profile). An empty cell leaves the profile's value as it is; an unknown programme code
    rejects the row. The search index follows in the background."""

    required = ("programme",)

    def __init__(self):
        self.programmes = {p.code.lower(): p for p in Programme.objects.all()}
        self.by_id = {p.pk: p for p in self.programmes.values()}
        self.profiles = {
            user_id: (programme_id, year)
            for user_id, programme_id, year in StudentProfile.objects.values_list(
                "user_id", "programme_id", "year_of_study"
            )
        }
        self.to_index: list[int] = []

    def _wanted(self, values: dict[str, str]) -> tuple[Programme | None, int | None]:
        code = values.get("programme", "").lower()
        year = values.get("year", "")
        return self.programmes.get(code), int(year) if year.isdigit() else None

    def check(self, values):
        errors: list[str] = []
        defaults: dict[str, Any] = {}
        code = values.get("programme", "")
        if code:
            programme = self.programmes.get(code.lower())
            if programme is None:
                errors.append(
                    _(
                        "unknown programme code “%(value)s”: add it under Office → Placement "
                        "rubric and programmes"
                    )
                    % {"value": code}
                )
            else:
                defaults["unit_id"] = programme.unit_id
        year = values.get("year", "")
        if year and not (year.isdigit() and 1 <= int(year) <= 7):
            errors.append(_("year of study “%(value)s” is not 1 to 7") % {"value": year})
        return errors, defaults

    def _fields(self, user_id, values) -> dict:
        programme, year = self._wanted(values)
        old_programme, old_year = self.profiles.get(user_id, (None, None))
        fields: dict[str, Any] = {}
        if programme is not None and programme.pk != old_programme:
            fields["programme"] = programme
        if year is not None and year != old_year:
            fields["year_of_study"] = year
        return fields

    def changes(self, user_id, values, roles):
        old_programme, old_year = self.profiles.get(user_id, (None, None))
        fields = self._fields(user_id, values)
        out = []
        if "programme" in fields:
            old = self.by_id[old_programme].code if old_programme else None
            out.append([_("programme"), old, fields["programme"].code])
        if "year_of_study" in fields:
            out.append([_("year of study"), old_year, fields["year_of_study"]])
        return out

    def apply(self, items, *, by):
        wanted = {user.pk: (user, self._fields(user.pk, values)) for user, values, _r in items}
        wanted = {pk: w for pk, w in wanted.items() if w[1]}
        existing = {}
        ids = [pk for pk in wanted if pk in self.profiles]
        for i in range(0, len(ids), 500):
            for p in StudentProfile.objects.filter(user_id__in=ids[i : i + 500]):
                existing[p.user_id] = p
        new, changed, audits, reindex = [], [], [], []
        now = timezone.now()
        for pk, (user, fields) in wanted.items():
            profile = existing.get(pk)
            before = (
                {
                    "programme": str(self.by_id[profile.programme_id])
                    if profile.programme_id
                    else None,
                    "year_of_study": profile.year_of_study,
                    "kulliyyah": profile.kulliyyah_id,
                }
                if profile
                else {}
            )
            if profile is None:
                profile = StudentProfile(user=user)
                new.append(profile)
            else:
                profile.user = user
                profile.updated_at = now
                changed.append(profile)
            for k, v in fields.items():
                setattr(profile, k, v)
            programme = self.by_id.get(profile.programme_id)
            profile.kulliyyah_id = programme.unit_id if programme else user.unit_id
            after = {
                "programme": str(programme) if programme else None,
                "year_of_study": profile.year_of_study,
                "kulliyyah": profile.kulliyyah_id,
            }
            changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
            audits.append(
                {
                    "actor": by,
                    "action": "update" if before else "create",
                    "obj": profile,
                    "changes": changes,
                }
            )
            if "programme" in fields:
                reindex.append(profile)
        StudentProfile.objects.bulk_create(new, batch_size=500)
        # One UPDATE per programme, year and kulliyyah: a new academic year is a few dozen.
        same: dict[tuple, list[int]] = {}
        for p in changed:
            key = (p.programme_id, p.year_of_study, p.kulliyyah_id)
            same.setdefault(key, []).append(p.pk)
        for (programme_id, year, kulliyyah_id), pks in same.items():
            for i in range(0, len(pks), 500):
                StudentProfile.objects.filter(pk__in=pks[i : i + 500]).update(
                    programme_id=programme_id,
                    year_of_study=year,
                    kulliyyah_id=kulliyyah_id,
                    updated_at=now,
                )
        audit_log_many(audits)
        self.to_index += [p.pk for p in reindex]

    def deactivated(self, users, *, by):
        ids = [u.pk for u in users]
        self.to_index += list(
            StudentProfile.objects.filter(user_id__in=ids).values_list("pk", flat=True)
        )

    def finish(self):
        if self.to_index:
            pks = list(self.to_index)
            transaction.on_commit(lambda: reindex_profiles.delay(pks))
