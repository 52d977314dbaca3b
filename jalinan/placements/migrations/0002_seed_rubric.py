"""The default evaluation rubric (the office edits it in the application afterwards)."""

from django.db import migrations

CRITERIA = [
    # (name, name_ms, description, description_ms, stage, weight)
    (
        "Technical knowledge and skills",
        "Pengetahuan dan kemahiran teknikal",
        "Applies what the programme taught to the work given.",
        "Mengaplikasikan ilmu program pengajian dalam tugasan yang diberi.",
        "both",
        3,
    ),
    (
        "Quality of work",
        "Kualiti kerja",
        "Accurate, thorough and on time.",
        "Tepat, teliti dan siap pada masanya.",
        "both",
        2,
    ),
    (
        "Problem solving and initiative",
        "Penyelesaian masalah dan inisiatif",
        "Finds problems, proposes and tries solutions without waiting to be told.",
        "Mengenal pasti masalah, mencadang dan mencuba penyelesaian tanpa menunggu arahan.",
        "both",
        2,
    ),
    (
        "Communication",
        "Komunikasi",
        "Explains clearly in speech and in writing; listens.",
        "Menerangkan dengan jelas secara lisan dan bertulis; mendengar dengan baik.",
        "both",
        2,
    ),
    (
        "Teamwork",
        "Kerja berpasukan",
        "Works well with colleagues and accepts direction.",
        "Bekerjasama dengan rakan sekerja dan menerima arahan.",
        "both",
        1,
    ),
    (
        "Professional ethics and integrity",
        "Etika profesional dan integriti",
        "Honest, trustworthy, respects confidentiality and the organisation's rules.",
        "Jujur, amanah, menjaga kerahsiaan dan mematuhi peraturan organisasi.",
        "both",
        2,
    ),
    (
        "Punctuality and discipline",
        "Ketepatan masa dan disiplin",
        "Attendance, punctuality and conduct.",
        "Kehadiran, ketepatan masa dan tingkah laku.",
        "both",
        1,
    ),
    (
        "Adapting to the workplace",
        "Penyesuaian di tempat kerja",
        "How well the student has settled in and learned the organisation's ways.",
        "Sejauh mana pelajar menyesuaikan diri dan memahami cara kerja organisasi.",
        "midterm",
        1,
    ),
    (
        "Contribution to the organisation",
        "Sumbangan kepada organisasi",
        "The value of what the student delivered over the placement.",
        "Nilai hasil kerja pelajar sepanjang latihan.",
        "final",
        2,
    ),
]


def seed(apps, schema_editor):
    RubricCriterion = apps.get_model("placements", "RubricCriterion")
    if RubricCriterion.objects.exists():
        return
    for order, (name, name_ms, desc, desc_ms, stage, weight) in enumerate(CRITERIA, start=1):
        RubricCriterion.objects.create(
            name=name,
            name_ms=name_ms,
            description=desc,
            description_ms=desc_ms,
            stage=stage,
            weight=weight,
            max_score=5,
            order=order * 10,
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
