"""The memorandum types IIUM uses; OIL administrators may change them afterwards."""

from django.db import migrations

# (code, name, Malay name, abbreviation, goes to MCOM and UMC)
TYPES = [
    ("mou", "Memorandum of Understanding", "Memorandum Persefahaman", "MOU", True),
    ("moa", "Memorandum of Agreement", "Memorandum Perjanjian", "MOA", True),
    ("rca", "Research Collaboration Agreement", "Perjanjian Kolaborasi Penyelidikan", "RCA", True),
    ("cra", "Contract Research Agreement", "Perjanjian Penyelidikan Kontrak", "CRA", True),
    (
        "lca",
        "Licensing & Commercialisation Agreement",
        "Perjanjian Pelesenan & Pengkomersialan",
        "LCA",
        True,
    ),
    ("ipa", "IP Arrangement Agreement", "Perjanjian Pengaturan Harta Intelek", "IPA", True),
    ("osa", "Outright Sales Agreement", "Perjanjian Jualan Terus", "OSA", True),
    ("sea", "Student Exchange Agreement", "Perjanjian Pertukaran Pelajar", "SEA", True),
    ("ia", "Internship Agreement", "Perjanjian Latihan Industri", "IA", True),
    (
        "tpa",
        "Translation & Publication Agreement",
        "Perjanjian Terjemahan & Penerbitan",
        "TPA",
        True,
    ),
    ("nda", "Non-Disclosure Agreement", "Perjanjian Tanpa Pendedahan", "NDA", False),
    ("loi", "Letter of Intent", "Surat Hasrat", "LOI", False),
    ("sla", "Service Level Agreement", "Perjanjian Tahap Perkhidmatan", "SLA", False),
]


def seed(apps, schema_editor):
    MemorandumType = apps.get_model("agreements", "MemorandumType")
    for order, (code, name, name_ms, abbreviation, committee) in enumerate(TYPES, start=1):
        MemorandumType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_ms": name_ms,
                "abbreviation": abbreviation,
                "needs_committee": committee,
                "order": order * 10,
            },
        )


def unseed(apps, schema_editor):
    MemorandumType = apps.get_model("agreements", "MemorandumType")
    MemorandumType.objects.filter(code__in=[t[0] for t in TYPES], memoranda=None).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_memoranda")]
    operations = [migrations.RunPython(seed, unseed)]
