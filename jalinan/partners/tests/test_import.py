import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jalinan.core.models import AuditEntry
from jalinan.partners.imports import COLUMNS
from jalinan.partners.models import Organisation

HEADER = (
    "legal_name,type,msic_section,msic_division,country,state,email,contact_name,contact_email\n"
)


def upload(client, name, content):
    resp = client.post("/partners/import/", {"file": SimpleUploadedFile(name, content)})
    return resp


def preview(client, name, content):
    resp = upload(client, name, content)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    return resp["Location"], client.get(resp["Location"])


def test_good_csv_previews_then_creates(client_for, officer):
    client = client_for(officer)
    csv = (
        HEADER
        + "Kedai Roti Sdn Bhd,SME,C,10,Malaysia,Selangor,info@roti.example,Ali,ali@roti.example\n"
        "Solar Timur Berhad,glc,,35,MY,PHG,,,\n"
    ).encode()
    url, page = preview(client, "orgs.csv", csv)
    assert "2 ready to create" in page.content.decode()
    assert Organisation.objects.count() == 0  # nothing stored before confirming
    report = client.post(url)
    assert "2 organisations created" in report.content.decode()
    roti = Organisation.objects.get(legal_name="Kedai Roti Sdn Bhd")
    assert roti.state == "SGR" and roti.org_type == "sme" and roti.contacts.get().name == "Ali"
    assert Organisation.objects.get(legal_name="Solar Timur Berhad").msic_section == "D"
    assert AuditEntry.objects.filter(action="create", object_repr="Kedai Roti Sdn Bhd").exists()
    assert AuditEntry.objects.filter(action="import").exists()


def test_bad_rows_are_reported_and_good_ones_kept(client_for, officer):
    client = client_for(officer)
    csv = (
        HEADER
        + "Good One Sdn Bhd,SME,,,MY,,,,\n"
        + "Bad Mail Sdn Bhd,SME,,,MY,,not-an-email,,\n"
        + ("X" * 300)
        + ",SME,,,MY,,,,\n"
        + "Wrong Sector Bhd,SME,Z,,MY,,,,\n"
        + "Mismatch Bhd,SME,A,62,MY,,,,\n"
        + "Pirate Co,pirate,,,MY,,,,\n"
        + "Bad Contact Bhd,SME,,,MY,,,Someone,someone@\n"
    ).encode()
    url, page = preview(client, "orgs.csv", csv)
    text = page.content.decode()
    assert "1 ready to create" in text and "6 rejected" in text
    assert "Enter a valid email address." in text
    assert "at most 255 characters" in text
    assert "unknown sector section" in text
    assert "belongs to section J" in text
    assert "unknown type" in text
    report = client.post(url).content.decode()
    assert "1 organisation created" in report and "6 rows rejected" in report
    assert list(Organisation.objects.values_list("legal_name", flat=True)) == ["Good One Sdn Bhd"]
    csv_report = client.get(url + "&download=report").content.decode("utf-8-sig")
    assert csv_report.count("rejected") == 6


def test_duplicates_are_skipped_unless_chosen(client_for, officer, org_acme):
    client = client_for(officer)
    csv = (
        HEADER
        + "ACME ROBOTICS BHD,SME,,,MY,,,,\n"
        + "Fresh Start Sdn Bhd,SME,,,MY,,,,\n"
        + "FRESH START SDN. BHD.,SME,,,MY,,,,\n"
    ).encode()
    url, page = preview(client, "orgs.csv", csv)
    text = page.content.decode()
    assert "Acme Robotics Sdn. Bhd." in text and "row 3 of this file" in text
    client.post(url, {"create_anyway": ["2"]})
    names = sorted(Organisation.objects.values_list("legal_name", flat=True))
    assert names == ["ACME ROBOTICS BHD", "Acme Robotics Sdn. Bhd.", "Fresh Start Sdn Bhd"]


def test_wrong_header_is_refused_naming_the_columns(client_for, officer):
    resp = upload(client_for(officer), "orgs.csv", b"name,kind\nA,B\n")
    text = resp.content.decode()
    assert resp.status_code == 200
    assert "missing column(s): legal_name" in text and "unknown column(s): name, kind" in text


def test_bad_encoding_is_refused(client_for, officer):
    latin1 = (HEADER + "Caf\xe9 Nasi Lemak Sdn Bhd,SME,,,MY,,,,\n").encode("latin-1")
    text = upload(client_for(officer), "orgs.csv", latin1).content.decode()
    assert "not UTF-8 encoded" in text
    utf16 = (HEADER + "A,SME,,,MY,,,,\n").encode("utf-16")
    assert "UTF-16" in upload(client_for(officer), "orgs.csv", utf16).content.decode()
    assert Organisation.objects.count() == 0


def test_wrong_type_and_fake_xlsx_are_refused(client_for, officer):
    client = client_for(officer)
    assert (
        "Upload a .csv or .xlsx file." in upload(client, "orgs.pdf", b"%PDF-1.4").content.decode()
    )
    assert "not a valid XLSX" in upload(client, "orgs.xlsx", b"not a zip").content.decode()


def test_xlsx_with_a_formula_rejects_that_row_only(client_for, officer):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["legal_name", "type", "city"])
    ws.append(["Formula Works Sdn Bhd", "SME", '=HYPERLINK("http://x")'])
    ws.append(["Plain Works Sdn Bhd", "SME", "Ipoh"])
    buf = io.BytesIO()
    wb.save(buf)
    client = client_for(officer)
    url, page = preview(client, "orgs.xlsx", buf.getvalue())
    assert "formulas are not accepted (cell C2)" in page.content.decode()
    client.post(url)
    assert list(Organisation.objects.values_list("legal_name", flat=True)) == [
        "Plain Works Sdn Bhd"
    ]


def test_template_downloads_have_every_column(client_for, officer):
    client = client_for(officer)
    csv = client.get("/partners/import/template.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].split(",") == COLUMNS
    xlsx = client.get("/partners/import/template.xlsx").content
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert [c.value for c in ws[1]] == COLUMNS


def test_the_template_itself_imports_cleanly(client_for, officer):
    client = client_for(officer)
    content = client.get("/partners/import/template.csv").content
    url, page = preview(client, "template.csv", content)
    assert "1 ready to create" in page.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "academic", "outsider", "partner_user"])
def test_import_is_for_the_office_only(request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/partners/import/").status_code == 404
    assert client.get("/partners/import/template.csv").status_code == 404
    assert client.get("/partners/import/preview/?key=abc").status_code == 404


def test_someone_elses_preview_is_not_reachable(client_for, officer, oil_admin):
    url, _page = preview(client_for(officer), "o.csv", (HEADER + "A Bhd,SME,,,MY,,,,\n").encode())
    from django.test import Client

    other = Client()
    other.force_login(oil_admin)
    assert other.get(url).status_code == 404
