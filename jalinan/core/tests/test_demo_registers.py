"""The sample register files ``make demo`` ships import cleanly into the demo itself: the
partners and memoranda files that ``seed_demo`` imports, and the others, from the registers
page's point of view (each imported after the seeding)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from jalinan.core.demo.registers import FOLDER
from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.core.models import ImportRun

pytestmark = pytest.mark.django_db


def test_every_sample_file_imports_cleanly_into_the_demo():
    call_command("seed_demo", academics=30, scale=0.2, verbosity=0)
    seeded = {run.register: run for run in ImportRun.objects.all()}
    assert set(seeded) == {"partners", "memoranda"}
    assert [(k, r.rejected) for k, r in seeded.items() if r.rejected] == []
    assert seeded["memoranda"].created == 6

    officer = get_user_model().objects.get(email="officer@demo.iium.example")
    for key, name in [
        ("activities", "activities.csv"),
        ("projects", "projects.csv"),
        ("publications", "publications.csv"),
        ("ip_assets", "ip_assets.csv"),
        ("licences", "licences.csv"),
        ("royalty_payments", "royalty_payments.csv"),
        ("placements", "placements.csv"),
    ]:
        report, _run = import_file(
            get_register(key), filename=name, content=(FOLDER / name).read_bytes(), by=officer
        )
        rejected = [(r.line, r.messages) for r in report.rows if r.outcome == "rejected"]
        assert rejected == [], (key, rejected)
        assert report.counts["created"] == len(report.rows), key
