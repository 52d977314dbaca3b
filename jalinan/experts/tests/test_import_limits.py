"""Publication import on hostile input: huge or comma-packed fields are read in linear time,
an oversized field rejects its own record (the others are kept), and garbage in any format
ends in the parser's own error, never a server error."""

import json
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from jalinan.core.testing import finishes_within
from jalinan.experts import imports
from jalinan.experts.models import Publication

BIG = 200_000  # over the csv module's 128 kB field limit and the 20,000-character cap


def test_keywords_of_many_commas_are_split_in_linear_time():
    with finishes_within(20):
        keywords = imports._list("AI, robots (arms, legs)," + "," * BIG + "; water")
    assert keywords == ["AI", "robots (arms, legs)", "water"]


def test_a_keywords_field_of_many_commas_rejects_its_record(profile):
    keywords = "AI, robots (arms, legs)," + "," * BIG
    bib = "@article{a,\n title={Commas},\n keywords={" + keywords + "}\n}\n"
    with finishes_within(20):
        _fmt, records = imports.parse("refs.bib", bib.encode(), profile)
    assert [r.status for r in records] == ["rejected"]
    assert records[0].errors == [
        "the keywords is too long: 200024 characters, at most 20000 are accepted"
    ]


def test_csv_field_over_the_limit_rejects_its_row_and_keeps_the_others(
    client_for, academic, profile
):
    text = (
        "title,abstract,keywords\n"
        f"Huge abstract,{'a' * BIG},x\n"
        "Membrane desalination for small islands,Solar stills.,water\n"
        f'Packed keywords,,"{"," * BIG}"\n'
    )
    client = client_for(academic)
    upload = SimpleUploadedFile("pubs.csv", text.encode(), content_type="text/csv")
    r = client.post(reverse("experts:import_upload", args=[profile.pk]), {"file": upload})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "abstract is too long: 200000 characters, at most 20000 are accepted" in page
    assert "keywords is too long: 200000 characters" in page
    assert "2 rejected" in page and "1 to import" in page
    before = Publication.objects.count()
    done = client.post(r["Location"])
    assert done.status_code == 200
    assert Publication.objects.count() == before + 1
    assert profile.publications.filter(title="Membrane desalination for small islands").exists()


def test_the_field_cap_is_a_setting(profile, settings):
    settings.JALINAN_IMPORT_MAX_FIELD_CHARS = 10
    _fmt, records = imports.parse("p.csv", b"title\nShort\nLonger than ten\n", profile)
    assert [r.status for r in records] == ["ok", "rejected"]
    assert "title is too long: 15 characters" in records[1].errors[0]


def test_the_row_cap_setting_applies_to_publications(profile, settings):
    settings.JALINAN_IMPORT_MAX_ROWS = 2
    with pytest.raises(imports.ImportFileError, match="has 3 records; import at most 2"):
        imports.parse("p.csv", b"title\nOne\nTwo\nThree\n", profile)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "refs.bib",
            "@article{a, title={Huge}, abstract={" + "a" * BIG + "}}\n"
            "@article{b, title={Kept}, year={2020}}\n",
        ),
        (
            "refs.ris",
            f"TY  - JOUR\nTI  - Huge\nAB  - {'a' * BIG}\nER  - \n"
            "TY  - JOUR\nTI  - Kept\nPY  - 2020\nER  - \n",
        ),
        (
            "works.json",
            json.dumps(
                [
                    {"title": {"title": {"value": "Huge"}}, "short-description": "a" * BIG},
                    {"title": {"title": {"value": "Kept"}}},
                ]
            ),
        ),
    ],
    ids=["bibtex", "ris", "orcid"],
)
def test_oversized_field_in_each_format_rejects_that_record_only(profile, name, text):
    _fmt, records = imports.parse(name, text.encode(), profile)
    assert [(r.line, r.status) for r in records] == [(1, "rejected"), (2, "ok")]
    assert "abstract is too long" in records[0].errors[0]
    # the preview (kept in the session) holds a bounded copy
    assert len(records[0].fields["abstract"]) <= 20_000


def _string_bomb(levels):
    parts = ['@string{s0 = "xxxxxxxxxx"}']
    parts += [f"@string{{s{i} = {' # '.join([f's{i - 1}'] * 10)}}}" for i in range(1, levels + 1)]
    parts.append(f"@article{{a, title = {{Bomb}}, abstract = s{levels}}}")
    parts.append("@article{b, title = {Kept}, journal = jcs, year = 2020, month = jan}")
    return ("@string{jcs = {Journal of Corrosion Science}}\n" + "\n".join(parts)).encode()


def test_nested_bibtex_strings_are_not_expanded_past_the_cap(profile):
    """A few hundred bytes of @string definitions would expand to 100 MB (10 GB at 9 levels)."""
    content = _string_bomb(7)
    assert len(content) < 1000
    tracemalloc.start()
    try:
        _fmt, records = imports.parse("refs.bib", content, profile)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
    assert [(r.line, r.status) for r in records] == [(1, "rejected"), (2, "ok")]
    assert "abstract is too long: 100000000 characters" in records[0].errors[0]
    assert records[1].fields["venue"] == "Journal of Corrosion Science"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@article{a, title = nowhere}", "undefined string “nowhere”"),
        ("@string{a = b}\n@string{b = a}\n@article{x, title = a}", "defined through itself"),
    ],
    ids=["undefined", "cycle"],
)
def test_broken_bibtex_strings_are_refused_with_a_reason(profile, text, message):
    with pytest.raises(imports.ImportFileError, match=message):
        imports.parse("refs.bib", text.encode(), profile)


def test_deeply_nested_json_is_refused_with_a_reason(profile):
    with pytest.raises(imports.ImportFileError, match="nested too deeply"):
        imports.parse("works.json", b"[" * 100_000, profile)


@pytest.mark.parametrize(
    "data",
    [
        {"group": 5},
        [{"external-ids": {"external-id": 3}, "contributors": {"contributor": "x"}}],
    ],
    ids=["group-not-a-list", "ids-and-contributors-not-lists"],
)
def test_orcid_export_of_the_wrong_shape_is_not_a_server_error(profile, data):
    try:
        imports.parse("works.json", json.dumps(data).encode(), profile)
    except imports.ImportFileError:
        pass


# -- any input: the parser's own error or records, nothing else ----------------------------------

_BIB_PARTS = ["@article{", "@string{", "@comment{", "}", "{", "=", ",", '"', "\\", "#", " and "]
_BIB_PARTS += ["title", "author", "keywords", "year", "doi", "x", " ", "\n", "2020", "é"]
_RIS_PARTS = ["TY  - ", "ER  - ", "TI  - ", "AU  - ", "KW  - ", "PY  - ", "DO  - ", "UR  - "]
_RIS_PARTS += ["AB  - ", "XX  - ", "\n", "x", ",", ";", " ", "2020", "-"]
_CSV_PARTS = ["title", "abstract", "keywords", "year", "doi", "url", "type", ",", ";", "\t"]
_CSV_PARTS += ['"', "\n", "\r", "(", ")", "x", " ", "2020", "10.1/x", "http://"]
_ORCID_KEYS = ["group", "work-summary", "bulk", "work", "title", "value", "external-ids"]
_ORCID_KEYS += ["external-id", "external-id-type", "external-id-value", "contributors"]
_ORCID_KEYS += ["contributor", "credit-name", "publication-date", "year", "type", "url"]
_ORCID_KEYS += ["activities-summary", "works", "journal-title", "short-description"]

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(_ORCID_KEYS) | st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


def _joined(parts):
    return st.lists(st.sampled_from(parts) | st.text(max_size=5), max_size=60).map("".join)


_CASES = st.one_of(
    st.tuples(st.sampled_from(["a.bib", "a.ris", "a.csv", "a.json", "a.txt"]), st.binary()),
    st.tuples(st.just("a.bib"), _joined(_BIB_PARTS).map(str.encode)),
    st.tuples(st.just("a.txt"), _joined(_BIB_PARTS).map(str.encode)),
    st.tuples(st.just("a.ris"), _joined(_RIS_PARTS).map(str.encode)),
    st.tuples(st.just("a.csv"), _joined(_CSV_PARTS).map(str.encode)),
    st.tuples(st.just("a.json"), _json.map(lambda d: json.dumps(d).encode())),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=_CASES)
def test_any_input_gives_records_or_the_parsers_own_error(case):
    name, content = case
    try:
        _fmt, records = imports.parse(name, content, None)
    except imports.ImportFileError as exc:
        assert str(exc)
        return
    for r in records:
        assert r.status in {"ok", "duplicate", "rejected"}
        json.dumps(r.as_dict())  # the preview is kept in the session as JSON


def test_a_huge_unknown_header_is_named_shortened(profile):
    with pytest.raises(imports.ImportFileError) as exc:
        imports.parse("p.csv", f"title,{'q' * BIG}\nA,x\n".encode(), profile)
    assert "Unknown column(s): " + "q" * 40 + "…." in str(exc.value)
    assert len(str(exc.value)) < 1000
