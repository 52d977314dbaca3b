"""Import one of the office's registers from a CSV/XLSX file, or list them, or print a
register's template (the same framework and per-row report as the registers page).

    python manage.py import_register --list
    python manage.py import_register memoranda --template csv
    python manage.py import_register memoranda --template xlsx --output memoranda.xlsx
    python manage.py import_register memoranda memoranda.csv --documents docs.zip --dry-run
    python manage.py import_register memoranda memoranda.csv --json --by officer@iium.example
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jalinan.core.imports import engine
from jalinan.core.imports.registry import get_register, registers
from jalinan.core.imports.services import import_file
from jalinan.core.tabular import ImportFileError


class Command(BaseCommand):
    help = "Import a register (memoranda, activities, …) from CSV/XLSX, with a per-row report."

    def add_arguments(self, parser):
        parser.add_argument("key", nargs="?", help="the register (see --list)")
        parser.add_argument("file", nargs="?", help="the CSV or XLSX file")
        parser.add_argument("--list", action="store_true", help="list the registers' keys")
        parser.add_argument("--template", choices=["csv", "xlsx"])
        parser.add_argument("--output", help="where --template xlsx writes (default KEY.xlsx)")
        parser.add_argument("--documents", help="a ZIP of documents named by reference")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write none")
        parser.add_argument("--json", action="store_true", help="the report as JSON")
        parser.add_argument("--by", help="e-mail of the OIL officer the import is recorded as")

    def handle(
        self, *args, key, file, list, template, output, documents, dry_run, json, by, **options
    ):
        if list:
            for each in registers():
                self.stdout.write(each.key)
            return
        if not key:
            raise CommandError("Give a register key (see --list).")
        register = get_register(key)
        if register is None:
            raise CommandError(f"Unknown register {key!r}; see --list.")
        if template:
            return self._template(register, template, output)
        if not file:
            raise CommandError("Give the file to import, or --template.")
        user = self._user(by, register)
        try:
            content = Path(file).read_bytes()
            attachments = None
            if documents:
                attachments = engine.read_attachments(documents, Path(documents).read_bytes())
            report, _run = import_file(
                register,
                filename=Path(file).name,
                content=content,
                by=user,
                dry_run=dry_run,
                attachments=attachments,
            )
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(_json(report.as_dict()))
            return
        for r in report.rows:
            details = "; ".join(r.messages + r.notes)
            self.stdout.write(
                f"row {r.line}\t{r.outcome}\t{r.reference}" + (f"\t{details}" if details else "")
            )
        counts = report.counts
        self.stdout.write(
            ("dry run: " if dry_run else "")
            + ", ".join(f"{counts[k]} {k}" for k in engine.OUTCOMES)
        )

    def _template(self, register, fmt, output):
        headers, rows = engine.template_table(register)
        if fmt == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows(rows)
            return
        import tablib

        data = tablib.Dataset(*rows, headers=headers)
        path = Path(output or f"{register.key}.xlsx")
        path.write_bytes(data.export("xlsx"))
        self.stdout.write(str(path))

    def _user(self, email, register):
        User = get_user_model()
        if email:
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise CommandError(f"No active account with the e-mail address {email}.")
            if not register.can_import(user):
                raise CommandError(f"{email} may not import the {register.key} register.")
            return user
        return None  # the system, as cron and seed_demo act


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)
