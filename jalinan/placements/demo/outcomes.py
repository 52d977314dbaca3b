"""Demo graduates' outcomes."""

from __future__ import annotations

from datetime import timedelta

from .. import services
from ..choices import PlacementStatus
from ..models import GraduateOutcome, Placement


def seed_outcomes(ctx, rng, the_plan, students, today) -> None:
    have = set(GraduateOutcome.objects.values_list("student_id", flat=True))
    officer = ctx.logins.get("officer")
    placed = {
        p.student_id: p.organisation
        for p in Placement.objects.filter(
            student__in=students, status=PlacementStatus.COMPLETED
        ).select_related("organisation")
    }
    for s, student in zip(the_plan.students, students, strict=True):
        # Every draw is made whatever the database holds, so that a second run draws alike.
        recorded = s.term == "past" and rng.random() <= 0.7
        status = rng.choices(
            ["employed", "self_employed", "further_study", "upskilling", "not_working"],
            [65, 5, 10, 5, 15],
        )[0]
        at_partner = status == "employed" and rng.random() < 0.45
        other_employer = rng.choice(
            ["Syarikat Maju Jaya Sdn. Bhd.", "Global Tech Services", "Own business"]
        )
        delay = rng.choice([20, 45, 90, 120, 160, 240])
        if not recorded:
            continue
        if student.pk in have:
            ctx.count("outcomes", False)
            continue
        employer = placed.get(student.pk) if at_partner else None
        graduated = today - timedelta(days=150)
        services.outcomes.outcome_record(
            student=student,
            by=officer,
            graduated_on=graduated,
            status=status,
            employer_organisation=employer,
            employer_name=""
            if employer or status in ("not_working", "further_study", "upskilling")
            else other_employer,
            job_title={
                "further_study": "Master's degree",
                "upskilling": "Professional certificate",
            }.get(status, "Executive" if status != "not_working" else ""),
            started_on=None if status == "not_working" else graduated + timedelta(days=delay),
        )
        ctx.count("outcomes", True)
