"""Copy each memorandum's proposal number (Memorandum.proposal_id, a plain integer set when a
proposal was selected) onto Proposal.memorandum, the one place the link is stored from now
on; agreements 0006 then drops the number.

- A number naming no existing proposal is dropped.
- A proposal with no memorandum takes the memorandum that names it (the lowest-numbered one,
  if several do).
- NOTE: where Proposal.memorandum already names *another* memorandum, the proposal keeps it:
  the foreign key was the one the selection set and the pages read, the number could be
  typed by hand. The memorandum's number is dropped, and the pair is logged as a warning.

Backwards, each memorandum without a number takes that of the lowest-numbered proposal that
names it.
"""

import logging

from django.db import migrations

log = logging.getLogger(__name__)


def forwards(apps, schema_editor):
    Memorandum = apps.get_model("agreements", "Memorandum")
    Proposal = apps.get_model("challenges", "Proposal")
    pairs = (
        Memorandum.objects.filter(proposal_id__isnull=False)
        .order_by("pk")
        .values_list("pk", "proposal_id")
    )
    for memo_id, proposal_id in pairs:
        if Proposal.objects.filter(pk=proposal_id, memorandum__isnull=True).update(
            memorandum_id=memo_id
        ):
            continue
        kept = Proposal.objects.filter(pk=proposal_id).values_list("memorandum_id", flat=True)
        kept = kept.first()
        if kept is None:
            log.warning(
                "Memorandum %s named proposal %s, which does not exist.", memo_id, proposal_id
            )
        elif kept != memo_id:
            log.warning(
                "Memorandum %s named proposal %s, which stays with memorandum %s.",
                memo_id,
                proposal_id,
                kept,
            )


def backwards(apps, schema_editor):
    Memorandum = apps.get_model("agreements", "Memorandum")
    Proposal = apps.get_model("challenges", "Proposal")
    pairs = (
        Proposal.objects.filter(memorandum__isnull=False)
        .order_by("pk")
        .values_list("memorandum_id", "pk")
    )
    for memo_id, proposal_id in pairs:
        Memorandum.objects.filter(pk=memo_id, proposal_id__isnull=True).update(
            proposal_id=proposal_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0002_proposal_project"),
        ("agreements", "0005_backfill_pic_assigned_by_and_submitted_by"),
    ]
    run_before = [("agreements", "0006_remove_memorandum_project_and_proposal_numbers")]

    operations = [migrations.RunPython(forwards, backwards)]
