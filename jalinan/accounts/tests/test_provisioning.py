"""The people sync (``sync_people``): accounts created, updated and deactivated from the HR
and student-records exports, with a per-row report, idempotent, never deleting anyone."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jalinan.accounts.models import IdentityMapping, Provisioning, User
from jalinan.accounts.provisioning import sync_people
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.core.models import AuditEntry
from jalinan.experts.models import ExpertProfile
from jalinan.placements.models import Programme, StudentProfile

pytestmark = pytest.mark.django_db

STAFF_HEADER = ["staff_number", "email", "name", "title", "unit", "position", "category"]
STUDENT_HEADER = ["matric_number", "email", "name", "programme", "year"]


def csv_file(header, rows, name="export.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return name, out.getvalue().encode()


def xlsx_file(header, rows, name="export.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return name, out.getvalue()


def staff_file(*rows):
    return csv_file(STAFF_HEADER, rows, "hr.csv")


def student_file(*rows):
    return csv_file(STUDENT_HEADER, rows, "students.csv")


AMINAH = ["S1001", "aminah@uni.test", "Aminah Yusof", "Dr", "koe", "Senior Lecturer", "faculty"]
BADRUL = ["S1002", "badrul@uni.test", "Badrul Hisham", "", "kict", "Lecturer", "faculty"]
CHONG = ["S1003", "chong@uni.test", "Chong Wei", "", "koe", "Administrative Officer", "admin"]


def rows_by_number(report):
    return {r.number: r for s in report.sources for r in s.rows}


@pytest.fixture
def units(unit_eng, unit_ict):
    return unit_eng, unit_ict


@pytest.fixture
def programme(unit_eng):
    return Programme.objects.create(code="bmech", name="BEng Mechatronics", unit=unit_eng)


def test_staff_rows_create_accounts_with_unit_position_roles_and_expert_profile(units, oil_admin):
    unit_eng, unit_ict = units
    report = sync_people(staff=staff_file(AMINAH, BADRUL, CHONG), by=oil_admin)
    assert report.counts == {"create": 3}
    aminah = User.objects.get(email="aminah@uni.test")
    assert (aminah.full_name, aminah.title, aminah.job_title) == (
        "Aminah Yusof",
        "Dr",
        "Senior Lecturer",
    )
    assert aminah.unit == unit_eng and aminah.staff_id == "S1001"
    assert aminah.provisioned_from == Provisioning.HR
    assert aminah.roles == {Role.ACADEMIC}
    assert User.objects.get(email="badrul@uni.test").unit == unit_ict
    # "admin" maps to no role: an account without one, and no expert profile.
    chong = User.objects.get(email="chong@uni.test")
    assert chong.roles == frozenset() and not chong.has_usable_password()
    assert set(ExpertProfile.objects.values_list("user__email", flat=True)) == {
        "aminah@uni.test",
        "badrul@uni.test",
    }
    created = AuditEntry.objects.filter(action="create", object_id=str(aminah.pk))
    assert created.filter(actor=oil_admin).exists()


def test_a_second_run_with_the_same_file_changes_nothing_and_says_so(units, capsys, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(staff_file(AMINAH, BADRUL)[1])
    call_command("sync_people", "--staff", str(path))
    entries = AuditEntry.objects.count()
    capsys.readouterr()
    call_command("sync_people", "--staff", str(path))
    out = capsys.readouterr().out
    assert "Nothing to change" in out and "2 unchanged" in out
    assert AuditEntry.objects.count() == entries


def test_changes_are_applied_and_reported_and_hand_given_roles_stay(units, oil_admin):
    unit_eng, unit_ict = units
    sync_people(staff=staff_file(AMINAH))
    aminah = User.objects.get(email="aminah@uni.test")
    user_create_roles = {Role.ACADEMIC, Role.COMMITTEE}
    from jalinan.accounts.services import user_set_roles

    user_set_roles(user=aminah, roles=sorted(user_create_roles), by=oil_admin)
    moved = ["S1001", "aminah@uni.test", "Aminah binti Yusof", "Prof", "kict", "Professor", "admin"]
    report = sync_people(staff=staff_file(moved), by=oil_admin)
    row = rows_by_number(report)["S1001"]
    assert row.action == "update"
    labels = {c[0] for c in row.changes}
    assert {"name", "unit", "position", "title", "roles"} <= labels
    aminah.refresh_from_db()
    assert aminah.unit == unit_ict and aminah.full_name == "Aminah binti Yusof"
    assert aminah.job_title == "Professor"
    # "admin" gives no role: the mapped academic role goes, the committee seat stays.
    assert User.objects.get(pk=aminah.pk).roles == {Role.COMMITTEE}
    assert AuditEntry.objects.filter(
        object_id=str(aminah.pk), action="update", actor=oil_admin, changes__has_key="unit"
    ).exists()


def test_bad_rows_are_rejected_with_their_reasons_and_the_others_go_through(units):
    report = sync_people(
        staff=staff_file(
            AMINAH,
            ["S2001", "not-an-address", "Bad Mail", "", "koe", "", "faculty"],
            ["S2002", "x@uni.test", "Lost Unit", "", "k-nowhere", "", "faculty"],
            ["S2003", "y@uni.test", "Twin One", "", "koe", "", "faculty"],
            ["S2003", "z@uni.test", "Twin Two", "", "koe", "", "faculty"],
            ["", "w@uni.test", "No Number", "", "koe", "", "faculty"],
        )
    )
    rows = {r.line: r for r in report.sources[0].rows}
    assert rows[2].action == "create"
    assert "bad e-mail address" in rows[3].errors[0]
    assert "unknown unit code “k-nowhere”" in rows[4].errors[0]
    assert "duplicate staff_number S2003 in the file (lines 5, 6)" in rows[5].errors[0]
    assert rows[6].action == "rejected"
    assert "no staff_number" in rows[7].errors[0]
    assert set(User.objects.values_list("email", flat=True)) == {"aminah@uni.test"}


def test_a_file_missing_a_required_column_is_refused_whole(units):
    name, content = csv_file(["staff_number", "name"], [["S1", "Someone"]], "hr.csv")
    report = sync_people(staff=(name, content))
    assert "Missing required column(s): email" in report.sources[0].error
    assert not User.objects.filter(staff_id="S1").exists()


def test_the_column_mapping_setting_reads_the_exports_own_headers(units, settings):
    settings.JALINAN_SYNC_STAFF_COLUMNS = {
        "staff_number": "No. Staf",
        "email": "Emel Rasmi",
        "name": "Nama",
        "unit": "Kod Jabatan",
    }
    header = ["No. Staf", "Nama", "Emel Rasmi", "Kod Jabatan", "Gred"]
    rows = [["S9", "Siti Hawa", "siti@uni.test", "KICT", "DS52"]]
    report = sync_people(staff=xlsx_file(header, rows, "hr.xlsx"))
    assert report.counts == {"create": 1}
    siti = User.objects.get(email="siti@uni.test")
    assert siti.staff_id == "S9" and siti.unit.code == "kict"


def test_department_codes_map_through_the_identity_mappings(units):
    unit_eng, _unit_ict = units
    IdentityMapping.objects.create(kind="unit", value="k-eng-07", unit=unit_eng)
    row = ["S5", "five@uni.test", "Five", "", "K-ENG-07", "", "faculty"]
    sync_people(staff=staff_file(row))
    assert User.objects.get(email="five@uni.test").unit == unit_eng


def test_people_no_longer_in_the_file_are_deactivated_not_deleted(units, settings, oil_admin):
    settings.JALINAN_SYNC_MAX_DEACTIVATION_PERCENT = 50
    sync_people(staff=staff_file(AMINAH, BADRUL, CHONG))
    badrul = User.objects.get(email="badrul@uni.test")
    report = sync_people(staff=staff_file(AMINAH, CHONG), by=oil_admin)
    gone = rows_by_number(report)["S1002"]
    assert gone.action == "deactivate" and gone.line is None
    badrul.refresh_from_db()
    assert not badrul.is_active and badrul.deprovisioned_at is not None
    assert ExpertProfile.objects.filter(user=badrul).exists()
    assert AuditEntry.objects.filter(
        object_id=str(badrul.pk), actor=oil_admin, changes__has_key="is_active"
    ).exists()
    # Back in the file: the sync reactivates the account it deactivated.
    report = sync_people(staff=staff_file(AMINAH, BADRUL, CHONG))
    assert rows_by_number(report)["S1002"].action == "update"
    badrul.refresh_from_db()
    assert badrul.is_active and badrul.deprovisioned_at is None


def test_a_truncated_file_deactivates_nobody_without_permission(units):
    sync_people(staff=staff_file(AMINAH, BADRUL, CHONG))
    report = sync_people(staff=staff_file(AMINAH))
    assert report.sources[0].held == 2
    assert {r.action for r in report.sources[0].rows if r.line is None} == {"held"}
    assert User.objects.filter(is_active=True, provisioned_from="hr").count() == 3
    report = sync_people(staff=staff_file(AMINAH), allow_mass_deactivation=True)
    assert report.sources[0].held == 0
    assert User.objects.filter(is_active=True, provisioned_from="hr").count() == 1


def test_a_staff_file_never_deactivates_students_nor_hand_made_accounts(
    units, programme, academic, settings
):
    settings.JALINAN_SYNC_MAX_DEACTIVATION_PERCENT = 100
    sync_people(
        staff=staff_file(AMINAH),
        students=student_file(["M1", "m1@student.uni.test", "Maryam", "bmech", "2"]),
    )
    sync_people(staff=staff_file(BADRUL))
    assert User.objects.get(email="m1@student.uni.test").is_active
    assert User.objects.get(pk=academic.pk).is_active
    assert not User.objects.get(email="aminah@uni.test").is_active


def test_students_get_their_programme_year_and_kulliyyah(units, programme):
    unit_eng, _ = units
    report = sync_people(
        students=student_file(
            ["M1", "m1@student.uni.test", "Maryam", "bmech", "2"],
            ["M2", "m2@student.uni.test", "Nizam", "bnope", "1"],
            ["M3", "m3@student.uni.test", "Omar", "bmech", "nine"],
        )
    )
    rows = rows_by_number(report)
    assert rows["M1"].action == "create"
    assert "unknown programme code “bnope”" in rows["M2"].errors[0]
    assert "year of study “nine” is not 1 to 7" in rows["M3"].errors[0]
    maryam = User.objects.get(email="m1@student.uni.test")
    assert maryam.roles == {Role.STUDENT} and maryam.unit == unit_eng
    assert maryam.provisioned_from == Provisioning.STUDENT_RECORDS
    profile = StudentProfile.objects.get(user=maryam)
    assert (profile.programme, profile.year_of_study) == (programme, 2)
    # Next year: the year moves on, nothing else.
    report = sync_people(
        students=student_file(["M1", "m1@student.uni.test", "Maryam", "bmech", "3"])
    )
    row = rows_by_number(report)["M1"]
    assert row.action == "update" and [c[0] for c in row.changes] == ["year of study"]
    profile.refresh_from_db()
    assert profile.year_of_study == 3


def test_an_inactive_status_deactivates_and_a_hand_deactivated_account_stays_off(units, settings):
    header = [*STAFF_HEADER, "status"]
    sync_people(staff=csv_file(header, [[*AMINAH, "active"], [*BADRUL, "active"]]))
    report = sync_people(staff=csv_file(header, [[*AMINAH, "retired"], [*BADRUL, "active"]]))
    assert rows_by_number(report)["S1001"].action == "update"
    assert not User.objects.get(email="aminah@uni.test").is_active
    User.objects.filter(email="badrul@uni.test").update(is_active=False)
    report = sync_people(staff=csv_file(header, [[*AMINAH, "retired"], [*BADRUL, "active"]]))
    assert "deactivated by hand" in rows_by_number(report)["S1002"].errors[0]
    assert not User.objects.get(email="badrul@uni.test").is_active
    report = sync_people(staff=csv_file(header, [[*AMINAH, "on leave"]]))
    assert "unknown status “on leave”" in report.sources[0].rows[0].errors[0]


def test_an_existing_account_is_taken_over_by_its_e_mail_address(units):
    person = user_create(email="Aminah@uni.test", full_name="Aminah", roles=[Role.COORDINATOR])
    report = sync_people(staff=staff_file(AMINAH))
    assert rows_by_number(report)["S1001"].action == "update"
    person.refresh_from_db()
    assert person.provisioned_from == Provisioning.HR and person.staff_id == "S1001"
    assert User.objects.get(pk=person.pk).roles == {Role.COORDINATOR, Role.ACADEMIC}


def test_a_dry_run_writes_nothing(units, capsys, tmp_path):
    path = tmp_path / "hr.xlsx"
    path.write_bytes(xlsx_file(STAFF_HEADER, [AMINAH])[1])
    call_command("sync_people", "--staff", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "create" in out and "aminah@uni.test" in out and "Dry run" in out
    assert not User.objects.filter(email="aminah@uni.test").exists()


def test_the_command_refuses_a_bad_file_by_name(units, tmp_path):
    path = tmp_path / "hr.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="hr.txt was refused"):
        call_command("sync_people", "--staff", str(path))


def test_the_sync_reads_more_rows_than_other_imports_accept(units, settings):
    settings.JALINAN_IMPORT_MAX_ROWS = 1
    report = sync_people(staff=staff_file(AMINAH, BADRUL))
    assert report.counts == {"create": 2}
    settings.JALINAN_SYNC_MAX_ROWS = 1
    report = sync_people(staff=staff_file(AMINAH, BADRUL))
    assert "more than 1 rows" in report.sources[0].error


def test_the_bulk_audit_entries_keep_the_audit_chain_whole(units, programme, capsys):
    sync_people(
        staff=staff_file(AMINAH, BADRUL),
        students=student_file(["M1", "m1@student.uni.test", "Maryam", "bmech", "2"]),
    )
    call_command("verify_audit_chain")
    assert "OK" in capsys.readouterr().out
    maryam = User.objects.get(email="m1@student.uni.test")
    profile = StudentProfile.objects.get(user=maryam)
    from jalinan.core.audit import history_for

    entry = history_for(profile).get(action="create")
    assert entry.changes["programme"] == [None, "BEng Mechatronics"]


def test_the_column_settings_name_only_the_syncs_fields():
    from django.conf import settings

    from jalinan.accounts.provisioning import SOURCES

    for source in SOURCES.values():
        assert set(getattr(settings, source.setting)) <= set(source.fields)


def test_the_sample_exports_sync_cleanly_against_the_demos_units_and_programmes(units):
    from pathlib import Path

    import jalinan.accounts

    unit_eng, unit_ict = units
    for code, unit in (("beng-mct", unit_eng), ("beng-mech", unit_eng), ("bcs", unit_ict)):
        Programme.objects.create(code=code, name=code, unit=unit)
    samples = Path(jalinan.accounts.__file__).parent / "samples"
    report = sync_people(
        staff=("hr-export.csv", (samples / "hr-export.csv").read_bytes()),
        students=("students-export.csv", (samples / "students-export.csv").read_bytes()),
    )
    assert report.counts == {"create": 9, "skipped": 2}
    assert User.objects.get(email="lim.mei.ling@staff.uni.example").unit == unit_ict


def test_new_profiles_enter_the_search_index_as_one_by_one_indexing_would_put_them(
    units, programme
):
    from jalinan.matching.models import IndexedCollection, IndexedDoc, IndexedEntity
    from jalinan.placements import ranking
    from jalinan.placements.provisioning import reindex_profiles

    sync_people(
        students=student_file(
            ["M1", "m1@student.uni.test", "Maryam", "bmech", "2"],
            ["M2", "m2@student.uni.test", "Nizam", "bmech", "1"],
        )
    )
    one, two = StudentProfile.objects.order_by("user__email")
    ranking._index_profile(one.pk)  # the usual path, for the first
    reindex_profiles([one.pk, two.pk])  # the sync's bulk path, for the second

    def indexed(profile):
        entity = IndexedEntity.objects.get(
            collection__name=ranking.STUDENTS, entity_id=profile.user_id
        )
        docs = [
            (d.key, d.kind, d.title, d.weight, d.content_hash, bytes(d.terms), d.length)
            for d in IndexedDoc.objects.filter(entity=entity)
        ]
        return entity.meta, entity.keywords, docs

    assert indexed(one) == indexed(two)
    assert indexed(two)[0] == {"programme": "bmech"}
    coll = IndexedCollection.objects.get(name=ranking.STUDENTS)
    assert coll.doc_count == IndexedDoc.objects.filter(collection=coll).count() == 2
    assert not IndexedDoc.objects.filter(collection=coll, model_key="").exists()


def test_new_expert_profiles_enter_the_search_index(units):
    from jalinan.experts.provisioning import reindex_expert_profiles
    from jalinan.matching.models import IndexedEntity

    sync_people(staff=staff_file(AMINAH))
    profile = ExpertProfile.objects.get(user__email="aminah@uni.test")
    reindex_expert_profiles([profile.pk])
    entity = IndexedEntity.objects.get(collection__name="experts", entity_id=profile.pk)
    assert entity.meta["unit"] == profile.unit_id and entity.meta["position"] == "senior_lecturer"
