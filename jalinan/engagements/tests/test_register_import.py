"""The activities register: keyed by the office's reference, partners matched to the registry,
memoranda by reference (which feeds their health), staff by e-mail; a second import changes
nothing; an unknown memorandum reference is refused with its row."""

from __future__ import annotations

import pytest

from jalinan.agreements.models import Memorandum
from jalinan.agreements.tests.test_register_import import (  # noqa: F401
    _import,
    demo_people,
    partners_in,
)
from jalinan.engagements.models import Activity

pytestmark = pytest.mark.django_db


def test_sample_file_imports_cleanly_and_again_changes_nothing(partners_in):  # noqa: F811
    officer = partners_in["officer"]
    _import("memoranda", "memoranda.csv", officer)
    report, _run = _import("activities", "activities.csv", officer)
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    visit = Activity.objects.get(reference="ACT/2021/0042")
    assert [m.reference for m in visit.memoranda.all()] == ["OIL/MOA/2020/031"]
    assert [s.email for s in visit.staff.all()] == ["academic@demo.iium.example"]
    memo = Memorandum.objects.get(reference="OIL/MOA/2020/031")
    assert str(memo.last_activity_on) == "2021-06-08"
    again, _run = _import("activities", "activities.csv", officer)
    assert again.counts["unchanged"] == 2


def test_an_unknown_memorandum_is_refused(partners_in):  # noqa: F811
    from jalinan.core.imports.registry import get_register
    from jalinan.core.imports.services import import_file

    content = (
        b"reference,date,type,title,partners,memoranda\n"
        b"A1,2022-01-05,visit,Visit,Pelangi Cold Chain Sdn. Bhd.,OIL/NONE/1\n"
        b"A2,2022-01-05,picnic,Picnic,Pelangi Cold Chain Sdn. Bhd.,\n"
    )
    report, _run = import_file(
        get_register("activities"), filename="a.csv", content=content, by=partners_in["officer"]
    )
    messages = {r.line: " ".join(r.messages) for r in report.rows}
    assert "no memorandum with the reference “OIL/NONE/1”" in messages[2]
    assert "type: unknown value “picnic”" in messages[3]
    assert not Activity.objects.exists()
