"""Walk the audit log's hash chain and report the first entry where it breaks.

    manage.py verify_audit_chain

Prints OK and the number of entries when the chain holds; otherwise names the first broken
entry and exits with a non-zero code (for cron or monitoring).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jalinan.core.auditchain import CHAINED_FIELDS, first_break
from jalinan.core.models import AuditEntry

WHY = {
    "content": "its content does not match its hash (it was changed after it was written)",
    "link": (
        "its link to the entry before it does not match "
        "(an entry before it was deleted, inserted or changed)"
    ),
}


class Command(BaseCommand):
    help = "Check that no audit entry was changed or deleted since it was written."

    def handle(self, *args, **options):
        rows = (
            AuditEntry.objects.order_by("id")
            .values("id", "prev_hash", "row_hash", *CHAINED_FIELDS)
            .iterator(chunk_size=2000)
        )
        try:
            broken = first_break(rows)
        finally:
            rows.close()  # a chain broken early leaves the cursor open otherwise
        if broken:
            pk, why = broken
            raise CommandError(f"Audit chain broken at entry id {pk}: {WHY[why]}.")
        self.stdout.write(f"OK: {AuditEntry.objects.count()} audit entries, chain intact.")
