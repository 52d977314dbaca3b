"""Load the 17 goals, 169 targets and their indicators (English and Arabic wording, Malay goal
names, colours) from the package data into the database. Idempotent: run it again and nothing
changes.

    python manage.py load_sdgs
"""

from django.core.management.base import BaseCommand

from jalinan.sdgs.services import sdg_framework_load


class Command(BaseCommand):
    help = "Load the SDG goals, targets and indicators (idempotent)."

    def handle(self, *args, **options):
        counts = sdg_framework_load(by=None)
        for kind, (created, updated, unchanged) in counts.items():
            self.stdout.write(
                f"{kind:11} {created:4} created, {updated:4} updated, {unchanged:4} unchanged"
            )
