"""Before the opening's memorandum number becomes a foreign key (0004): a number that names
no memorandum is cleared, so that the constraint holds and the rest is kept."""

from django.db import migrations


def clear_dangling(apps, schema_editor):
    Opening = apps.get_model("placements", "Opening")
    Memorandum = apps.get_model("agreements", "Memorandum")
    (
        Opening.objects.filter(memorandum_id__isnull=False)
        .exclude(memorandum_id__in=Memorandum.objects.values("pk"))
        .update(memorandum_id=None)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_memoranda"),
        ("placements", "0002_seed_rubric"),
    ]

    operations = [migrations.RunPython(clear_dangling, migrations.RunPython.noop)]
