"""Send the tiered reminders of IP deadlines (PCT national phase, examination, fees).

    python manage.py send_ip_reminders                 # as of today
    python manage.py send_ip_reminders --date 2026-01-31

The same job runs with every other daily job in ``manage.py run_daily``. Idempotent: each tier
of each deadline is sent once only.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from jalinan.technologies.reminders import send_ip_reminders


class Command(BaseCommand):
    help = "IP portfolio: tiered deadline reminders (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); default today")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError("--date must be YYYY-MM-DD") from exc
        self.stdout.write(json.dumps(send_ip_reminders(today=today), indent=2))
