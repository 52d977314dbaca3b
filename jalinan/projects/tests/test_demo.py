"""The demo at a small scale: idempotent, every status, the demo logins have projects."""

import pytest
from django.core.management import call_command

from jalinan.accounts.models import User
from jalinan.projects.choices import ProjectStatus
from jalinan.projects.models import Funding, IncomeRecord, Milestone, Project
from jalinan.projects.selectors import projects_for

SKIP = [
    "sdgs",
    "matching",
    "experts",
    "engagements",
    "pipeline",
    "challenges",
    "technologies",
    "placements",
    "reports",
]


def counts():
    return tuple(m.objects.count() for m in (Project, Funding, Milestone, IncomeRecord))


@pytest.mark.slow
def test_demo_is_idempotent_and_gives_each_login_projects(db):
    call_command("seed_demo", academics=12, scale=0.12, skip=SKIP, verbosity=0)
    first = counts()
    assert first[0] == 14 and all(first)
    # again, without the memoranda (already there): nothing new
    call_command("seed_demo", academics=12, scale=0.12, skip=[*SKIP, "agreements"], verbosity=0)
    assert counts() == first
    assert set(Project.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    logins = {u.email.split("@")[0]: u for u in User.objects.filter(email__contains="@demo.")}
    assert Project.objects.filter(lead=logins["academic"]).count() == 2
    assert projects_for(logins["partner"]).exists()
    assert projects_for(logins["student"]).exists()
