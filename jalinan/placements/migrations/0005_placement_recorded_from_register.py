"""Placements recorded from the office's register: the application becomes optional, the
office's reference names such a placement, and the placement holds its kind (copied here from
the opening of every existing placement's application)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_kind_from_opening(apps, schema_editor):
    Placement = apps.get_model("placements", "Placement")
    Opening = apps.get_model("placements", "Opening")
    for kind in Opening.objects.values_list("kind", flat=True).distinct():
        Placement.objects.filter(application__opening__kind=kind).update(kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("placements", "0004_opening_memorandum_link"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="kind",
            field=models.CharField(
                choices=[
                    ("internship", "Internship (industrial training)"),
                    ("industry_project", "Industry final-year project"),
                    ("research", "Postgraduate research with industry"),
                    ("job", "Part-time or graduate job"),
                ],
                default="internship",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="placement",
            name="reference",
            field=models.CharField(
                blank=True,
                default="",
                help_text="The office's own number, for a placement recorded from its register.",
                max_length=60,
                verbose_name="office reference",
            ),
        ),
        migrations.AlterField(
            model_name="placement",
            name="application",
            field=models.OneToOneField(
                blank=True,
                help_text="Empty for a placement recorded from the office's register.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="placement",
                to="placements.application",
                verbose_name="application",
            ),
        ),
        migrations.RunPython(copy_kind_from_opening, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("reference", ""), _negated=True),
                fields=("reference",),
                name="placement_reference_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("application__isnull", False),
                    models.Q(("reference", ""), _negated=True),
                    _connector="OR",
                ),
                name="placement_application_or_reference",
            ),
        ),
    ]
