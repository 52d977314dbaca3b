"""Builders for placement records, through the services (so audit and notifications behave
as in use)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.placements import services
from jalinan.placements.choices import ApplicationStatus
from jalinan.placements.models import Programme

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


def make_programme(unit, code="beng-mech", name="BEng Mechanical Engineering"):
    return Programme.objects.create(code=code, name=name, unit=unit)


def make_student(email, name, unit, **extra):
    return user_create(
        email=email, full_name=name, password="x" * 12, roles=[Role.STUDENT], unit=unit, **extra
    )


def make_profile(student, programme, *, year=3, cgpa="3.71", consent=False, shared=None, **f):
    fields = {
        "programme": programme,
        "year_of_study": year,
        "cgpa": Decimal(cgpa) if cgpa is not None else None,
        "skills": ["Python", "CAD"],
        "languages": ["Malay", "English"],
        "consent_to_share": consent,
        "training_from": today() + timedelta(days=60),
        "training_to": today() + timedelta(days=200),
        "training_weeks": 20,
    }
    if shared is not None:
        fields["shared_fields"] = shared
    fields.update(f)
    return services.profiles.student_profile_save(user=student, by=student, **fields)


def make_opening(organisation, by, *, programmes=(), **over):
    fields = {
        "kind": "internship",
        "title": "Robotics intern",
        "description": "Build and test pick-and-place robots.",
        "skills": ["Python", "ROS"],
        "min_year": 2,
        "max_year": 4,
        "work_mode": "on_site",
        "state": "SGR",
        "city": "Gombak",
        "starts_on": today() + timedelta(days=60),
        "ends_on": today() + timedelta(days=150),
        "allowance_rm": Decimal("800"),
        "places": 2,
        "deadline": today() + timedelta(days=30),
    }
    fields.update(over)
    return services.openings.opening_create(
        by=by, organisation=organisation, programmes=list(programmes), **fields
    )


def make_application(opening, student, *, consent=True, note="I would like to join."):
    return services.applications.application_submit(
        opening=opening, student=student, cover_note=note, consent_to_share=consent
    )


def move(application, by, *targets):
    for target in targets:
        application = services.applications.application_move(
            application=application, to=target, by=by
        )
    return application


def make_placement(opening, student, partner, *, consent=True):
    application = make_application(opening, student, consent=consent)
    move(application, partner, ApplicationStatus.SHORTLISTED, ApplicationStatus.OFFERED)
    move(application, student, ApplicationStatus.ACCEPTED)
    application.refresh_from_db()
    return application.placement
