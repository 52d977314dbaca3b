"""The three reports: their figures on the constructed world (see conftest.py), the page that
shows them, the PDF, XLSX and CSV files, and who may have which."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jalinan.reports import documents
from jalinan.reports.permissions import scope_for

from .conftest import YEAR

PAGE = reverse("reports:documents")


def download(fmt):
    return reverse("reports:document_download", args=[fmt])


def part(doc, heading):
    for p in doc.parts:
        if p.heading == heading:
            return p
    raise AssertionError(f"no part {heading!r} in {[p.heading for p in doc.parts]}")


def lines(p):
    return {str(line.label): line.value for line in p.lines}


def rows(p, title):
    for t in p.tables:
        if str(t.title) == title:
            return t.rows
    raise AssertionError(f"no table {title!r} in {[str(t.title) for t in p.tables]}")


@pytest.fixture
def annual(world, management):
    return documents.build("annual", scope_for(management, year=YEAR))


def test_annual_report_in_the_ministry_categories(annual):
    assert [p.heading for p in annual.parts] == [
        "Summary",
        "Memoranda",
        "Partner organisations",
        "Engagement activities",
        "Placements and graduate employability",
        # Parts the other apps register through their kpis.py, in their apps' order.
        "Income received from projects",
        "Industry challenges",
        "Brokerage pipeline",
        "Collaborative and contract research",
        "Intellectual property and commercialisation",
        "SDG coverage",
        "Five-year trends",
        # The lists of records behind the figures, after them.
        "Appendix A: Memoranda",
        "Appendix B: Partner organisations",
        "Appendix C: Engagement activities",
        "Appendix D: Placements and graduate employability",
        "Appendix E: Industry challenges",
        "Appendix F: Brokerage pipeline",
        "Appendix G: Collaborative and contract research",
        "Appendix H: Intellectual property and commercialisation",
    ]
    summary = lines(part(annual, "Summary"))
    assert summary["Memoranda in force"] == 3
    assert summary["Memoranda signed"] == 3
    assert summary["Engagement activities"] == 3
    assert summary["Graduate employability"] == 66.7


def test_annual_memoranda_by_type_and_the_list_signed(annual):
    memoranda = part(annual, "Memoranda")
    assert lines(memoranda)["Expiring within 180 days"] == 1
    assert rows(memoranda, "Memoranda by type") == [
        ["Memorandum of Understanding", 1, 2],
        ["Memorandum of Agreement", 1, 1],
        ["Non-Disclosure Agreement", 1, 0],
    ]
    signed = rows(part(annual, "Appendix A: Memoranda"), "Memoranda signed in the period")
    assert [r[0] for r in signed] == ["MOA/1", "MOU/3", "NDA/6"]
    assert signed[0][3] == "Acme Robotics Sdn. Bhd."
    assert signed[0][7] == 120000


def test_annual_partners_activities_and_placements(annual):
    partners = part(annual, "Partner organisations")
    assert lines(partners) == {
        "Partner organisations": 4,
        "Industry partners": 3,
        "New partner organisations in the period": 2,
    }
    new = rows(
        part(annual, "Appendix B: Partner organisations"), "New partner organisations in the period"
    )
    assert [r[0] for r in new] == [
        "Borneo Timber Berhad",
        "Tokyo Denki K.K.",
    ]
    activities = part(annual, "Engagement activities")
    assert rows(activities, "Engagement activities by type") == [
        ["Meeting", 1, 1],
        ["Visit", 1, 2],
        ["Talk", 1, 1],
    ]
    listed = rows(
        part(annual, "Appendix C: Engagement activities"), "Engagement activities in the period"
    )
    assert [r[1] for r in listed] == ["Robotics meeting", "Plant visit", "Industry talk"]
    placements = part(annual, "Placements and graduate employability")
    got = lines(placements)
    assert got["Openings published"] == 3
    assert got["Placements started"] == 2
    assert got["Graduates with a known destination"] == 3
    assert got["Graduate employability (%)"] == 66.7
    hosts = rows(
        part(annual, "Appendix D: Placements and graduate employability"),
        "Placements by host organisation",
    )
    assert hosts == [
        ["Acme Robotics Sdn. Bhd.", "C — Manufacturing", 1],
        ["Tokyo Denki K.K.", "C — Manufacturing", 1],
    ]


def test_annual_sdg_coverage_and_trends(annual):
    sdgs = part(annual, "SDG coverage")
    assert lines(sdgs)["Accepted SDG tags"] == 6
    table = rows(sdgs, "Records with an accepted SDG tag, by goal")
    # Goal, memoranda, activities, organisations, projects, challenges, openings, pipeline
    # opportunities, technology offers, expert profiles, publications, total.
    assert table == [
        ["SDG 9: Industry, innovation and infrastructure", 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3],
        ["SDG 17: Partnerships for the goals", 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3],
    ]
    trends = rows(part(annual, "Five-year trends"), "Five-year trends")
    assert trends[-1][:5] == ["2024", 3, 3, 3, 2]


def test_unit_report_covers_one_kcdio_and_below(world, coordinator):
    doc = documents.build("unit", scope_for(coordinator, year=YEAR))
    assert doc.subtitle.startswith("Kulliyyah of Engineering · 2024")
    memoranda = part(doc, "Memoranda")
    assert lines(memoranda)["Memoranda signed"] == 2
    signed = rows(part(doc, "Appendix A: Memoranda"), "Memoranda signed in the period")
    assert [r[0] for r in signed] == ["MOA/1", "NDA/6"]
    assert rows(memoranda, "Memoranda in force by KCDIO") == [
        ["Department of Mechanical Engineering", 1],
        ["Kulliyyah of Engineering", 1],
    ]
    assert lines(part(doc, "Engagement activities"))["Engagement activities"] == 2


def test_impact_pack_lists_the_evidence_for_sdg_17_and_9(world, officer, settings):
    settings.JALINAN_SITE_URL = "https://jalinan.example"
    doc = documents.build("impact", scope_for(officer, year=YEAR))
    sdg17, sdg9 = doc.parts
    assert sdg17.heading == "SDG 17: Partnerships for the goals"
    assert rows(sdg17, "Records with an accepted tag for SDG 17") == [
        ["Memoranda", 2],
        ["Engagement activities", 1],
        ["Partner organisations", 0],
        ["Projects", 0],
        ["Industry challenges", 0],
        ["Placement openings", 0],
        ["Pipeline opportunities", 0],
        ["Technology offers", 0],
        ["Expert profiles", 0],
        ["Publications", 0],
    ]
    memoranda = rows(sdg17, "SDG 17 · Memoranda")
    assert [r[0] for r in memoranda] == [
        "MOA/1 Memorandum MOA/1 (MOA)",
        "MOU/3 Memorandum MOU/3 (MOU)",
    ]
    first = memoranda[0]
    assert first[1] == "01/03/2024 – 28/02/2027"  # its term
    assert first[2] == "Acme Robotics Sdn. Bhd."  # partners
    assert first[3] == "Kulliyyah of Engineering"
    assert first[4] == "classifier (0.87), accepted by Omar Officer, 1 Dec 2024"
    assert first[5] == "targets 17.17; terms: partnership"
    table = next(t for t in sdg17.tables if str(t.title) == "SDG 17 · Memoranda")
    headers, flat = table.flat()
    assert headers[-1] == "Link"
    assert flat[0][-1] == f"https://jalinan.example/memoranda/{world.memoranda['m1'].pk}/"
    # The suggested tag on m2 and the rejected one on a2 are not evidence.
    assert "MOU/2" not in str(doc.parts)
    assert [r[0] for r in rows(sdg9, "SDG 9 · Engagement activities")] == ["Industry talk (Talk)"]
    assert [r[0][:5] for r in rows(sdg9, "SDG 9 · Memoranda")] == ["MOA/1", "MOA/4"]


def test_report_page_shows_what_the_files_hold(world, management, client_for):
    response = client_for(management).get(PAGE, {"report": "annual", "year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Annual industry-linkage report" in html
    assert "MOA/1" in html and "NDA/6" in html
    assert "Five-year trends" in html
    assert download("pdf") + "?" in html


def test_report_form_keeps_choices_and_shows_errors(world, management, client_for):
    response = client_for(management).get(PAGE, {"report": "unit", "year": YEAR})
    html = response.content.decode()
    assert "Choose the KCDIO for the unit report." in html
    assert 'value="unit" checked' in html


def test_csv_file(world, management, client_for):
    response = client_for(management).get(download("csv"), {"report": "annual", "year": YEAR})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Annual industry-linkage report"
    assert "Memoranda in force,3" in text
    assert "MOA/1,Memorandum MOA/1,MOA,Acme Robotics Sdn. Bhd." in text
    assert re.search(
        r'filename="annual-report-2024-\d{4}-\d\d-\d\d\.csv"', response["Content-Disposition"]
    )


def test_xlsx_file(world, management, client_for):
    response = client_for(management).get(download("xlsx"), {"report": "annual", "year": YEAR})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Summary"
    assert "Memoranda by type" in book.sheetnames
    summary = {r[1]: r[2] for r in book["Summary"].iter_rows(values_only=True)}
    assert summary["Memoranda signed"] == 3
    by_type = list(book["Memoranda by type"].iter_rows(values_only=True))
    assert by_type[1] == ("Memorandum of Understanding", 1, 2)


def test_pdf_file(world, management, client_for):
    from pypdf import PdfReader

    response = client_for(management).get(download("pdf"), {"report": "annual", "year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Annual industry-linkage report", "Memoranda by type", "SDG coverage"):
        assert heading in text
    assert "MOA/1" in text


def test_impact_pack_and_unit_report_files(world, officer, client_for):
    from pypdf import PdfReader

    client = client_for(officer)
    pdf = client.get(download("pdf"), {"report": "impact", "year": YEAR})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "SDG 17: Partnerships for the goals" in text and "MOA/1" in text
    assert "SDG 9: Industry, innovation and infrastructure" in text
    book = load_workbook(
        io.BytesIO(client.get(download("xlsx"), {"report": "impact", "year": YEAR}).content)
    )
    cells = {c for ws in book for row in ws.iter_rows(values_only=True) for c in row if c}
    assert "MOA/1 Memorandum MOA/1 (MOA)" in cells and "Robotics meeting (Meeting)" in cells
    unit = client.get(download("csv"), {"report": "unit", "year": YEAR, "unit": world.eng.pk})
    text = unit.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Unit report"
    assert "MOA/1" in text and "MOU/3" not in text  # MOU/3 is the Kulliyyah of ICT's
    pdf = client.get(download("pdf"), {"report": "unit", "year": YEAR, "unit": world.eng.pk})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Kulliyyah of Engineering" in text and "MOU/3" not in text


def test_coordinator_has_the_unit_report_only(world, coordinator, client_for):
    client = client_for(coordinator)
    # Their own unit unless they choose one below it.
    own_unit = client.get(PAGE, {"report": "unit", "year": YEAR})
    assert "Kulliyyah of Engineering · 2024" in own_unit.content.decode()
    response = client.get(PAGE, {"report": "annual", "year": YEAR})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    refused = client.get(download("pdf"), {"report": "annual", "year": YEAR})
    assert refused.status_code == 302
    other = client.get(download("csv"), {"report": "unit", "year": YEAR, "unit": world.ict.pk})
    assert other.status_code == 302  # not their unit: back to the form, nothing served
    own = client.get(download("csv"), {"report": "unit", "year": YEAR, "unit": world.eng.pk})
    assert own.status_code == 200
    assert "NDA/6" in own.content.decode("utf-8-sig")


@pytest.mark.parametrize("who", ["academic", "student", "partner_user", "committee", "outsider"])
def test_others_get_no_report(who, request, world, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(PAGE).status_code == 404
    assert client.get(download("pdf"), {"report": "annual", "year": YEAR}).status_code == 404


def test_unknown_format_is_not_found(world, management, client_for):
    url = reverse("reports:document_download", args=["docx"])
    assert client_for(management).get(url, {"report": "annual", "year": YEAR}).status_code == 404
