"""Back up the database and the uploaded files into one archive.

    python manage.py backup                          # var/backups/jalinan-YYYYmmdd-HHMMSS.tar.gz
    python manage.py backup --output /backups/x.tar.gz

Restore with ``manage.py restore PATH`` (see README, "Backup and restore").
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jalinan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one .tar.gz archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="archive path (.tar.gz)")

    def handle(self, *args, output, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"jalinan-{stamp}.tar.gz"
        try:
            manifest = backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['row_counts'])} tables and "
            f"{len(manifest['files'])} files to {output}"
        )
