import datetime

from jalinan.core.models import Notification
from jalinan.projects import services


def test_leads_hear_once_of_milestones_due_and_late(project, academic, officer):
    today = datetime.date.today()
    soon = services.milestone_create(
        project=project, by=officer, title="Pilot run", due_date=today + datetime.timedelta(days=10)
    )
    services.milestone_create(
        project=project, by=officer, title="Far off", due_date=today + datetime.timedelta(days=40)
    )
    sent = services.milestones_remind(today=today)
    titles = sorted(
        Notification.objects.filter(recipient=academic, kind="projects.milestone").values_list(
            "title", flat=True
        )
    )
    assert sent == 2 and len(titles) == 2
    assert any(t.startswith("Late: “Cell design”") for t in titles)
    assert any("Pilot run" in t for t in titles)
    assert services.milestones_remind(today=today) == 0  # a second run tells nobody again
    # once the due milestone is late, its leader hears that too, once
    later = soon.due_date + datetime.timedelta(days=1)
    assert services.milestones_remind(today=later) == 1
    assert services.milestones_remind(today=later) == 0
    services.milestone_update(milestone=soon, by=officer, status="done")
    assert services.milestones_remind(today=today + datetime.timedelta(days=35)) == 1  # "Far off"


def test_no_reminders_for_finished_projects(project, officer, academic):
    services.project_set_status(project=project, by=officer, status="completed")
    assert services.milestones_remind() == 0
