"""The projects register: partners matched to the registry, funding by year and income; a
second import changes nothing; bad funding and income cells are refused with their row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.core.demo.registers import FOLDER
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    for code in ("koe", "kict"):
        Unit.objects.create(code=code, name=f"Kulliyyah {code}", kind="kulliyyah")
    user_create(
        email="academic@demo.iium.example", full_name="Demo Academic", roles=[Role.ACADEMIC]
    )
    return user_create(
        email="officer@demo.iium.example", full_name="Demo Officer", roles=[Role.OIL_OFFICER]
    )


def _import(content: bytes, by):
    report, _run = import_file(get_register("projects"), filename="p.csv", content=content, by=by)
    return report


def test_the_sample_file_imports_cleanly_and_again_changes_nothing(officer):
    content = (FOLDER / "projects.csv").read_bytes()
    report = _import(content, officer)
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    project = Project.objects.get(reference="RMC/CR/2020/011")
    assert project.status == "completed" and project.lead.email == "academic@demo.iium.example"
    assert [o.legal_name for o in project.organisations.all()] == ["Pelangi Cold Chain Sdn. Bhd."]
    assert sorted((f.year, f.cash, f.in_kind) for f in project.funding.all()) == [
        (2020, Decimal("40000.00"), Decimal("0.00")),
        (2021, Decimal("60000.00"), Decimal("8000.00")),
    ]
    assert sum(i.amount for i in project.income.all()) == Decimal("100000.00")

    again = _import(content, officer)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert project.funding.count() == 2 and project.income.count() == 2


def test_bad_cells_are_refused_with_their_row(officer):
    content = (
        b"reference,title,kind,status,lead,partners,funding,income\n"
        b"P1,One,contract,active,academic@demo.iium.example,Acme Sdn Bhd,2021 60000,\n"
        b"P2,Two,grant,active,academic@demo.iium.example,Acme Sdn Bhd,,\n"
        b"P3,Three,contract,active,academic@demo.iium.example,Acme Sdn Bhd,,2022-13-01: 5\n"
        b"P4,Four,contract,active,academic@demo.iium.example,Acme Sdn Bhd,2021: 100,\n"
    )
    report = _import(content, officer)
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "funding: “2021 60000” is not “year: cash”" in messages[2]
    assert "kind: unknown value “grant”" in messages[3]
    assert "income: “2022-13-01: 5” is not “date: amount”" in messages[4]
    assert report.counts["created"] == 1
    assert list(Project.objects.values_list("reference", flat=True)) == ["P4"]
