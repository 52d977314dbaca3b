"""Suggest SDG tags for existing records, in batches.

    python manage.py classify_records                      # every registered record type
    python manage.py classify_records --model partners.organisation
    python manage.py classify_records --force              # even where the text is unchanged

Records whose text has not changed since they were last classified are skipped (unless
``--force``); tags people accepted, rejected or added are never changed.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from jalinan.sdgs.registry import taggable_by_key, taggables
from jalinan.sdgs.services import BATCH_SIZE, sdg_classify_batch


class Command(BaseCommand):
    help = "Suggest SDG tags for existing records (batched; skips unchanged text)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--model",
            action="append",
            default=[],
            metavar="APP.MODEL",
            help="only this record type (repeatable), e.g. partners.organisation",
        )
        parser.add_argument("--force", action="store_true", help="classify unchanged text too")
        parser.add_argument("--batch", type=int, default=BATCH_SIZE * 4)

    def handle(self, *args, model, force, batch, **options):
        entries = []
        for key in model:
            entry = taggable_by_key(key)
            if entry is None:
                known = ", ".join(e.key for e in taggables())
                raise CommandError(f"{key} is not SDG-taggable (known: {known})")
            entries.append(entry)
        entries = entries or taggables()
        started = time.monotonic()
        total = 0
        for entry in entries:
            qs = entry.model._default_manager.order_by("pk")
            count = done = 0
            last = 0
            while True:
                objs = list(qs.filter(pk__gt=last)[:batch])
                if not objs:
                    break
                last = objs[-1].pk
                count += len(objs)
                done += sdg_classify_batch(objs=objs, force=force)
            total += done
            self.stdout.write(f"{entry.key:32} {count:6} records, {done:6} classified")
        self.stdout.write(f"{total} classified in {time.monotonic() - started:.1f} s")
