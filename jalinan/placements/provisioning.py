"""Placements' part of the people sync (:mod:`jalinan.accounts.provisioning`): a student row
gives the student's placement profile its programme (by code) and year of study."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jalinan.accounts.provisioning import SyncHook

from . import ranking
from .models import Programme, StudentProfile
from .services.profiles import student_profile_save


class StudentProgrammeSync(SyncHook):
    """Programme and year from the student-records export. An empty cell leaves the
    profile's value as it is; an unknown programme code rejects the row."""

    required = ("programme",)

    def __init__(self):
        self.programmes = {p.code.lower(): p for p in Programme.objects.all()}
        self.codes = {p.pk: p.code for p in self.programmes.values()}
        self.profiles = {
            user_id: (programme_id, year)
            for user_id, programme_id, year in StudentProfile.objects.values_list(
                "user_id", "programme_id", "year_of_study"
            )
        }

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

    def _changes(self, user_id, values) -> tuple[list, dict]:
        programme, year = self._wanted(values)
        old_programme, old_year = self.profiles.get(user_id, (None, None))
        changes, fields = [], {}
        if programme is not None and programme.pk != old_programme:
            changes.append([_("programme"), self.codes.get(old_programme), programme.code])
            fields["programme"] = programme
        if year is not None and year != old_year:
            changes.append([_("year of study"), old_year, year])
            fields["year_of_study"] = year
        return changes, fields

    def changes(self, user_id, values, roles):
        return self._changes(user_id, values)[0]

    def apply(self, *, user, values, roles, by):
        _changes, fields = self._changes(user.pk, values)
        if fields:
            student_profile_save(user=user, by=by, **fields)

    def deactivated(self, *, user, by):
        profile = StudentProfile.objects.filter(user=user).first()
        if profile is not None:
            ranking.profile_reindex(profile)  # out of the index: the account is inactive

    def batch(self):
        return ranking.indexing_deferred()
