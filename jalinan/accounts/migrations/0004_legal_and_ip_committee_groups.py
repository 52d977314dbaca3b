"""Groups for two roles the memorandum and technology-transfer workflows need: the Office of
Legal Adviser, and the IP committee that assesses invention disclosures."""

from django.db import migrations

ROLES = ["legal", "ip_committee"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_role_groups")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
