"""The default revenue sharing policy a new installation starts with (IIUM's practice):
inventors 50%, their KCDIOs 20%, the university 30%, in force from 2000-01-01. OIL
administrators change it by adding a newer policy (Office → Revenue sharing policy)."""

import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    RevenuePolicy = apps.get_model("technologies", "RevenuePolicy")
    RevenuePolicy.objects.get_or_create(
        effective_from=datetime.date(2000, 1, 1),
        defaults={
            "name": "Default policy (inventors 50%, KCDIOs 20%, university 30%)",
            "inventors_percent": Decimal("50"),
            "units_percent": Decimal("20"),
            "university_percent": Decimal("30"),
            "deduct_costs": False,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("technologies", "0002_enquiry_opportunity")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
