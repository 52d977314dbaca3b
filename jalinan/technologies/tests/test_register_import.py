"""The IP assets register: filings with their numbers, offices and dates, deadlines computed by
the services, a family named by its first filing's number; a second import changes nothing."""

from __future__ import annotations

import pytest

from jalinan.accounts.models import Unit
from jalinan.core.demo.registers import FOLDER
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.technologies.models import IPAsset

pytestmark = pytest.mark.django_db


def _import(content: bytes, by):
    report, _run = import_file(get_register("ip_assets"), filename="ip.csv", content=content, by=by)
    return report


def test_sample_file_imports_with_deadlines_and_again_changes_nothing(officer):
    for code in ("koe", "kict"):
        Unit.objects.create(code=code, name=f"Kulliyyah {code}", kind="kulliyyah")
    content = (FOLDER / "ip_assets.csv").read_bytes()
    report = _import(content, officer)
    assert report.counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    pct = IPAsset.objects.get(application_number="PCT/MY2022/050077")
    assert pct.family.application_number == "PI2021004512"
    assert pct.deadlines.filter(is_computed=True).exists()  # national phase, from the dates
    assert _import(content, officer).counts["unchanged"] == 3


def test_bad_rows_are_named(officer):
    content = (
        b"application_number,office,kind,title,status,filing_date,family\n"
        b"PI1,mars,patent,One,filed,2021-01-01,\n"
        b"PI2,myipo,patent,Two,filed,2021-01-01,PI999\n"
        b"PI3,myipo,patent,Three,granted,2021-01-01,\n"
    )
    report = _import(content, officer)
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "office: unknown value “mars”" in messages[2]
    assert "no filing with the application number “PI999”" in messages[3]
    assert "granted_on" in messages[4]
    assert not IPAsset.objects.exists()
