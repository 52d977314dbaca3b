"""The model permissions of ``experts.ProfileProject`` take the codenames Django gives the
renamed model (``change_project`` becomes ``change_profileproject``), so that groups and
people granted them in the admin keep them. On a new database there is nothing to rename:
``post_migrate`` creates the permissions after this runs."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def _rename(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    # Renamed (not recreated) by the RenameModel before this, so its id is the old one.
    content_type = (
        ContentType.objects.using(db).filter(app_label="experts", model="profileproject").first()
    )
    if content_type is None:
        return
    permissions = Permission.objects.using(db).filter(content_type=content_type)
    for action in ACTIONS:
        before = permissions.filter(codename=f"{action}_{old}").first()
        if before is None:
            continue
        after = permissions.filter(codename=f"{action}_{new}").first()
        if after is None:
            before.codename = f"{action}_{new}"
            before.save(update_fields=["codename"])
            continue
        # Both exist (post_migrate ran between the two migrations): keep every grant on one.
        for group in before.group_set.all():
            group.permissions.add(after)
        for user in before.user_set.all():
            user.user_permissions.add(after)
        before.delete()


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, "project", "profileproject")


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, "profileproject", "project")


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0002_rename_project_to_profileproject"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
