"""The placements register: the office's history of past internships, keyed by its own
reference, with no opening or application in Jalinan. The placements it records are seen where
placements are (the student's list and page, the partner's, the coordinator's, the
organisation's page, the export, the API, the dashboard's figures) by the same rule; a bad
row is refused with a message naming what is wrong; a second import changes nothing; a dry run
writes nothing; nobody is notified."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from jalinan.accounts.tests.factories import UnitFactory
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.core.models import AuditEntry, Notification
from jalinan.partners.models import Organisation
from jalinan.partners.tests.factories import OrganisationFactory
from jalinan.placements.models import Placement
from jalinan.reports import dashboard
from jalinan.reports.permissions import scope_for

from .factories import make_profile, make_student

pytestmark = pytest.mark.django_db

HEADER = (
    "reference,student,company,kind,starts_on,ends_on,status,industry_supervisor,"
    "industry_supervisor_email,academic_supervisor,kulliyyah\n"
)
GOOD = HEADER + (
    "PL/2022/001,student@uni.test,Acme Robotics Sdn. Bhd.,internship,2022-03-07,2022-05-27,"
    "completed,Lim Wei,lim.wei@acme.test,academic@uni.test,koe\n"
    "PL/2022/002,A2000123,Kedai Kopi Sentosa,industry_project,01/09/2022,16/12/2022,,,,,koe\n"
)


@pytest.fixture
def students(student, mech):
    make_profile(student, mech)
    badrul = make_student("badrul@uni.test", "Badrul Second", mech.unit, staff_id="A2000123")
    make_profile(badrul, mech)
    return student, badrul


def _import(text: str, by, *, dry_run: bool = False):
    report, _run = import_file(
        get_register("placements"),
        filename="placements.csv",
        content=text.encode(),
        by=by,
        dry_run=dry_run,
    )
    return report


def _said(report) -> dict[int, str]:
    return {r.line: " ".join(r.messages) for r in report.rows if r.outcome == "rejected"}


def test_a_good_file_records_past_placements_seen_where_placements_are(
    students, officer, academic, coordinator, partner_user, org_acme, client_for
):
    siti, badrul = students
    report = _import(GOOD, officer)
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    notes = {r.line: " ".join(r.notes) for r in report.rows}
    assert "new organisation “Kedai Kopi Sentosa” is added to the registry" in notes[3]

    first = Placement.objects.get(reference="PL/2022/001")
    assert first.application is None and first.student == siti and first.organisation == org_acme
    assert first.status == "completed" and first.completed_at is not None
    assert first.academic_supervisor == academic and first.industry_supervisor_name == "Lim Wei"
    second = Placement.objects.get(reference="PL/2022/002")
    assert second.student == badrul and second.kind == "industry_project"
    assert second.starts_on == datetime.date(2022, 9, 1) and second.status == "completed"
    # Historical records: audited, and nobody is told.
    assert AuditEntry.objects.filter(action="create", object_id=str(first.pk)).exists()
    assert not Notification.objects.exists()

    # The student: their own placement, on the list and its page, and not Badrul's.
    page = client_for(siti).get(reverse("placements:placement_list")).content.decode()
    assert "Acme Robotics Sdn. Bhd." in page and "PL/2022/001" in page
    assert "Kedai Kopi Sentosa" not in page
    detail = client_for(siti).get(first.get_absolute_url()).content.decode()
    assert "recorded from the office's register (PL/2022/001)" in detail
    assert "its logbook was kept outside Jalinan" in detail

    # The company sees the placement at it; the coordinator both of their Kulliyyah's.
    page = client_for(partner_user).get(reverse("placements:placement_list")).content.decode()
    assert "Siti Student" in page and "Badrul Second" not in page
    page = client_for(coordinator).get(reverse("placements:placement_list")).content.decode()
    assert "Siti Student" in page and "Badrul Second" in page

    # The office: the organisation's page and the export.
    client = client_for(officer)
    page = client.get(reverse("partners:organisation_detail", args=[org_acme.pk])).content
    assert "Siti Student" in page.decode()
    export = client.get(reverse("placements:placement_list") + "?export=csv").content.decode()
    assert "PL/2022/002" in export and "Industry final-year project" in export

    # The API says where it came from.
    got = client.get(f"/api/v1/placements/placements/{first.pk}").json()
    assert got["application_id"] is None and got["reference"] == "PL/2022/001"

    # The dashboard's figures for 2022 count them, by kind.
    scope = scope_for(officer, year=2022, today=datetime.date(2026, 11, 25))
    sections = dashboard.build(scope)
    figures = {f.figure.key: f.value for s in sections for f in s.figures}
    assert figures["placements.placements"] == 2
    assert figures["placements.students"] == 2 and figures["placements.hosts"] == 2
    (kinds,) = [c for s in sections for c in s.charts if c.chart.key == "placements.by_kind"]
    assert {row[0]: row[1:] for row in kinds.table.rows} == {
        "Internship (industrial training)": [1],
        "Industry final-year project": [1],
    }


def test_a_second_import_reports_every_row_unchanged_and_changes_nothing(
    students, officer, academic
):
    _import(GOOD, officer)
    before = list(Placement.objects.order_by("pk").values())
    entries = AuditEntry.objects.exclude(action="import").count()
    orgs = Organisation.objects.count()
    again = _import(GOOD, officer)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert list(Placement.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.exclude(action="import").count() == entries
    assert Organisation.objects.count() == orgs

    corrected = _import(GOOD.replace("Lim Wei", "Lim Wei Ming"), officer)
    assert corrected.counts == {"created": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    assert Placement.objects.get(reference="PL/2022/001").industry_supervisor_name == (
        "Lim Wei Ming"
    )


def test_bad_rows_each_get_a_clear_message(students, officer, academic, org_acme):
    OrganisationFactory(legal_name="Pelangi Cold Chain Sdn. Bhd.")
    OrganisationFactory(legal_name="Pelangi Cold Chains Sdn. Bhd.")
    UnitFactory(code="kict", name="Kulliyyah of ICT")
    bad = HEADER + (
        "PL/1,ghost@uni.test,Ghost Trading Enterprise,,2022-01-03,2022-03-25,,,,,\n"
        "PL/2,A2000123,Pelangi Kold Chain,,2022-01-03,2022-03-25,,,,,\n"
        "PL/3,student@uni.test,Kedai Kopi Sentosa,,2022-05-27,2022-03-07,,,,,\n"
        "PL/3,student@uni.test,Kedai Kopi Sentosa,,2023-01-02,2023-03-24,,,,,\n"
        "PL/5,student@uni.test,Kedai Kopi Sentosa,,2021-01-04,2021-03-26,,,,,kxyz\n"
        "PL/6,student@uni.test,Kedai Kopi Sentosa,,2021-06-07,2021-08-27,,,,,kict\n"
        "PL/7,student@uni.test,Kedai Kopi Sentosa,,2020-06-01,2020-08-28,active,,,,\n"
        "PL/8,student@uni.test,Kedai Kopi Sentosa,,2019-06-03,2019-08-30,,,,officer@uni.test,\n"
        "PL/9,A2000123,Kedai Kopi Sentosa,,2018-06-04,2018-08-31,,,,,\n"
        "PL/10,badrul@uni.test,Kedai Kopi Sentosa,,2018-07-02,2018-09-28,,,,,\n"
    )
    report = _import(bad, officer)
    said = _said(report)
    assert "nobody with the matric number or e-mail address “ghost@uni.test”" in said[2]
    assert "matches 2 organisations" in said[3]
    assert "ends_on: The period must end after it starts." in said[4]
    assert "“PL/3” is also on row 4" in said[5]
    assert "kulliyyah: unknown KCDIO unit “kxyz”" in said[6]
    assert "kulliyyah: the student's Kulliyyah is koe, not kict" in said[7]
    assert "status: A placement that has ended is completed or cancelled." in said[8]
    assert "academic_supervisor: Choose a member of academic staff." in said[9]
    assert 10 not in said  # Badrul's first one is kept
    assert "overlap the student's placement at Kedai Kopi Sentosa" in said[11]
    assert list(Placement.objects.values_list("reference", flat=True)) == ["PL/9"]
    # A row refused writes nothing: its new organisation is not kept either.
    assert not Organisation.objects.filter(legal_name="Ghost Trading Enterprise").exists()


def test_a_dry_run_writes_nothing(students, officer, academic, capsys, tmp_path):
    path = tmp_path / "placements.csv"
    path.write_text(GOOD)
    entries, orgs = AuditEntry.objects.count(), Organisation.objects.count()
    call_command(
        "import_register", "placements", str(path), "--dry-run", "--json", "--by", officer.email
    )
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["counts"]["created"] == 2
    assert not Placement.objects.exists()
    assert AuditEntry.objects.count() == entries and Organisation.objects.count() == orgs


def test_only_the_office_imports_placements(officer, coordinator, student):
    register = get_register("placements")
    assert register.can_import(officer)
    assert not register.can_import(coordinator) and not register.can_import(student)
