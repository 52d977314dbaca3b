"""The opening's memorandum number becomes a foreign key to the memorandum, in the same
column (``memorandum_id``), so the links 0003 kept stay as they were."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_memoranda"),
        ("placements", "0003_clear_dangling_memorandum_ids"),
    ]

    operations = [
        # Name the column explicitly, so that renaming the field leaves the column alone...
        migrations.AlterField(
            model_name="opening",
            name="memorandum_id",
            field=models.PositiveIntegerField(
                blank=True, db_column="memorandum_id", null=True, verbose_name="linked memorandum"
            ),
        ),
        migrations.RenameField(
            model_name="opening", old_name="memorandum_id", new_name="memorandum"
        ),
        # ...and the foreign key's column is memorandum_id again: the values carry over.
        migrations.AlterField(
            model_name="opening",
            name="memorandum",
            field=models.ForeignKey(
                blank=True,
                help_text="The Internship Agreement this opening falls under, if any.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="placement_openings",
                to="agreements.memorandum",
                verbose_name="linked memorandum",
            ),
        ),
    ]
