"""Exported CSV and XLSX files never carry text a spreadsheet would run as a formula."""

import csv
import io

import openpyxl
import pytest

from jalinan.agreements.tests.factories import make_memo
from jalinan.core.exports import safe_cell
from jalinan.partners.models import Organisation
from jalinan.reports import documents
from jalinan.reports.registry import Scope, Table

FORMULA_CHARS = tuple("=+-@\t\r＝＋－＠")
NASTY = ['=HYPERLINK("http://evil.test","click")', "\t=1+1", "-2+3", "@SUM(A1)", " =1", "＝1+1"]


def _unescaped(value) -> bool:
    """A text cell a spreadsheet would read as a formula (a number in a CSV is none)."""
    if not isinstance(value, str) or value.lstrip()[:1] not in FORMULA_CHARS:
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False


@pytest.mark.parametrize("text", NASTY)
def test_formula_text_is_quoted_alone_and_in_a_list(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell([text, "Acme"]).startswith("'")


def test_numbers_dates_and_plain_text_are_left_alone():
    assert safe_cell(-12.5) == -12.5 and safe_cell(-3) == -3
    assert safe_cell("-12.50") == "-12.50"  # a number written as text is no formula
    assert safe_cell("Acme Robotics") == "Acme Robotics"
    assert safe_cell(None) == ""


@pytest.fixture
def nasty_memo(academic, unit_eng):
    orgs = [
        Organisation.objects.create(legal_name=name, org_type="sme", search_name=name)
        for name in NASTY
    ]
    memo = make_memo(unit=unit_eng, pic=academic, parties=orgs, title="-2+3")
    memo.value_cash = -1500
    memo.save(update_fields=["value_cash"])
    return memo


def test_memoranda_csv_export_quotes_formulas_in_the_parties_list(client_for, officer, nasty_memo):
    resp = client_for(officer).get("/memoranda/?export=csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if _unescaped(c)]
    parties = rows[1][rows[0].index("Parties")]
    assert parties.startswith("'") and 'HYPERLINK("http://evil.test"' in parties
    assert rows[1][1] == "'-2+3"


def test_memoranda_xlsx_export_quotes_formulas_and_keeps_numbers(client_for, officer, nasty_memo):
    resp = client_for(officer).get("/memoranda/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert not [c for row in rows for c in row if _unescaped(c)]
    # openpyxl reads a text starting with "=" back as a formula cell: there is none
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    cash = rows[1][list(rows[0]).index("Value in cash (RM)")]
    assert cash == -1500 and isinstance(cash, (int, float))


def test_report_documents_quote_formulas_in_csv_and_xlsx(officer):
    doc = documents.Document(
        kind="annual",
        title="Annual",
        subtitle="=cmd|' /C calc'!A0",
        scope=Scope(user=officer, year_from=2026, year_to=2026),
        parts=[
            documents.Part(
                "+Part",
                lines=[documents.Line("-Figure", "3", -3)],
                tables=[Table("@Table", ["=Head", "Value"], [["\t=1+1", -2.5]])],
            )
        ],
    )
    body = documents.csv_response(doc).content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(body)) for c in row]
    assert "'=Head" in cells and "'\t=1+1" in cells and "-2.5" in cells
    assert not [c for c in cells if _unescaped(c)]
    book = openpyxl.load_workbook(io.BytesIO(documents.xlsx_response(doc).content))
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert not [c for c in values if _unescaped(c)]
    assert -2.5 in values and -3 in values
