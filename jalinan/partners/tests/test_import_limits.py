"""Organisation import on hostile input: oversized cells reject their own row, a file of too
many rows or an XLSX that would inflate past the cap is refused with a clear message, names
made to backtrack a regex are read in linear time, and garbage never ends in a server error."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from jalinan.core.testing import finishes_within
from jalinan.partners import imports
from jalinan.partners.models import Organisation

BIG = 200_000


def upload(client, name, content):
    return client.post("/partners/import/", {"file": SimpleUploadedFile(name, content)})


def xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_csv_cell_over_the_limit_rejects_its_row_and_keeps_the_others(client_for, officer):
    client = client_for(officer)
    csv = (
        f"legal_name,description\nHuge Description Sdn Bhd,{'x' * BIG}\nKedai Roti Sdn Bhd,Bakery\n"
    ).encode()
    resp = upload(client, "orgs.csv", csv)
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert "description is too long: 200000 characters, at most 20000 are accepted" in page
    assert "Huge Description Sdn Bhd" in page
    client.post(resp["Location"])
    assert list(Organisation.objects.values_list("legal_name", flat=True)) == ["Kedai Roti Sdn Bhd"]


def test_xlsx_cell_over_the_limit_rejects_its_row(client_for, officer, settings):
    settings.JALINAN_IMPORT_MAX_FIELD_CHARS = 50
    content = xlsx([["legal_name", "city"], ["Long City Sdn Bhd", "y" * 60], ["Ipoh Bhd", "Ipoh"]])
    rows = imports.parse("orgs.xlsx", content)
    assert [(r.line, r.status) for r in rows] == [(2, "rejected"), (3, "ok")]
    assert rows[0].errors == ["city is too long: 60 characters, at most 50 are accepted"]


def test_too_many_rows_are_refused_with_a_clear_message(client_for, officer, settings):
    settings.JALINAN_IMPORT_MAX_ROWS = 3
    client = client_for(officer)
    names = [f"Company {i} Sdn Bhd" for i in range(4)]
    csv = ("legal_name\n" + "\n".join(names) + "\n").encode()
    for name, content in [
        ("orgs.csv", csv),
        ("orgs.xlsx", xlsx([["legal_name"]] + [[n] for n in names])),
    ]:
        resp = upload(client, name, content)
        assert resp.status_code == 200
        assert "The file has more than 3 rows: import at most 3 at a time." in resp.content.decode()
    assert Organisation.objects.count() == 0
    # at the cap, the file is read
    assert (
        upload(client, "orgs.csv", ("legal_name\n" + "\n".join(names[:3])).encode()).status_code
        == 302
    )


def _padded_xlsx(padding: int) -> bytes:
    """A real workbook whose sheet carries `padding` bytes of blanks: a few kB zipped."""
    src = zipfile.ZipFile(io.BytesIO(xlsx([["legal_name"], ["Bomb Sdn Bhd"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * padding, 1)
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_zip_bomb_shaped_xlsx_is_refused_before_it_is_opened(client_for, officer):
    content = _padded_xlsx(60 * 1024 * 1024)
    assert len(content) < 200_000  # 60 MB of sheet in a small upload
    resp = upload(client_for(officer), "orgs.xlsx", content)
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "The workbook would take 60 MB once unpacked, more than the 50 MB accepted" in text
    assert Organisation.objects.count() == 0


def test_the_uncompressed_cap_is_a_setting(client_for, officer, settings):
    settings.JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    client = client_for(officer)
    assert (
        "once unpacked" in upload(client, "o.xlsx", _padded_xlsx(2 * 1024 * 1024)).content.decode()
    )
    assert upload(client, "o.xlsx", _padded_xlsx(1000)).status_code == 302


def test_a_name_of_repeated_legal_forms_is_read_in_linear_time(client_for, officer):
    name = "Acme" + " Co Ltd" * 2000 + " X"
    with finishes_within(20):
        resp = upload(client_for(officer), "orgs.csv", f"legal_name\n{name}\n".encode())
    assert resp.status_code == 302


def test_xlsx_dates_and_numbers_are_previewed(client_for, officer):
    content = xlsx(
        [["legal_name", "city", "phone"], ["Dated Bhd", datetime.date(2024, 1, 2), 60312345]]
    )
    resp = upload(client_for(officer), "orgs.xlsx", content)
    assert resp.status_code == 302


# -- any input: the import's own error or rows, nothing else -------------------------------------

_CSV_PARTS = [*imports.COLUMNS, ",", ";", "\t", '"', "\n", "\r", "=", "x", " ", "MY", "SME"]
_CSV_PARTS += ["Sdn Bhd", "co", "ltd", "http://", "a@b.example", "é", "(", ")", "62"]
_cell = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 1, 1)),
    st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=20),
    st.sampled_from(["SME", "MY", "Selangor", "C", "62", "=1+1", "a@b.example"]),
)


def _joined(parts):
    return st.lists(st.sampled_from(parts) | st.text(max_size=5), max_size=60).map("".join)


_CASES = st.one_of(
    st.tuples(st.sampled_from(["a.csv", "a.xlsx"]), st.binary()),
    st.tuples(st.just("a.csv"), _joined(_CSV_PARTS).map(str.encode)),
    st.tuples(
        st.just("a.xlsx"),
        st.tuples(
            st.lists(st.sampled_from(imports.COLUMNS), min_size=1, max_size=5, unique=True),
            st.lists(st.lists(_cell, max_size=5), max_size=4),
        ).map(lambda t: xlsx([t[0], *t[1]])),
    ),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_CASES)
def test_any_input_gives_rows_or_the_imports_own_error(case):
    name, content = case
    try:
        rows = imports.parse(name, content)
    except imports.ImportFileError as exc:
        assert str(exc)
        return
    imports.discard_preview(imports.save_preview(rows, user_id=1, filename=name))
    assert all(r.status in {"ok", "duplicate", "rejected"} for r in rows)


def test_a_huge_unknown_header_is_named_shortened(client_for, officer):
    resp = upload(client_for(officer), "orgs.csv", f"legal_name,{'q' * BIG}\nA Bhd,x\n".encode())
    page = resp.content.decode()
    assert resp.status_code == 200 and "unknown column(s): " + "q" * 40 + "…" in page
    assert len(page) < 50_000
