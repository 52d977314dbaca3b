"""Copy each memorandum's project number (Memorandum.project_id, a plain integer kept in step
by hand) onto Project.memorandum, the one place the link is stored from now on; agreements
0006 then drops the number.

- A number naming no existing project is dropped.
- A project with no memorandum takes the memorandum that names it (the lowest-numbered one,
  if several do).
- NOTE: where Project.memorandum already names *another* memorandum, the project keeps it:
  the foreign key was the one the pages and services kept, the number could be typed by hand.
  The memorandum's number is dropped, and the pair is logged as a warning.

Backwards, each memorandum without a number takes that of the lowest-numbered project under
it.
"""

import logging

from django.db import migrations

log = logging.getLogger(__name__)


def forwards(apps, schema_editor):
    Memorandum = apps.get_model("agreements", "Memorandum")
    Project = apps.get_model("projects", "Project")
    pairs = (
        Memorandum.objects.filter(project_id__isnull=False)
        .order_by("pk")
        .values_list("pk", "project_id")
    )
    for memo_id, project_id in pairs:
        if Project.objects.filter(pk=project_id, memorandum__isnull=True).update(
            memorandum_id=memo_id
        ):
            continue
        kept = Project.objects.filter(pk=project_id).values_list("memorandum_id", flat=True)
        kept = kept.first()
        if kept is None:
            log.warning(
                "Memorandum %s named project %s, which does not exist.", memo_id, project_id
            )
        elif kept != memo_id:
            log.warning(
                "Memorandum %s named project %s, which stays under memorandum %s.",
                memo_id,
                project_id,
                kept,
            )


def backwards(apps, schema_editor):
    Memorandum = apps.get_model("agreements", "Memorandum")
    Project = apps.get_model("projects", "Project")
    pairs = (
        Project.objects.filter(memorandum__isnull=False)
        .order_by("pk")
        .values_list("memorandum_id", "pk")
    )
    for memo_id, project_id in pairs:
        Memorandum.objects.filter(pk=memo_id, project_id__isnull=True).update(project_id=project_id)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("agreements", "0005_backfill_pic_assigned_by_and_submitted_by"),
    ]
    run_before = [("agreements", "0006_remove_memorandum_project_and_proposal_numbers")]

    operations = [migrations.RunPython(forwards, backwards)]
