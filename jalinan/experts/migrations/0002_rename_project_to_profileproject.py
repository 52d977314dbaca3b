"""``experts.Project`` becomes ``experts.ProfileProject`` (the collaborative projects are
``projects.Project``). The table is renamed with its rows; ``migrate`` renames the content type
in place, so audit entries, admin log entries and permissions that point at it keep its id."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0001_expert_profiles"),
    ]

    operations = [
        migrations.RenameModel(old_name="Project", new_name="ProfileProject"),
    ]
