"""Daily job: e-mail each person who chose a digest the notifications not yet e-mailed.

Re-runnable: a notification is e-mailed once, so running it twice sends nothing twice.
Run from cron (``python manage.py send_digests``) where no Celery beat runs.
"""

from django.core.management.base import BaseCommand

from jalinan.core.tasks import send_digests


class Command(BaseCommand):
    help = "E-mail the daily notification digests."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sent {sent} digest e-mail(s).")
