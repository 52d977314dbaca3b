import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jalinan.agreements.choices import Status
from jalinan.agreements.tests.factories import make_memo
from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.projects import services
from jalinan.projects.models import IncomeRecord, Project
from jalinan.projects.selectors import project_totals


def test_create_with_team_funding_and_milestones(project, academic, student, org_acme):
    assert project.reference == f"PRJ-{datetime.date.today().year}-{project.pk:04d}"
    members = {(m.display_name, m.role, m.is_student) for m in project.members.all()}
    assert members == {
        ("Dr Amina Academic", "lead", False),
        ("Siti Student", "student", True),
        ("Ir. Ahmad Fauzi", "partner_staff", False),
    }
    assert list(project.organisations.all()) == [org_acme]
    assert project.milestones.count() == 2
    entry = history_for(project).get(action="create")
    assert entry.changes["title"] == [None, "Robotic welding cell"]
    assert "Siti Student (Student)" in entry.changes["team"][1]
    assert len(entry.changes["funding"][1]) == 3


def test_totals_by_year(project, org_acme, officer):
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 7, 1),
        amount="40000.50",
        payer=org_acme,
    )
    services.income_record(
        project=project, by=officer, received_on=datetime.date(2025, 9, 1), amount=Decimal("9.50")
    )
    totals = project_totals(project)
    assert totals["cash"] == Decimal("160000") and totals["in_kind"] == Decimal("20000")
    assert totals["total"] == Decimal("180000")
    assert totals["income"] == Decimal("40010.00")
    assert [(r["year"], r["cash"], r["in_kind"]) for r in totals["by_year"]] == [
        (2025, Decimal("110000"), Decimal("0")),
        (2026, Decimal("50000"), Decimal("20000")),
    ]


def test_a_partner_user_totals_count_only_its_own_payments(
    project, org_acme, officer, partner_user
):
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 7, 1),
        amount=100,
        payer=org_acme,
    )
    services.income_record(
        project=project, by=officer, received_on=datetime.date(2025, 7, 2), amount=7
    )
    assert project_totals(project, user=partner_user)["income"] == Decimal("100")
    assert project_totals(project, user=officer)["income"] == Decimal("107")


def test_create_needs_a_partner_and_sane_dates(academic, unit_eng, org_acme):
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            by=academic, title="X", kind="contract", lead=academic, unit=unit_eng, organisations=[]
        )
    assert "organisations" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            by=academic,
            title="X",
            kind="contract",
            lead=academic,
            unit=unit_eng,
            organisations=[org_acme],
            start_date=datetime.date(2025, 5, 1),
            end_date=datetime.date(2025, 1, 1),
        )
    assert "end_date" in exc.value.message_dict
    assert not Project.objects.exists()


def test_lead_is_told_when_someone_else_opens_the_project(officer, academic, unit_eng, org_acme):
    p = services.project_create(
        by=officer,
        title="Sensor network",
        kind="collaborative",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
    )
    assert Notification.objects.filter(recipient=academic, url=p.get_absolute_url()).exists()


def test_update_audits_changes_and_partners(project, officer, org_other):
    services.project_update(
        project=project, by=officer, title="Robotic welding cell II", organisations=[org_other]
    )
    project.refresh_from_db()
    assert project.title == "Robotic welding cell II"
    entry = history_for(project).filter(action="update").first()
    assert entry.changes["title"] == ["Robotic welding cell", "Robotic welding cell II"]
    assert entry.changes["organisations"] == [["Acme Robotics Sdn. Bhd."], ["Borneo Timber Berhad"]]


def test_status_moves_follow_the_table(project, officer, academic):
    with pytest.raises(ValidationError):
        services.project_set_status(project=project, by=officer, status="planned")
    services.project_set_status(project=project, by=officer, status="completed")
    project.refresh_from_db()
    assert project.status == "completed"
    assert history_for(project).first().changes["status"] == ["active", "completed"]
    assert Notification.objects.filter(recipient=academic, title__contains="Completed").exists()
    services.project_set_status(
        project=project, by=academic, status="terminated"
    ) if False else None
    services.project_set_status(project=project, by=officer, status="active")
    services.project_set_status(project=project, by=officer, status="terminated")
    with pytest.raises(ValidationError):
        services.project_set_status(project=project, by=officer, status="active")


def test_starting_a_planned_project_sets_its_start(academic, unit_eng, org_acme):
    p = services.project_create(
        by=academic,
        title="Plan",
        kind="consultancy",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
    )
    services.project_set_status(
        project=p, by=academic, status="active", at=datetime.date(2025, 3, 3)
    )
    p.refresh_from_db()
    assert p.start_date == datetime.date(2025, 3, 3)


def test_parts_are_validated_and_audited_on_the_project(project, officer, academic, org_acme):
    with pytest.raises(ValidationError):
        services.funding_add(project=project, by=officer, year=2025, cash=-5)
    with pytest.raises(ValidationError):
        services.funding_add(project=project, by=officer, year=2025, cash=0, in_kind=0)
    with pytest.raises(ValidationError):
        services.income_record(
            project=project, by=officer, received_on=datetime.date(2025, 1, 1), amount=0
        )
    with pytest.raises(ValidationError):
        services.member_add(project=project, by=officer, role="co_researcher")  # no one
    with pytest.raises(ValidationError):
        services.member_add(project=project, by=officer, role="co_researcher", user=academic)
    f = services.funding_add(
        project=project, by=officer, year=2027, cash="1000", organisation=org_acme
    )
    m = services.milestone_create(
        project=project,
        by=officer,
        title="Trials",
        due_date=datetime.date(2026, 1, 1),
        is_deliverable=True,
    )
    services.milestone_update(milestone=m, by=officer, status="done")
    m.refresh_from_db()
    assert m.completed_on == datetime.date.today()
    o = services.output_add(
        project=project, by=officer, kind="publication", title="Welding paper", year=2026
    )
    services.output_remove(output=o, by=officer)
    services.funding_remove(funding=f, by=officer)
    fields = [k for e in history_for(project) for k in e.changes]
    assert {"funding", "milestone", "output"} <= set(fields)
    assert any(k.startswith("milestone “Trials”") for k in fields)
    lead_member = project.members.get(user=academic)
    with pytest.raises(ValidationError):
        services.member_remove(member=lead_member, by=officer)


def test_a_project_names_its_memorandum_once(academic, unit_eng, org_acme, officer):
    memo = make_memo(
        unit=unit_eng, pic=academic, parties=[org_acme], status=Status.ACTIVE, type_code="cra"
    )
    version = memo.version
    p = services.project_create(
        by=officer,
        title="Linked",
        kind="contract",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
        memorandum=memo,
        quiet=True,
    )
    assert list(memo.projects.all()) == [p]
    other = make_memo(
        unit=unit_eng,
        pic=academic,
        parties=[org_acme],
        status=Status.ACTIVE,
        type_code="rca",
        title="Other",
    )
    services.project_update(project=p, by=officer, memorandum=other)
    assert not memo.projects.exists() and list(other.projects.all()) == [p]
    assert history_for(p).filter(action="update", changes__has_key="memorandum").exists()
    # the link is the project's alone: the memorandum is not rewritten (nor its version
    # bumped under someone editing it)
    memo.refresh_from_db()
    assert memo.version == version


def test_income_rejects_bad_amounts(project, officer):
    with pytest.raises(ValidationError) as exc:
        services.income_record(
            project=project, by=officer, received_on=datetime.date(2025, 1, 1), amount="abc"
        )
    assert "amount" in exc.value.message_dict
    assert not IncomeRecord.objects.exists()


def test_update_moves_the_status_through_the_table(project, officer):
    services.project_update(project=project, by=officer, summary="New summary", status="suspended")
    project.refresh_from_db()
    assert project.status == "suspended" and project.summary == "New summary"
    with pytest.raises(ValidationError):
        services.project_update(project=project, by=officer, status="planned")
