"""Demo step: import the sample register files of ``demo/registers/`` (fictional) through the
registers' own import, as an office would from the registers page. The file with bad rows
(``*-bad.csv``) is left for the user to try; its report is read by the tests."""

from __future__ import annotations

from pathlib import Path

from jalinan.core.imports.registry import get_register
from jalinan.core.imports.services import import_file
from jalinan.core.models import ImportRun

FOLDER = Path(__file__).parent / "registers"
# In this order: the memoranda name the partners the first file brings in. The other sample
# files of the folder (activities, projects, publications, IP assets, licences and their
# royalty payments) are there to try from the registers page: the other apps' demo steps
# already give each demo login its records.
FILES = [("partners", "partners.csv"), ("memoranda", "memoranda.csv")]


def seed(ctx) -> None:
    for key, name in FILES:
        register = get_register(key)
        if register is None:  # its app is not installed
            continue
        if ImportRun.objects.filter(register=key, filename=name).exists():
            ctx.count(f"{key} register file", False)  # imported by an earlier seeding
            continue
        report, _run = import_file(
            register,
            filename=name,
            content=(FOLDER / name).read_bytes(),
            by=ctx.logins.get("officer"),
        )
        for row in report.rows:
            ctx.count(f"{key} register rows", row.outcome == "created")
