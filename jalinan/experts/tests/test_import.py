"""Publication import: each format with good and bad files, preview, de-duplication, the
per-record report, and nothing stored until confirmed."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalinan.experts import imports
from jalinan.experts.models import Publication

BIBTEX = r"""
@article{tan2023,
  title = {Corrosion of {Carbon} Steel Pipelines in Tropical Seawater},
  author = {Tan, Wei Ming and Salleh, Nurul Huda},
  journal = {Corrosion Science},
  year = {2023},
  doi = {https://doi.org/10.1016/J.CORSCI.2023.111234},
  abstract = {Two-year exposure tests.},
  keywords = {corrosion, pipelines}
}
@inproceedings{tan2021,
  title = {Cathodic protection of jetties},
  booktitle = {Proc. Marine Engineering},
  year = {2021}
}
@article{bad,
  author = {Nobody},
  year = {2020}
}
@article{badyear,
  title = {A paper from the future},
  year = {in press soon}
}
@article{twin,
  title = {Corrosion of carbon steel pipelines in tropical seawater.},
  year = {2023}
}
"""

RIS = """TY  - JOUR
TI  - Halal authentication of gelatin by FTIR spectroscopy
AU  - Rahman, Aisyah
AU  - Lim, Mei Ling
PY  - 2020
JO  - Food Chemistry
DO  - 10.1016/j.foodchem.2020.126000
AB  - Porcine and bovine gelatin are distinguished by their infrared spectra.
KW  - halal
KW  - FTIR
ER  -
TY  - CONF
TI  - Islamic fintech adoption in Malaysia
PY  - 2022
ER  -
TY  - JOUR
AU  - Nobody
PY  - 2019
ER  -
"""

CSV = (
    "title,abstract,year,venue,doi,authors,keywords,type\n"
    "Green sukuk structures,Sukuk for renewable energy projects.,2021,ISRA Journal,"
    "10.1108/IJIF-2021-0001,A. Rahman; B. Tan,sukuk; green finance,article\n"
    ",missing title,2020,,,,,\n"
    "Bad DOI paper,,2019,,not-a-doi,,,\n"
    "Another good one,,2018,,,,,conference\n"
)

ORCID = {
    "group": [
        {
            "work-summary": [
                {
                    "title": {"title": {"value": "Microgrid control with battery storage"}},
                    "publication-date": {"year": {"value": "2022"}},
                    "journal-title": {"value": "Energies"},
                    "type": "journal-article",
                    "external-ids": {
                        "external-id": [
                            {"external-id-type": "doi", "external-id-value": "10.3390/en15010001"}
                        ]
                    },
                }
            ]
        },
        {"work-summary": [{"title": None, "publication-date": {"year": {"value": "2021"}}}]},
        {
            "work-summary": [
                {
                    "title": {"title": {"value": "Solar inverters for rural Sabah"}},
                    "publication-date": None,
                    "type": "conference-paper",
                }
            ]
        },
    ]
}


def by_status(records):
    out = {"ok": [], "duplicate": [], "rejected": []}
    for r in records:
        out[r.status].append(r)
    return out


def test_bibtex(profile):
    fmt, records = imports.parse("refs.bib", BIBTEX.encode(), profile)
    s = by_status(records)
    assert fmt == "bibtex"
    assert [r.title for r in s["ok"]] == [
        "Corrosion of Carbon Steel Pipelines in Tropical Seawater",
        "Cathodic protection of jetties",
    ]
    first = s["ok"][0].fields
    assert first["doi"] == "10.1016/j.corsci.2023.111234"
    assert first["authors"] == "Tan, Wei Ming; Salleh, Nurul Huda"
    assert first["keywords"] == ["corrosion", "pipelines"] and first["kind"] == "article"
    assert s["ok"][1].fields["kind"] == "conference"
    reasons = {r.line: r.errors for r in s["rejected"]}
    assert reasons[3] == ["the title is missing"]
    assert "is not a year" in reasons[4][0]
    assert s["duplicate"][0].line == 5 and "record 1" in s["duplicate"][0].duplicate


def test_ris(profile):
    fmt, records = imports.parse("export.ris", RIS.encode(), profile)
    s = by_status(records)
    assert fmt == "ris" and len(s["ok"]) == 2 and len(s["rejected"]) == 1
    halal = s["ok"][0].fields
    assert halal["year"] == 2020 and halal["venue"] == "Food Chemistry"
    assert halal["keywords"] == ["halal", "FTIR"] and "Lim, Mei Ling" in halal["authors"]
    assert s["ok"][1].fields["kind"] == "conference"


def test_csv(profile):
    fmt, records = imports.parse("pubs.csv", CSV.encode(), profile)
    s = by_status(records)
    assert fmt == "csv" and [r.line for r in s["ok"]] == [1, 4]
    assert s["ok"][0].fields["keywords"] == ["sukuk", "green finance"]
    rejected = {r.line: " ".join(r.errors) for r in s["rejected"]}
    assert "title is missing" in rejected[2] and "DOI" in rejected[3]


def test_orcid(profile):
    fmt, records = imports.parse("works.json", json.dumps(ORCID).encode(), profile)
    s = by_status(records)
    assert fmt == "orcid"
    assert [r.title for r in s["ok"]] == [
        "Microgrid control with battery storage",
        "Solar inverters for rural Sabah",
    ]
    assert s["ok"][0].fields["doi"] == "10.3390/en15010001" and s["ok"][0].fields["year"] == 2022
    assert len(s["rejected"]) == 1


def test_duplicates_of_the_profile_are_flagged(profile):
    text = "title,doi\nAnything,10.1000/CORR.2022.1\nSacrificial anode design for jetties!,\n"
    _fmt, records = imports.parse("d.csv", text.encode(), profile)
    assert [r.status for r in records] == ["duplicate", "duplicate"]
    assert "same DOI" in records[0].duplicate and "same title" in records[1].duplicate


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.docx", b"PK\x03\x04", "Upload a .bib"),
        ("refs.bib", b"this is not bibtex", "No BibTeX entries"),
        ("refs.ris", b"just text", "No RIS records"),
        ("works.json", b"{not json", "not valid JSON"),
        ("works.json", b'{"hello": 1}', "not an ORCID works export"),
        ("pubs.csv", b"name,year\nx,2020\n", "must name the columns"),
        ("pubs.csv", "title\nCaf\xe9\n".encode("latin-1"), "not UTF-8"),
        ("pubs.csv", b"", "empty"),
    ],
)
def test_bad_files_are_refused_whole(profile, name, content, message):
    with pytest.raises(imports.ImportFileError) as exc:
        imports.parse(name, content, profile)
    assert message in str(exc.value)


def test_preview_then_confirm_through_the_pages(client_for, academic, profile):
    client = client_for(academic)
    before = Publication.objects.count()
    upload = SimpleUploadedFile("refs.bib", BIBTEX.encode(), content_type="text/plain")
    r = client.post(reverse("experts:import_upload", args=[profile.pk]), {"file": upload})
    assert r.status_code == 302
    preview = client.get(r["Location"])
    page = preview.content.decode()
    assert preview.status_code == 200 and "the title is missing" in page and "record 1" in page
    assert Publication.objects.count() == before  # nothing stored yet
    done = client.post(r["Location"])
    assert done.status_code == 200 and "imported" in done.content.decode()
    assert Publication.objects.count() == before + 2
    assert set(profile.publications.values_list("source", flat=True)) >= {"bibtex"}
    report = client.get(r["Location"] + "&download=report")
    assert report.status_code == 200 and "the title is missing" in report.content.decode()
    # the preview is gone once used
    assert client.post(r["Location"]).status_code == 404


def test_someone_elses_preview_is_not_found(client_for, academic, coordinator, profile):
    client = client_for(academic)
    upload = SimpleUploadedFile("pubs.csv", CSV.encode(), content_type="text/csv")
    r = client.post(reverse("experts:import_upload", args=[profile.pk]), {"file": upload})
    url = r["Location"]
    client.logout()
    # the coordinator may import for this profile, but not into another user's preview
    assert client_for(coordinator).get(url).status_code == 404


def test_bad_file_shows_the_reason(client_for, academic, profile):
    upload = SimpleUploadedFile("refs.bib", b"nothing here", content_type="text/plain")
    r = client_for(academic).post(
        reverse("experts:import_upload", args=[profile.pk]), {"file": upload}
    )
    assert r.status_code == 200 and "No BibTeX entries" in r.content.decode()
