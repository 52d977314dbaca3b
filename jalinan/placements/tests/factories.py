"""Test data for placements: factory-boy factories for direct rows (a programme, a student's
profile, an opening, an application, a placement, a graduate's outcome standing in some
status), and builders through the services where audit and notifications must behave as in
use (``make_opening``, ``make_application``, ``make_placement``...)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UnitFactory, UserFactory
from jalinan.partners.tests.factories import OrganisationFactory
from jalinan.placements import services
from jalinan.placements.choices import ApplicationStatus
from jalinan.placements.models import (
    Application,
    GraduateOutcome,
    Opening,
    Placement,
    Programme,
    StudentProfile,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"beng-{n}")
    name = factory.Sequence(lambda n: f"Bachelor of Engineering, programme {n}")
    unit = factory.SubFactory(UnitFactory)


class StudentProfileFactory(DjangoModelFactory):
    """A third-year student's profile, without the service's checks (``make_profile``)."""

    class Meta:
        model = StudentProfile

    user = factory.SubFactory(UserFactory, roles=[Role.STUDENT])
    programme = factory.SubFactory(ProgrammeFactory)
    kulliyyah = factory.SelfAttribute("programme.unit")
    year_of_study = 3


class OpeningFactory(DjangoModelFactory):
    """A published internship of three months, starting in two months."""

    class Meta:
        model = Opening

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "internship"
    title = "Robotics intern"
    description = "Build and test pick-and-place robots."
    starts_on = factory.LazyFunction(lambda: today() + timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=90))
    deadline = factory.LazyAttribute(lambda o: o.starts_on - timedelta(days=30))
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    opening = factory.SubFactory(OpeningFactory)
    student = factory.SubFactory(UserFactory, roles=[Role.STUDENT])
    cover_note = "I would like to join."


class PlacementFactory(DjangoModelFactory):
    """An accepted application's placement, over the opening's dates."""

    class Meta:
        model = Placement

    application = factory.SubFactory(ApplicationFactory, status="accepted")
    student = factory.SelfAttribute("application.student")
    organisation = factory.SelfAttribute("application.opening.organisation")
    kind = factory.SelfAttribute("application.opening.kind")  # as placement_create copies it
    starts_on = factory.SelfAttribute("application.opening.starts_on")
    ends_on = factory.SelfAttribute("application.opening.ends_on")


class GraduateOutcomeFactory(DjangoModelFactory):
    """A graduate employed within six months."""

    class Meta:
        model = GraduateOutcome

    student = factory.SubFactory(UserFactory, roles=[Role.STUDENT])
    graduated_on = date(2024, 7, 1)
    status = "employed"
    within_six_months = True
    started_on = factory.LazyAttribute(
        lambda o: o.graduated_on + timedelta(days=30) if o.within_six_months else None
    )
    employer_name = factory.LazyAttribute(
        lambda o: "Petronas Digital Sdn. Bhd."
        if o.status in ("employed", "self_employed") and o.employer_organisation is None
        else ""
    )
    employer_organisation = None


def make_programme(unit, code="beng-mech", name="BEng Mechanical Engineering"):
    return ProgrammeFactory(code=code, name=name, unit=unit)


def make_student(email, name, unit, **extra):
    return UserFactory(
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
