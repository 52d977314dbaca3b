"""The publications register: many experts' publications in one file, checked as the profile
import checks them, keyed by DOI (or title and year); a second import changes nothing."""

from __future__ import annotations

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.core.demo.registers import FOLDER
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.experts.models import Publication

pytestmark = pytest.mark.django_db


def _import(content: bytes, by):
    report, _run = import_file(
        get_register("publications"), filename="pubs.csv", content=content, by=by
    )
    return report


def test_sample_file_imports_cleanly_and_again_changes_nothing(officer):
    user_create(email="academic@demo.iium.example", full_name="Tan Wei Ming", roles=[Role.ACADEMIC])
    content = (FOLDER / "publications.csv").read_bytes()
    report = _import(content, officer)
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    pub = Publication.objects.get(doi="10.5555/jfel.2022.0142")
    assert pub.profile.user.email == "academic@demo.iium.example" and pub.year == 2022
    assert _import(content, officer).counts["unchanged"] == 2
    assert Publication.objects.count() == 2


def test_bad_rows_are_named(officer, academic):
    content = (
        b"expert,title,year,doi\n"
        b"academic@uni.test,Good paper,2020,10.1234/good.1\n"
        b"academic@uni.test,Bad year,twenty,\n"
        b"nobody@uni.test,Nobody's paper,2020,\n"
        b"academic@uni.test,Same DOI again,2021,10.1234/good.1\n"
    )
    report = _import(content, officer)
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "the year “twenty” is not a year" in messages[3]
    assert "nobody with the e-mail address “nobody@uni.test”" in messages[4]
    assert "“10.1234/good.1” is also on row 2" in messages[5]
    assert report.counts["created"] == 1, messages
