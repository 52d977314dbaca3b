"""Fill the new columns from the history already kept.

- submitted_by: the actor of the latest submit/resubmit step of each memorandum.
- person_in_charge_assigned_by: the actor of the latest audit entry that set the person in
  charge (the creation or an edit), when that actor is an OIL admin or officer; otherwise it
  stays empty, so a person in charge who named themselves no longer opens confidential
  documents until OIL confirms them.
"""

from django.db import migrations

OIL_ROLES = ("oil_admin", "oil_officer")


def backfill(apps, schema_editor):
    Memorandum = apps.get_model("agreements", "Memorandum")
    StatusChange = apps.get_model("agreements", "StatusChange")
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("accounts", "User")

    oil = set(
        User.objects.filter(groups__name__in=OIL_ROLES).values_list("pk", flat=True).distinct()
    )
    submitted = {}
    for memo_id, actor_id in (
        StatusChange.objects.filter(action__in=("submit", "resubmit"), actor__isnull=False)
        .order_by("created_at", "id")
        .values_list("memorandum_id", "actor_id")
    ):
        submitted[memo_id] = actor_id  # the latest wins
    for memo_id, actor_id in submitted.items():
        Memorandum.objects.filter(pk=memo_id).update(submitted_by_id=actor_id)

    ct = ContentType.objects.filter(app_label="agreements", model="memorandum").first()
    if ct is None:
        return
    setter = {}
    for object_id, actor_id, changes in (
        AuditEntry.objects.filter(content_type=ct, action__in=("create", "update"))
        .order_by("created_at", "id")
        .values_list("object_id", "actor_id", "changes")
    ):
        if isinstance(changes, dict) and "person_in_charge" in changes:
            setter[object_id] = actor_id  # the latest wins
    for object_id, actor_id in setter.items():
        if actor_id in oil and object_id.isdigit():
            Memorandum.objects.filter(pk=int(object_id)).update(
                person_in_charge_assigned_by_id=actor_id
            )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_memorandum_pic_assigned_by_and_submitted_by"),
        ("core", "0001_initial"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
