"""Send the memoranda's daily reminders and move memoranda to expiring/expired by date.

    python manage.py send_memorandum_reminders                 # as of today
    python manage.py send_memorandum_reminders --date 2026-01-31

The same job runs with every other daily job in ``manage.py run_daily``. Idempotent: running
it twice sends nothing twice.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from jalinan.agreements.reminders import send_reminders


class Command(BaseCommand):
    help = "Memoranda: expiry, stuck-stage and overdue-deliverable alerts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); default today")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        self.stdout.write(json.dumps(send_reminders(today=today), indent=2))
