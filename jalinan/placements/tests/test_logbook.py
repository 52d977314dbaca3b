"""The weekly logbook: written by the student, reviewed by the academic supervisor (one week
or all waiting weeks at once); and recording history quietly."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.placements import services


def write(placement, student, week, text="Work."):
    return services.logbooks.logbook_entry_save(
        placement=placement, by=student, week=week, activities=text
    )


def test_a_reviewed_week_is_final_and_a_returned_one_comes_back(
    running_placement, student, academic
):
    first = write(running_placement, student, 1)
    services.logbooks.logbook_entry_review(entry=first, by=academic, approve=True)
    with pytest.raises(ValidationError, match="already reviewed"):
        write(running_placement, student, 1, "Changed")
    second = write(running_placement, student, 2)
    with pytest.raises(ValidationError):
        services.logbooks.logbook_entry_review(
            entry=second, by=academic, approve=False, comment=" "
        )
    services.logbooks.logbook_entry_review(
        entry=second, by=academic, approve=False, comment="Detail"
    )
    assert write(running_placement, student, 2, "More detail").status == "submitted"
    assert Notification.objects.filter(recipient=student, title__contains="returned").exists()


@pytest.mark.parametrize("who", ["partner_user", "coordinator", "student"])
def test_only_the_supervisor_or_the_office_reviews(request, running_placement, student, who):
    entry = write(running_placement, student, 1)
    with pytest.raises(PermissionDenied):
        services.logbooks.logbook_entry_review(
            entry=entry, by=request.getfixturevalue(who), approve=True
        )


@pytest.mark.parametrize("who", ["partner_user", "academic", "officer"])
def test_only_the_student_writes(request, running_placement, who):
    with pytest.raises(PermissionDenied):
        write(running_placement, request.getfixturevalue(who), 1)


def test_review_all_waiting_weeks(running_placement, student, academic, client_for):
    for week in (1, 2, 3):
        write(running_placement, student, week)
    reviewed = write(running_placement, student, 4)
    services.logbooks.logbook_entry_review(entry=reviewed, by=academic, approve=True)
    client = client_for(academic)
    page = client.get(running_placement.get_absolute_url()).content.decode()
    assert "Mark all waiting weeks reviewed" in page
    client.post(
        f"/placements/placements/{running_placement.pk}/logbook/review-all/", {"comment": "Good"}
    )
    statuses = dict(running_placement.logbook_entries.values_list("week", "status"))
    assert statuses == {1: "reviewed", 2: "reviewed", 3: "reviewed", 4: "reviewed"}
    entry = next(e for e in history_for(running_placement) if "logbook weeks reviewed" in e.changes)
    assert entry.changes["logbook weeks reviewed"][1] == [1, 2, 3]
    assert Notification.objects.filter(
        recipient=student, title="Logbook weeks 1, 2, 3 reviewed"
    ).exists()
    assert services.logbooks.logbook_review_all(placement=running_placement, by=academic) == 0


def test_review_all_is_refused_to_others(client_for, running_placement, student, partner_user):
    write(running_placement, student, 1)
    resp = client_for(partner_user).post(
        f"/placements/placements/{running_placement.pk}/logbook/review-all/"
    )
    assert resp.status_code == 403
    assert running_placement.logbook_entries.get().status == "submitted"


def test_quietly_records_without_telling_anyone_but_the_named(
    application, partner_user, student, officer
):
    from .factories import move

    with services.common.quietly(except_for=[partner_user]):
        move(application, partner_user, "shortlisted")
        move(application, student, "withdrawn")
    assert not Notification.objects.filter(recipient=student).exists()
    assert Notification.objects.filter(recipient=partner_user, title__contains="Withdrawn").exists()
    assert any(e.action == "transition" for e in history_for(application))
    # Outside the block, people are told again.
    from .factories import make_application, make_profile, make_student

    other = make_student("x@uni.test", "Xavier", student.unit)
    make_profile(other, application.student.student_profile.programme)
    app2 = make_application(application.opening, other)
    move(app2, partner_user, "shortlisted")
    assert Notification.objects.filter(recipient=other).exists()
