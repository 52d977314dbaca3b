"""Who may apply to what: every rule, with the message the student reads, and the list of
eligible openings agreeing with the rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from jalinan.placements import eligibility, selectors, services
from jalinan.placements.choices import ApplicationStatus
from jalinan.placements.models import Application

from .factories import make_application, make_opening, make_profile, make_student, move, today


def problems(opening, student):
    profile = getattr(student, "student_profile", None)
    return eligibility.problems(opening, student, profile)


def eligible_ids(student):
    return set(
        selectors.openings.openings_for_student(student, student).values_list("pk", flat=True)
    )


def refused(opening, student, fragment):
    before = Application.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_application(opening, student)
    assert any(fragment in m for m in exc.value.messages), exc.value.messages
    assert Application.objects.count() == before


def test_an_eligible_student_applies(opening, student, profile):
    assert problems(opening, student) == []
    assert opening.pk in eligible_ids(student)
    application = make_application(opening, student)
    assert application.status == ApplicationStatus.SUBMITTED


def test_profile_must_be_complete(opening, student):
    refused(opening, student, "Complete your placement profile")
    assert eligible_ids(student) == set()


def test_programme_must_be_eligible(opening, student, ict_programme):
    make_profile(student, ict_programme)
    refused(opening, student, "This opening is for students of BEng Mechanical Engineering")
    assert opening.pk not in eligible_ids(student)


def test_an_opening_without_programmes_takes_every_programme(
    org_acme, officer, student, ict_programme
):
    make_profile(student, ict_programme)
    anyone = make_opening(org_acme, officer, programmes=[])
    assert problems(anyone, student) == [] and anyone.pk in eligible_ids(student)


@pytest.mark.parametrize("year", [1, 5])
def test_year_of_study_must_be_in_range(opening, student, mech, year):
    make_profile(student, mech, year=year)
    refused(opening, student, f"year 2–4 of study; you are in year {year}")
    assert opening.pk not in eligible_ids(student)


def test_deadline(opening, student, profile, officer):
    services.openings.opening_update(
        opening=opening, by=officer, deadline=today() - timedelta(days=1)
    )
    refused(opening, student, "The deadline for applications passed")
    assert opening.pk not in eligible_ids(student)


def test_pending_or_closed_openings_take_no_applications(opening, student, profile, officer):
    services.openings.opening_close(opening=opening, by=officer)
    refused(opening, student, "not open for applications")
    assert opening.pk not in eligible_ids(student)


def test_places(opening, student, profile, partner_user, officer, unit_eng, mech):
    services.openings.opening_update(opening=opening, by=officer, places=1)
    first = make_student("first@uni.test", "First Placed", unit_eng)
    make_profile(first, mech)
    application = make_application(opening, first)
    move(application, partner_user, "shortlisted", "offered")
    move(application, first, "accepted")
    refused(opening, student, "All 1 places of this opening have been filled")
    assert opening.pk not in eligible_ids(student)


def test_once_only(opening, student, profile):
    make_application(opening, student)
    refused(opening, student, "You have already applied")


def test_not_while_holding_an_overlapping_placement(
    opening, student, profile, partner_user, org_acme, officer
):
    application = make_application(opening, student)
    move(application, partner_user, "shortlisted", "offered")
    move(application, student, "accepted")
    overlapping = make_opening(org_acme, officer, title="Second internship")
    later = make_opening(
        org_acme,
        officer,
        title="Next year's internship",
        starts_on=today() + timedelta(days=400),
        ends_on=today() + timedelta(days=480),
    )
    refused(overlapping, student, "You already hold a placement at Acme Robotics")
    ids = eligible_ids(student)
    assert overlapping.pk not in ids and later.pk in ids
    assert make_application(later, student).pk


def test_only_students_apply(opening, academic):
    with pytest.raises(Exception) as exc:
        make_application(opening, academic)
    assert exc.type.__name__ == "PermissionDenied"


def test_the_list_is_by_deadline_and_marks_applied(org_acme, officer, student, profile, mech):
    late = make_opening(org_acme, officer, title="Late", deadline=today() + timedelta(days=40))
    soon = make_opening(org_acme, officer, title="Soon", deadline=today() + timedelta(days=5))
    make_application(late, student)
    rows = list(selectors.openings.openings_for_student(student, student))
    assert [o.title for o in rows] == ["Soon", "Late"]
    assert [o.has_applied for o in rows] == [False, True]
    assert soon.pk


def test_nobody_else_reads_a_students_eligible_list(student, profile, opening, partner_user):
    assert list(selectors.openings.openings_for_student(student, partner_user)) == []
