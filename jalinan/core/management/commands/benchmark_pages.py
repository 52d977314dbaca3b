"""Run the page benchmarks every app registers (``make bench``) and print their figures.

Each benchmark fills a scratch database with synthetic data at the size it states (e.g.
10,000 memoranda), then measures a page's query count and response time through Django's
test client. The scratch database is a temporary SQLite file (or, with ``--keep-db``, this
settings' own database, for PostgreSQL runs), so the real data is never touched.

    python manage.py benchmark_pages --json
    python manage.py benchmark_pages --only agreements.list --size 0.1
"""

from __future__ import annotations

import os
import tempfile
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test.utils import setup_test_environment

from jalinan.core.registry import benchmarks


class Command(BaseCommand):
    help = "Measure page query counts and response times at scale (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--only", action="append", default=None, metavar="KEY")
        parser.add_argument("--size", type=float, default=1.0, help="scale of the data")
        parser.add_argument("--list", action="store_true")

    def handle(self, *args, json: bool, only, size: float, list: bool, **options):
        import json as jsonlib

        chosen = [b for b in benchmarks() if not only or b.key in only]
        if list:
            for b in chosen:
                self.stdout.write(f"{b.key:32} {b.description}")
            return
        if only and len(chosen) != len(set(only)):
            raise CommandError("Unknown benchmark key; see --list.")
        results = {}
        with _scratch_database():
            setup_test_environment()
            for bench in chosen:
                started = time.monotonic()
                figures = bench.run(size=size)
                figures["benchmark_seconds"] = round(time.monotonic() - started, 1)
                results[bench.key] = figures
                if not json:
                    self.stdout.write(f"{bench.key}: {figures}")
        if json:
            self.stdout.write(jsonlib.dumps(results, indent=2, default=str))


class _scratch_database:
    """Point the default connection at a fresh, migrated temporary SQLite file."""

    def __enter__(self):
        from django.conf import settings

        self.tmp = tempfile.TemporaryDirectory(prefix="jalinan-bench-")
        db = settings.DATABASES["default"]
        self.saved = dict(db)
        if db["ENGINE"].endswith("sqlite3"):
            db["NAME"] = os.path.join(self.tmp.name, "bench.sqlite3")
        else:
            db["NAME"] = db["NAME"] + "_bench"
            _recreate_pg(self.saved, db["NAME"])
        connections["default"].close()
        connections["default"].settings_dict.update(db)
        call_command("migrate", verbosity=0, interactive=False)
        return self

    def __exit__(self, *exc):
        from django.conf import settings

        connections["default"].close()
        if not self.saved["ENGINE"].endswith("sqlite3"):
            _drop_pg(self.saved, settings.DATABASES["default"]["NAME"])
        settings.DATABASES["default"].clear()
        settings.DATABASES["default"].update(self.saved)
        connections["default"].settings_dict.update(self.saved)
        self.tmp.cleanup()


def _admin_connection(saved):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=saved.get("USER") or None,
        password=saved.get("PASSWORD") or None,
        host=saved.get("HOST") or None,
        port=saved.get("PORT") or None,
        autocommit=True,
    )


def _recreate_pg(saved, name):
    with _admin_connection(saved) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    import psycopg

    with psycopg.connect(
        dbname=name,
        user=saved.get("USER") or None,
        password=saved.get("PASSWORD") or None,
        host=saved.get("HOST") or None,
        port=saved.get("PORT") or None,
        autocommit=True,
    ) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")


def _drop_pg(saved, name):
    with _admin_connection(saved) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
