"""Demo programmes, and students with their placement profiles."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create

from .. import services
from ..models import Programme, StudentProfile
from .planning import DEMO_PASSWORD, DOMAIN, PROGRAMMES, TERMS, Plan


def seed_programmes(ctx) -> dict[str, Programme]:
    existing = {p.code: p for p in Programme.objects.all()}
    for code, name, name_ms, level, unit, _field, _skills in PROGRAMMES:
        if code in existing:
            ctx.count("programmes", False)
            continue
        existing[code] = services.programmes.programme_create(
            by=None, code=code, name=name, name_ms=name_ms, level=level, unit=ctx.units[unit]
        )
        ctx.count("programmes", True)
    return existing


def seed_students(ctx, the_plan: Plan, programmes, today) -> list[User]:
    existing = {u.email: u for u in User.objects.filter(email__endswith=f"@{DOMAIN}")}
    profiles = set(StudentProfile.objects.values_list("user__email", flat=True))
    hashed = make_password(DEMO_PASSWORD)
    out = []
    for s in the_plan.students:
        user = existing.get(s.email)
        programme = programmes[s.programme]
        if user is None:
            user = user_create(
                email=s.email,
                full_name=s.name,
                password=None,
                roles=[Role.STUDENT],
                unit=programme.unit,
                staff_id=f"2{int(s.email[7:10]):06d}",
            )
            User.objects.filter(pk=user.pk).update(password=hashed)
            ctx.count("students", True)
        else:
            ctx.count("students", False)
        if s.email not in profiles:
            lo, hi = TERMS[s.term][3]
            services.profiles.student_profile_save(
                user=user,
                by=user,
                programme=programme,
                year_of_study=s.year,
                cgpa=s.cgpa,
                skills=s.skills,
                languages=s.languages,
                training_from=today + timedelta(days=lo),
                training_to=today + timedelta(days=hi),
                training_weeks=12,
                expected_graduation=today + timedelta(days=(5 - s.year) * 365 - 200),
                consent_to_share=s.consent,
                shared_fields=s.shared,
            )
        out.append(user)
    return out
