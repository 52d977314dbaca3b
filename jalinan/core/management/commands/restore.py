"""Restore a backup made by ``manage.py backup``: replaces the database and the media folder.

    python manage.py migrate              # a new, empty database: create the tables first
    python manage.py restore PATH         # refuses when the database or media folder has data
    python manage.py restore PATH --yes   # replace what is there

The backup must come from the same migrations (the same Jalinan version). Row counts and file
hashes are checked against the manifest; a mismatch in the rows rolls the database back.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jalinan.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="replace a database or media folder with data"
        )

    def handle(self, *args, path, yes: bool, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            manifest = restore(path, force=yes)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Restored {rows} rows in {len(manifest['row_counts'])} tables and "
            f"{len(manifest['files'])} files from {path} (made {manifest['created_at']}); "
            "row counts and file hashes verified."
        )
