"""The daily job: overdue logbooks and reviews, evaluation links e-mailed when due, students
asked to rate their placement. Running it twice sends nothing twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jalinan.core.models import Notification
from jalinan.placements import services
from jalinan.placements.models import EvaluationLink, LogbookEntry

from .factories import today


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def go(day=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders.send_reminders(today=day)

    return go


def reminders(user):
    return list(
        Notification.objects.filter(recipient=user, kind="placements.reminder").values_list(
            "title", flat=True
        )
    )


def test_overdue_logbook_weeks_remind_the_student_once(running_placement, student, run):
    first = run()
    assert first["logbook"] == 1
    assert reminders(student) == ["Your placement logbook is behind: week(s) 1, 2, 3, 4"]
    assert run()["logbook"] == 0 and len(reminders(student)) == 1
    # Writing the weeks stops it; the next overdue week reminds again, once.
    for week in (1, 2, 3, 4):
        services.logbooks.logbook_entry_save(
            placement=running_placement, by=student, week=week, activities="Work."
        )
    assert run()["logbook"] == 0
    later = today() + timedelta(days=7)
    assert run(later)["logbook"] == 1 and run(later)["logbook"] == 0
    assert reminders(student)[0] == "Your placement logbook is behind: week(s) 5"


def test_the_evaluation_link_goes_out_when_due_and_once(running_placement, run, coordinator):
    midterm_due = running_placement.evaluation_due_on("midterm")
    assert run(midterm_due - timedelta(days=8))["links"] == 0
    mail.outbox.clear()
    day = midterm_due - timedelta(days=7)
    assert run(day)["links"] == 1
    to_supervisor = [m for m in mail.outbox if m.to == ["lim.wei@acme.test"]]
    assert len(to_supervisor) == 1 and "/placements/evaluate/" in to_supervisor[0].body
    assert run(day)["links"] == 0
    assert len([m for m in mail.outbox if m.to == ["lim.wei@acme.test"]]) == 1
    link = EvaluationLink.objects.get(stage="midterm")
    # Expired without an answer: a fresh link on the next run.
    EvaluationLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert run(day)["links"] == 1 and run(day)["links"] == 0
    assert EvaluationLink.objects.filter(stage="midterm").count() == 2


def test_an_overdue_evaluation_tells_the_people_and_resends_weekly(
    running_placement, run, coordinator, academic
):
    overdue_day = running_placement.evaluation_due_on("midterm") + timedelta(days=8)
    result = run(overdue_day)
    assert result["links"] == 1 and result["evaluation_overdue"] == 2
    assert any("Mid-term evaluation of Siti Student" in t for t in reminders(coordinator))
    assert any("is overdue" in t for t in reminders(academic))
    again = run(overdue_day)
    assert again["links"] == 0 and again["evaluation_overdue"] == 0
    # A week on, still overdue, the link is a week old: a fresh one goes out.
    EvaluationLink.objects.update(created_at=timezone.now() - timedelta(days=8))
    assert run(overdue_day + timedelta(days=7))["links"] == 1


def test_without_the_supervisors_email_the_partner_is_asked(
    running_placement, run, coordinator, partner_user
):
    services.placements.placement_update(
        placement=running_placement, by=coordinator, industry_supervisor_email=""
    )
    day = running_placement.evaluation_due_on("midterm") - timedelta(days=3)
    assert run(day)["links"] == 0
    assert any("add the industry supervisor's e-mail" in t for t in reminders(partner_user))
    count = len(reminders(partner_user))
    run(day)
    assert len(reminders(partner_user)) == count


def test_a_week_waiting_for_review_reminds_the_supervisor(
    running_placement, student, academic, run
):
    entry = services.logbooks.logbook_entry_save(
        placement=running_placement, by=student, week=1, activities="Induction."
    )
    assert run()["review"] == 0
    LogbookEntry.objects.filter(pk=entry.pk).update(submitted_at=timezone.now() - timedelta(days=8))
    assert run()["review"] == 1 and run()["review"] == 0
    assert any("has waited 7 days for review" in t for t in reminders(academic))


def test_students_are_asked_to_rate_a_finished_placement(running_placement, student, run):
    after = running_placement.ends_on + timedelta(days=1)
    assert run(after)["feedback"] == 1 and run(after)["feedback"] == 0
    services.feedback.feedback_submit(
        placement=running_placement,
        by=student,
        rating=5,
        supervision_rating=4,
        learning_rating=5,
        would_recommend=True,
        comments="",
    )
    assert run(after)["feedback"] == 0


def test_the_job_is_registered_and_idempotent(running_placement, student, capsys):
    call_command("run_daily", only=["placements.reminders"])
    first = Notification.objects.count(), EvaluationLink.objects.count()
    call_command("run_daily", only=["placements.reminders"])
    assert (Notification.objects.count(), EvaluationLink.objects.count()) == first
    assert "placements.reminders" in capsys.readouterr().out
