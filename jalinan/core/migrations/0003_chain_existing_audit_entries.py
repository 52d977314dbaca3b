"""Chain the audit entries written before the hash chain existed, in id order."""

from django.db import migrations

BATCH = 2000


def chain(apps, schema_editor):
    from jalinan.core.auditchain import CHAINED_FIELDS, row_hash

    AuditEntry = apps.get_model("core", "AuditEntry")
    db = schema_editor.connection.alias
    prev, batch = "", []
    rows = AuditEntry.objects.using(db).order_by("id").only("id", *CHAINED_FIELDS)
    for entry in rows.iterator(chunk_size=BATCH):
        entry.prev_hash = prev
        entry.row_hash = prev = row_hash(vars(entry), prev)
        batch.append(entry)
        if len(batch) == BATCH:
            AuditEntry.objects.using(db).bulk_update(batch, ["prev_hash", "row_hash"])
            batch = []
    AuditEntry.objects.using(db).bulk_update(batch, ["prev_hash", "row_hash"])


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_entry_hash_chain")]

    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
