"""The graduate outcomes register: one row per graduate, keyed by e-mail; an employer known to
the partner registry by its exact name is linked; a second import changes nothing."""

from __future__ import annotations

import pytest

from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.placements.models import GraduateOutcome

pytestmark = pytest.mark.django_db

HEADER = b"graduate,graduated_on,status,employer,job_title,started_on\n"


def _import(body: bytes, by):
    report, _run = import_file(
        get_register("graduate_outcomes"), filename="outcomes.csv", content=HEADER + body, by=by
    )
    return report


def test_outcomes_import_and_a_second_import_changes_nothing(officer, student, org_acme):
    body = b"student@uni.test,2024-08-15,employed,Acme Robotics Sdn. Bhd.,Engineer,2024-10-01\n"
    assert _import(body, officer).counts["created"] == 1
    outcome = GraduateOutcome.objects.get(student=student)
    assert outcome.employer_organisation == org_acme and outcome.within_six_months
    assert _import(body, officer).counts["unchanged"] == 1
    moved = body.replace(b"Acme Robotics Sdn. Bhd.", b"Kedai Kopi Sentosa")
    assert _import(moved, officer).counts["updated"] == 1
    outcome.refresh_from_db()
    assert outcome.employer_organisation is None and outcome.employer_name == "Kedai Kopi Sentosa"


def test_bad_rows_are_named(officer, student):
    body = (
        b"student@uni.test,2024-08-15,retired,,,\n"
        b"student@uni.test,15/08/2024,employed,,,2024-10-01\n"
        b"ghost@uni.test,2024-08-15,not_working,,,\n"
    )
    report = _import(body, officer)
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "status: unknown value “retired”" in messages[2]
    assert "is also on row 2" in messages[3]
    assert "nobody with the e-mail address “ghost@uni.test”" in messages[4]
    assert not GraduateOutcome.objects.exists()
