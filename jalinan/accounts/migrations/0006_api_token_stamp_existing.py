"""Existing API tokens keep working under the password their user has now (a later change
revokes them); the schema migration before this one made them read-write in every area and
gave those without an expiry one 90 days from the migration."""

from django.db import migrations

from jalinan.accounts.models import password_stamp


def stamp(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(password_stamp="").select_related("user"):
        token.password_stamp = password_stamp(token.user)
        token.save(update_fields=["password_stamp"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_api_token_scopes_and_password_stamp"),
    ]

    operations = [migrations.RunPython(stamp, migrations.RunPython.noop)]
