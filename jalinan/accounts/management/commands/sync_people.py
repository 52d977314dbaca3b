"""Bring the accounts in line with the HR and student-records exports.

    python manage.py sync_people --staff hr.xlsx --students students.csv
    python manage.py sync_people --staff hr.csv --dry-run --json

A source not given is left alone. Prints one line per row that changed or was rejected (and
per person deactivated), then the totals; ``--json`` prints the whole report instead. Safe to
run again: the same files change nothing. See jalinan/accounts/provisioning.py.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jalinan.accounts.models import User
from jalinan.accounts.provisioning import sync_people


class Command(BaseCommand):
    help = "Create, update and deactivate accounts from the HR and student-records exports."

    def add_arguments(self, parser):
        parser.add_argument("--staff", metavar="FILE", help="the HR export (CSV or XLSX)")
        parser.add_argument(
            "--students", metavar="FILE", help="the student-records export (CSV or XLSX)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument(
            "--allow-mass-deactivation",
            action="store_true",
            help="deactivate even when a file drops more than "
            "JALINAN_SYNC_MAX_DEACTIVATION_PERCENT of the people it manages",
        )
        parser.add_argument("--by", metavar="EMAIL", help="record the changes as this person's")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, staff, students, dry_run, allow_mass_deactivation, by, **options):
        if not staff and not students:
            raise CommandError("Give --staff FILE, --students FILE or both.")
        actor = None
        if by:
            actor = User.objects.filter(email__iexact=by, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active account has the e-mail address {by}.")
        report = sync_people(
            staff=_read(staff),
            students=_read(students),
            by=actor,
            dry_run=dry_run,
            allow_mass_deactivation=allow_mass_deactivation,
        )
        if options["json"]:
            self.stdout.write(report.to_json())
        else:
            self._print(report)
        refused = [s for s in report.sources if s.error]
        if refused:
            raise CommandError("; ".join(f"{s.filename} was refused: {s.error}" for s in refused))

    def _print(self, report):
        for source in report.sources:
            self.stdout.write(f"== {source.label}: {source.filename}")
            if source.error:
                self.stdout.write(f"   refused: {source.error}")
                continue
            for r in source.rows:
                if r.action == "unchanged":
                    continue
                where = f"line {r.line}" if r.line else "not in file"
                what = "; ".join(f"{label}: {old or '—'} → {new}" for label, old, new in r.changes)
                why = "; ".join(str(e) for e in r.errors)
                self.stdout.write(
                    f"   {where:>11}  {r.action:10} {r.number} {r.email}"
                    + (f"  [{what}]" if what else "")
                    + (f"  ({why})" if why else "")
                )
            counts = source.counts
            self.stdout.write(
                "   "
                + ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
                + f" (of {source.managed} active accounts this file kept before)"
            )
            if source.held:
                self.stderr.write(
                    f"WARNING: {source.held} of the {source.managed} people the "
                    f"{source.label} file keeps are missing from it, more than the "
                    "JALINAN_SYNC_MAX_DEACTIVATION_PERCENT allowed: nobody was deactivated. "
                    "Check the export, then run again with --allow-mass-deactivation."
                )
        if not report.changed:
            self.stdout.write("Nothing to change: the accounts already match the files.")
        elif report.dry_run:
            self.stdout.write("Dry run: nothing was written.")


def _read(path):
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"No such file: {path}")
    return file.name, file.read_bytes()
