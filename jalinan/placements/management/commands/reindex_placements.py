"""``manage.py reindex_placements``: hand every published opening and every student profile to
the matching engine (the recommendations' index), and take unpublished openings out. Safe to
re-run: texts that did not change are not embedded again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from jalinan.placements import ranking


class Command(BaseCommand):
    help = "Index placement openings and student profiles for the recommendations."

    def handle(self, *args, **options):
        with transaction.atomic():
            done = ranking.reindex_all()
        self.stdout.write(
            f"placements: {done['openings']} published openings and {done['profiles']} "
            "student profiles indexed"
        )
