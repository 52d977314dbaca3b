"""Run the daily jobs every app registers (reminders, health, digests): for cron.

    python manage.py run_daily            # all of them
    python manage.py run_daily --list     # what would run
    python manage.py run_daily --only agreements.reminders

Every job is idempotent, so running this twice in a day sends nothing twice.
"""

from django.core.management.base import BaseCommand, CommandError

from jalinan.core.registry import daily_jobs
from jalinan.core.tasks import run_daily_jobs


class Command(BaseCommand):
    help = "Run the registered daily jobs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="list the jobs and stop")
        parser.add_argument("--only", action="append", default=None, metavar="KEY")

    def handle(self, *args, list: bool, only, **options):
        jobs = daily_jobs()
        if list:
            for job in jobs:
                self.stdout.write(f"{job.key:32} {job.description}")
            return
        unknown = set(only or []) - {j.key for j in jobs}
        if unknown:
            raise CommandError(f"Unknown job(s): {', '.join(sorted(unknown))}")
        results = run_daily_jobs(only)
        failed = False
        for key, result in results.items():
            self.stdout.write(f"{key:32} {result}")
            failed = failed or (isinstance(result, str) and result.startswith("failed"))
        if failed:
            raise CommandError("At least one daily job failed (see above).")
