"""Index what partner organisations asked of the university (challenges, enquiries, projects,
technology enquiries, licences) for "who could license this".

    python manage.py index_partner_interests                 # every organisation
    python manage.py index_partner_interests --org 12 --org 40
    python manage.py index_partner_interests --since-days 2  # only those changed lately

Re-runnable: texts that did not change are not embedded again. The daily job
``technologies.partner_interests`` runs the full pass.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jalinan.technologies.licensees import index_all_partners, index_partner


class Command(BaseCommand):
    help = "Index partner organisations' challenges, enquiries and projects (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("--org", type=int, action="append", default=None, metavar="ID")
        parser.add_argument("--since-days", type=float, default=None, metavar="DAYS")

    def handle(self, *args, org, since_days, **options):
        if org and since_days is not None:
            raise CommandError("Give either --org or --since-days, not both.")
        if since_days is not None and since_days <= 0:
            raise CommandError("--since-days must be positive.")
        started = time.perf_counter()
        if org:
            totals: dict = {}
            for org_id in org:
                for key, value in index_partner(org_id).items():
                    totals[key] = totals.get(key, 0) + value
        elif since_days is not None:
            since = timezone.now() - datetime.timedelta(days=since_days)
            totals = index_all_partners(since=since)
        else:
            totals = index_all_partners()
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{k} {v}" for k, v in totals.items()) or "nothing to do"
        self.stdout.write(f"{summary} ({elapsed:.1f} s)")
