"""The application's life: who may make which move, what each move tells the student, and a
student holding only one accepted placement for any period."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.placements import services, workflow
from jalinan.placements.choices import ApplicationStatus as S
from jalinan.placements.models import Placement

from .factories import make_application, make_opening, make_profile, make_student, move, today


def test_the_table_reads_as_the_issue_says():
    pairs = {(m.source, m.target, m.actor) for m in workflow.MOVES}
    assert (S.SUBMITTED, S.SHORTLISTED, workflow.PARTNER) in pairs
    assert (S.SHORTLISTED, S.INTERVIEW, workflow.PARTNER) in pairs
    assert (S.INTERVIEW, S.OFFERED, workflow.PARTNER) in pairs
    assert (S.OFFERED, S.ACCEPTED, workflow.STUDENT) in pairs
    assert (S.OFFERED, S.DECLINED, workflow.STUDENT) in pairs
    assert all(m.actor == workflow.STUDENT for m in workflow.MOVES if m.target == S.WITHDRAWN)
    assert not any(m.source in workflow.FINAL for m in workflow.MOVES)


def test_each_move_notifies_the_student_and_is_audited(
    application, partner_user, student, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for target in (S.SHORTLISTED, S.INTERVIEW, S.OFFERED):
        with django_capture_on_commit_callbacks(execute=True):
            move(application, partner_user, target)
    titles = list(
        Notification.objects.filter(recipient=student, kind="placements.application")
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        "You have been shortlisted for Robotics intern at Acme Robotics Sdn. Bhd.",
        "Acme Robotics Sdn. Bhd. invites you to an interview for Robotics intern",
        "Acme Robotics Sdn. Bhd. offers you Robotics intern: accept or decline the offer",
    ]
    assert len([m for m in mail.outbox if student.email in m.to]) == 3
    transitions = [e for e in history_for(application) if e.action == "transition"]
    assert [e.changes["status"][1] for e in reversed(transitions)] == [
        "shortlisted",
        "interview",
        "offered",
    ]


def test_the_students_answer_tells_the_partner(application, partner_user, student):
    move(application, partner_user, S.SHORTLISTED, S.OFFERED)
    move(application, student, S.DECLINED)
    assert Notification.objects.filter(
        recipient=partner_user, title__contains="Declined — Robotics intern"
    ).exists()


@pytest.mark.parametrize("target", [S.SHORTLISTED, S.REJECTED, S.OFFERED])
def test_the_student_cannot_move_for_the_partner(application, student, target):
    with pytest.raises((PermissionDenied, ValidationError)):
        move(application, student, target)


def test_the_partner_cannot_accept_for_the_student(application, partner_user):
    move(application, partner_user, S.SHORTLISTED, S.OFFERED)
    with pytest.raises(PermissionDenied):
        move(application, partner_user, S.ACCEPTED)


@pytest.mark.parametrize("who", ["other_partner", "outsider", "coordinator", "academic"])
def test_others_cannot_move_it(request, application, who):
    with pytest.raises(PermissionDenied):
        move(application, request.getfixturevalue(who), S.SHORTLISTED)


def test_an_officer_may_act_for_the_partner(application, officer):
    assert move(application, officer, S.SHORTLISTED).status == S.SHORTLISTED


def test_impossible_moves_are_refused(application, partner_user, student):
    with pytest.raises(ValidationError, match="cannot become"):
        move(application, partner_user, S.ACCEPTED)
    move(application, student, S.WITHDRAWN)
    with pytest.raises(ValidationError):
        move(application, partner_user, S.SHORTLISTED)


def test_accepting_makes_the_placement(application, partner_user, student, coordinator):
    move(application, partner_user, S.SHORTLISTED, S.OFFERED)
    move(application, student, S.ACCEPTED)
    placement = Placement.objects.get(application=application)
    assert (
        placement.student == student
        and placement.organisation_id == application.opening.organisation_id
    )
    assert (placement.starts_on, placement.ends_on) == (
        application.opening.starts_on,
        application.opening.ends_on,
    )
    # The coordinator is asked to assign an academic supervisor; the partner to name one.
    assert Notification.objects.filter(recipient=coordinator, body__contains="academic").exists()
    assert Notification.objects.filter(recipient=partner_user, body__contains="industry").exists()


def test_one_accepted_placement_per_period(
    opening, student, profile, partner_user, org_other, officer, other_partner
):
    second = make_opening(org_other, officer, title="Overlapping job")
    first_app = make_application(opening, student)
    second_app = make_application(second, student)
    move(first_app, partner_user, S.SHORTLISTED, S.OFFERED)
    move(second_app, other_partner, S.SHORTLISTED, S.OFFERED)
    move(first_app, student, S.ACCEPTED)
    with pytest.raises(ValidationError, match="only one placement for any period"):
        move(second_app, student, S.ACCEPTED)
    second_app.refresh_from_db()
    assert second_app.status == S.OFFERED
    assert Placement.objects.filter(student=student).count() == 1
    # The student may still decline the other offer.
    assert move(second_app, student, S.DECLINED).status == S.DECLINED


def test_non_overlapping_periods_may_both_be_accepted(
    opening, student, profile, partner_user, org_acme, officer
):
    later = make_opening(
        org_acme,
        officer,
        title="Next year",
        starts_on=today() + timedelta(days=400),
        ends_on=today() + timedelta(days=450),
    )
    for o in (opening, later):
        app = make_application(o, student)
        move(app, partner_user, S.SHORTLISTED, S.OFFERED)
        move(app, student, S.ACCEPTED)
    assert Placement.objects.filter(student=student).count() == 2


def test_a_cancelled_placement_frees_the_period(
    opening, student, profile, partner_user, org_other, officer, other_partner, coordinator
):
    app = make_application(opening, student)
    move(app, partner_user, S.SHORTLISTED, S.OFFERED)
    move(app, student, S.ACCEPTED)
    app.refresh_from_db()
    services.placements.placement_update(
        placement=app.placement, by=coordinator, status="cancelled"
    )
    second = make_opening(org_other, officer, title="After the cancellation")
    app2 = make_application(second, student)
    move(app2, other_partner, S.SHORTLISTED, S.OFFERED)
    assert move(app2, student, S.ACCEPTED).status == S.ACCEPTED


def test_no_more_offers_than_places(opening, officer, partner_user, unit_eng, mech):
    services.openings.opening_update(opening=opening, by=officer, places=1)
    apps = []
    for i in range(2):
        s = make_student(f"s{i}@uni.test", f"Student {i}", unit_eng)
        make_profile(s, mech)
        apps.append(make_application(opening, s))
    move(apps[0], partner_user, S.SHORTLISTED, S.OFFERED)
    move(apps[1], partner_user, S.SHORTLISTED)
    with pytest.raises(ValidationError, match="All 1 places are taken or on offer"):
        move(apps[1], partner_user, S.OFFERED)
    move(apps[0], partner_user, S.REJECTED)  # the offer withdrawn
    assert move(apps[1], partner_user, S.OFFERED).status == S.OFFERED
