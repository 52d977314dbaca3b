"""The memoranda register (and the framework under it): the sample files of ``make demo``
import cleanly and a second time change nothing; the bad file's rows each get a clear
message; a dry run writes nothing; documents come from a ZIP; the registers page and the
command line give the same report."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.models import Memorandum
from jalinan.core.demo.registers import FOLDER
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.core.models import ImportRun
from jalinan.core.testing import database_writes
from jalinan.partners.models import Organisation

pytestmark = pytest.mark.django_db

DOMAIN = "demo.iium.example"


@pytest.fixture
def demo_people(db):
    """The units and logins of the demo the sample files name."""
    for code in ("koe", "kict", "kenms"):
        Unit.objects.create(code=code, name=f"Kulliyyah {code.upper()}", kind="kulliyyah")
    people = {
        "officer": user_create(
            email=f"officer@{DOMAIN}", full_name="Demo Officer", roles=[Role.OIL_OFFICER]
        ),
        "academic": user_create(
            email=f"academic@{DOMAIN}", full_name="Demo Academic", roles=[Role.ACADEMIC]
        ),
        "coordinator": user_create(
            email=f"coordinator@{DOMAIN}", full_name="Demo Coordinator", roles=[Role.COORDINATOR]
        ),
    }
    return people


def _import(key, name, by, **kw):
    return import_file(
        get_register(key), filename=name, content=(FOLDER / name).read_bytes(), by=by, **kw
    )


@pytest.fixture
def partners_in(demo_people):
    report, _run = _import("partners", "partners.csv", demo_people["officer"])
    assert report.counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    return demo_people


def test_sample_files_import_cleanly_and_again_change_nothing(partners_in):
    officer = partners_in["officer"]
    report, run = _import("memoranda", "memoranda.csv", officer)
    assert report.counts == {"created": 6, "updated": 0, "unchanged": 0, "rejected": 0}
    assert run.created == 6 and run.by == officer

    memo = Memorandum.objects.get(reference="OIL/MOU/2021/007")
    assert memo.status == "active"
    assert str(memo.start_date) == "2021-03-01" and str(memo.signed_on) == "2021-02-15"
    assert memo.initiating_unit.code == "kenms"
    assert memo.person_in_charge.email == f"coordinator@{DOMAIN}"
    assert [p.organisation.legal_name for p in memo.parties.all()] == [
        "Pelangi Cold Chain Sdn. Bhd.",  # matched to the registry
        "Sungai Buloh Halal Hub Berhad",  # new: added to it
    ]
    assert Organisation.objects.filter(legal_name="Sungai Buloh Halal Hub Berhad").exists()
    # History: one "imported" row, no replayed workflow.
    assert [(c.action, c.to_status) for c in memo.status_changes.all()] == [("import", "active")]
    row = next(r for r in report.rows if r.reference == "OIL/MOU/2021/007")
    assert any("Sungai Buloh Halal Hub Berhad" in n for n in row.notes)

    orgs = Organisation.objects.count()
    again, _run = _import("memoranda", "memoranda.csv", officer)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 6, "rejected": 0}
    assert Organisation.objects.count() == orgs
    assert memo.status_changes.count() == 1
    partners_again, _run = _import("partners", "partners.csv", officer)
    assert partners_again.counts["unchanged"] == 3


def test_a_changed_row_updates_its_memorandum(partners_in):
    officer = partners_in["officer"]
    _import("memoranda", "memoranda.csv", officer)
    row = "Sungai Buloh Halal Hub Berhad,kenms,coordinator@demo.iium.example,"
    text = (FOLDER / "memoranda.csv").read_text()
    text = text.replace(row + "active", row + "terminated")
    report, _run = import_file(
        get_register("memoranda"), filename="m.csv", content=text.encode(), by=officer
    )
    assert report.counts["updated"] == 1 and report.counts["unchanged"] == 5
    memo = Memorandum.objects.get(reference="OIL/MOU/2021/007")
    assert memo.status == "terminated"
    assert [c.to_status for c in memo.status_changes.all()] == ["active", "terminated"]


def test_bad_rows_each_get_a_clear_message_and_the_good_row_is_kept(partners_in, capsys):
    call_command(
        "import_register",
        "memoranda",
        str(FOLDER / "memoranda-bad.csv"),
        "--json",
        "--by",
        f"officer@{DOMAIN}",
    )
    report = json.loads(capsys.readouterr().out)
    by_line = {r["line"]: r for r in report["rows"]}
    assert report["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 6}
    assert by_line[2]["outcome"] == "created"

    def said(line):
        assert by_line[line]["outcome"] == "rejected"
        return " ".join(by_line[line]["messages"])

    assert "start_date: “31/02/2021” is not a date" in said(3)
    assert "kcdio: unknown KCDIO unit “kxyz”" in said(4)
    assert "type: unknown value “ZZZ”" in said(5)
    assert "“OIL/MOU/2019/201” is also on row 2" in said(6)
    ambiguous = said(7)
    assert "matches 2 organisations" in ambiguous
    assert "Pelangi Cold Chain Sdn. Bhd." in ambiguous
    assert "Pelangi Cold Chains Sdn. Bhd." in ambiguous
    assert "nobody with the e-mail address “nobody@demo.iium.example”" in said(8)
    assert set(Memorandum.objects.values_list("reference", flat=True)) == {"OIL/MOU/2019/201"}
    assert not Organisation.objects.filter(legal_name="Pelangi Kold Chain")


def test_a_dry_run_writes_nothing(partners_in, capsys):
    from jalinan.core.models import AuditEntry

    orgs, entries = Organisation.objects.count(), AuditEntry.objects.count()
    runs = ImportRun.objects.count()
    call_command("import_register", "memoranda", str(FOLDER / "memoranda.csv"), "--dry-run")
    out = capsys.readouterr().out
    assert "dry run: 6 created, 0 updated, 0 unchanged, 0 rejected" in out
    # Checked through the services inside a transaction rolled back at the end.
    assert not Memorandum.objects.exists() and ImportRun.objects.count() == runs
    assert Organisation.objects.count() == orgs and AuditEntry.objects.count() == entries


def test_the_command_lists_registers_and_prints_a_template(capsys):
    call_command("import_register", "--list")
    keys = capsys.readouterr().out.split()
    assert {"memoranda", "partners"} <= set(keys)
    call_command("import_register", "memoranda", "--template", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("reference,type,title,parties,kcdio,person_in_charge,status")
    assert lines[1].startswith("MOU/2019/0012,MOU,")


def _pdf():
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_documents_come_from_a_zip_named_by_reference(partners_in):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("scans/OIL-MOA-2020-031 signed.pdf", _pdf())
        z.writestr("OIL-MOA-2020-031 amendment 1.pdf", _pdf())
        z.writestr("OIL-XXX-1999-001.pdf", _pdf())  # no such row: ignored
    from jalinan.core.imports.engine import read_attachments

    attachments = read_attachments("docs.zip", buf.getvalue())
    officer = partners_in["officer"]
    report, _run = _import("memoranda", "memoranda.csv", officer, attachments=attachments)
    assert report.counts["created"] == 6
    memo = Memorandum.objects.get(reference="OIL/MOA/2020/031")
    assert sorted((d.kind, d.original_name) for d in memo.documents.all()) == [
        ("amendment", "OIL-MOA-2020-031 amendment 1.pdf"),
        ("signed", "OIL-MOA-2020-031 signed.pdf"),
    ]
    again, _run = _import("memoranda", "memoranda.csv", officer, attachments=attachments)
    assert again.counts["unchanged"] == 6
    assert memo.documents.count() == 2


def test_registers_page_upload_preview_confirm_report(partners_in, client_for):
    officer = partners_in["officer"]
    client = client_for(officer)
    page = client.get(reverse("core:register_list"))
    assert page.status_code == 200
    assert b'data-register="memoranda"' in page.content
    assert "Never imported" in page.content.decode()

    template = client.get(reverse("core:register_template", args=["memoranda", "xlsx"]))
    assert template.status_code == 200 and template.content[:2] == b"PK"

    upload = SimpleUploadedFile("memoranda.csv", (FOLDER / "memoranda-bad.csv").read_bytes())
    resp = client.post(reverse("core:register_import", args=["memoranda"]), {"file": upload})
    assert resp.status_code == 302
    preview = client.get(resp["Location"])
    body = preview.content.decode()
    assert "1 to create, 0 to update, 0 unchanged, 6 rejected." in body
    assert "is not a date" in body
    assert not Memorandum.objects.exists()  # a preview writes nothing

    done = client.post(resp["Location"])
    assert done.status_code == 302
    report = client.get(done["Location"])
    assert "1 created, 0 updated, 0 unchanged, 6 rejected." in report.content.decode()
    assert Memorandum.objects.filter(reference="OIL/MOU/2019/201").exists()
    assert client.post(resp["Location"]).status_code == 404  # a preview is confirmed once

    page = client.get(reverse("core:register_list")).content.decode()
    assert "memoranda-bad.csv" not in page and "memoranda.csv" in page
    assert "1 created, 0 updated, 0 unchanged, 6 rejected" in page


def test_a_wrong_header_is_refused_whole(partners_in, client_for):
    client = client_for(partners_in["officer"])
    upload = SimpleUploadedFile("m.csv", b"reference,colour\nX,blue\n")
    resp = client.post(reverse("core:register_import", args=["memoranda"]), {"file": upload})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "missing column(s): type, title, parties" in body
    assert "unknown column(s): colour" in body


@pytest.mark.parametrize("who", ["coordinator", "academic", "outsider", "partner_user"])
def test_only_the_office_imports_registers(who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("core:register_list")).status_code == 404
    assert client.get(reverse("core:register_import", args=["memoranda"])).status_code == 404
    upload = SimpleUploadedFile("m.csv", b"reference\nX\n")
    with database_writes() as writes:
        resp = client.post(reverse("core:register_import", args=["memoranda"]), {"file": upload})
    assert resp.status_code == 404 and writes == []


def test_an_xlsx_file_with_date_cells_imports(partners_in):
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Reference",
            "Type",
            "Title",
            "Parties",
            "KCDIO",
            "Person in charge",
            "Status",
            "Start date",
            "End date",
            "Value in cash (RM)",
        ]
    )  # headings by label
    ws.append(
        [
            "OIL/MOU/2018/300",
            "Memorandum of Understanding",
            "Seaweed drying trials",
            "Teluk Cempedak Marine Biotech Sdn. Bhd.",
            "KICT",
            f"Academic@{DOMAIN}",
            "Expired",
            datetime.datetime(2018, 1, 2),
            datetime.date(2021, 1, 1),
            12500.5,
        ]
    )
    out = io.BytesIO()
    wb.save(out)
    report, _run = import_file(
        get_register("memoranda"),
        filename="m.xlsx",
        content=out.getvalue(),
        by=partners_in["officer"],
    )
    assert report.counts["created"] == 1, report.rows[0].messages
    memo = Memorandum.objects.get(reference="OIL/MOU/2018/300")
    assert (memo.start_date, memo.end_date) == (
        datetime.date(2018, 1, 2),
        datetime.date(2021, 1, 1),
    )
    assert memo.memo_type.code == "mou" and memo.status == "expired"
    assert str(memo.value_cash) == "12500.50"


def test_a_long_preview_is_paged_and_can_show_the_rejected_rows_alone(partners_in, client_for):
    from jalinan.core.imports import views

    client = client_for(partners_in["officer"])
    bad = (FOLDER / "memoranda-bad.csv").read_text()
    header, *rows = bad.strip().splitlines()
    good = rows[0]  # the bad file's first row is its good one (1 to create, 6 rejected)
    # 149 more copies of the good row under other references, after the bad rows.
    lines = [header, *rows] + [
        good.replace("OIL/MOU/2019/201", f"OIL/MOU/2019/{300 + i}") for i in range(149)
    ]
    upload = SimpleUploadedFile("long.csv", ("\n".join(lines) + "\n").encode())
    resp = client.post(reverse("core:register_import", args=["memoranda"]), {"file": upload})
    assert resp.status_code == 302
    first = client.get(resp["Location"]).content.decode()
    assert "150 to create, 0 to update, 0 unchanged, 6 rejected." in first
    assert first.count('data-outcome="') == views.REPORT_PAGE_SIZE
    assert "Page 1 of 2" in first
    second = client.get(resp["Location"] + "?page=2").content.decode()
    assert second.count('data-outcome="') == 156 - views.REPORT_PAGE_SIZE
    rejected = client.get(resp["Location"] + "?only=rejected").content.decode()
    assert rejected.count('data-outcome="rejected"') == 6
    assert rejected.count('data-outcome="') == 6
    assert "Show every row" in rejected
    assert not Memorandum.objects.exists()
