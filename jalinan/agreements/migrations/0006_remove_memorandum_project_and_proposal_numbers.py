"""The memorandum's project and proposal numbers go: the links are stored once, by the apps
above this one (Project.memorandum, challenges' Proposal.memorandum).

The data migrations that first copy the numbers onto those foreign keys (projects
0002_memorandum_project_numbers_to_fk, challenges 0003_memorandum_proposal_numbers_to_fk)
declare ``run_before`` this one, so this app's migrations name no app above it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_backfill_pic_assigned_by_and_submitted_by"),
    ]

    operations = [
        migrations.RemoveField(model_name="memorandum", name="project_id"),
        migrations.RemoveField(model_name="memorandum", name="proposal_id"),
    ]
