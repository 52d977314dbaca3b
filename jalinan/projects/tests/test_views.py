import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from jalinan.core.audit import history_for
from jalinan.projects import services
from jalinan.projects.models import Funding, IncomeRecord, Milestone, Project

LIST = "/projects/"


@pytest.fixture
def second(officer, coordinator, unit_eng, org_other):
    return services.project_create(
        by=officer,
        title="Timber drying consultancy",
        kind="consultancy",
        lead=coordinator,
        unit=unit_eng,
        organisations=[org_other],
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2021, 12, 31),
        status="completed",
        funding=[{"year": 2021, "organisation": org_other, "cash": "25000", "in_kind": 0}],
        quiet=True,
    )


def titles(resp):
    return [p.title for p in resp.context["page"].object_list]


def test_list_filters(client_for, officer, project, second, org_acme, unit_eng):
    c = client_for(officer)
    assert set(titles(c.get(LIST))) == {"Robotic welding cell", "Timber drying consultancy"}
    assert titles(c.get(LIST, {"kind": "consultancy"})) == ["Timber drying consultancy"]
    assert titles(c.get(LIST, {"status": "active"})) == ["Robotic welding cell"]
    assert titles(c.get(LIST, {"partner": org_acme.pk})) == ["Robotic welding cell"]
    assert titles(c.get(LIST, {"year": 2021})) == ["Timber drying consultancy"]
    assert titles(c.get(LIST, {"year": 2026})) == ["Robotic welding cell"]
    assert titles(c.get(LIST, {"q": "timber"})) == ["Timber drying consultancy"]
    assert len(titles(c.get(LIST, {"unit": unit_eng.pk}))) == 2
    assert "No project matches these filters." in c.get(LIST, {"q": "zzz"}).content.decode()


def test_mine_and_the_partner_sees_only_its_projects(
    client_for, academic, partner_user, project, second
):
    assert titles(client_for(academic).get(LIST, {"mine": "1"})) == ["Robotic welding cell"]
    assert titles(client_for(partner_user).get(LIST)) == ["Robotic welding cell"]


def test_csv_and_xlsx_exports(client_for, officer, partner_user, project, second, org_acme):
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 3, 1),
        amount="5000",
        payer=org_acme,
    )
    services.income_record(
        project=project, by=officer, received_on=datetime.date(2025, 3, 2), amount="700"
    )
    resp = client_for(officer).get(LIST, {"export": "csv", "kind": "contract"})
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Reference", "Title"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == "Robotic welding cell" and row["Partners"] == "Acme Robotics Sdn. Bhd."
    assert row["Funding in cash (RM)"] == "160000.00" and row["Funding in kind (RM)"] == "20000.00"
    assert row["Income received (RM)"] == "5700.00"
    resp = client_for(partner_user).get(LIST, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    values = list(sheet.values)
    assert len(values) == 2 and values[1][1] == "Robotic welding cell"
    assert values[1][-1] == 5000  # the partner's own payments only


def test_detail_shows_totals_late_milestones_and_hides_internal_things(
    client_for, officer, partner_user, student, project, org_acme
):
    services.project_update(project=project, by=officer, internal_notes="Margin is thin.")
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 3, 1),
        amount="5000",
        payer=org_acme,
    )
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 3, 2),
        amount="777",
        reference="GRANT-INT",
    )
    page = client_for(officer).get(project.get_absolute_url()).content.decode()
    assert 'data-total="cash">160,000.00' in page and 'data-total="all">180,000.00' in page
    assert 'data-total="income">5,777.00' in page
    assert "Margin is thin." in page and "GRANT-INT" in page and "Siti Student" in page
    assert page.count('data-late="1"') == 1  # "Cell design" was due in June 2025
    assert 'id="history-heading"' in page
    partner_page = client_for(partner_user).get(project.get_absolute_url()).content.decode()
    assert "Margin is thin." not in partner_page and "GRANT-INT" not in partner_page
    assert 'data-total="income">5,000.00' in partner_page
    assert "Siti Student" not in partner_page and "and 1 student" in partner_page
    assert 'id="history-heading"' not in partner_page
    assert "Edit" not in partner_page.split("<main", 1)[-1].split("Details")[0]
    student_page = client_for(student).get(project.get_absolute_url()).content.decode()
    assert "Siti Student" in student_page and 'id="history-heading"' not in student_page


def test_create_form_keeps_input_and_opens_the_project(client_for, academic, unit_eng, org_acme):
    c = client_for(academic)
    form = c.get("/projects/new/").context["form"]
    assert form.initial["lead"] == academic.pk
    data = {
        "title": "Battery pack study",
        "kind": "collaborative",
        "status": "planned",
        "lead": academic.pk,
        "unit": unit_eng.pk,
        "organisations": [org_acme.pk],
        "start_date": "2026-03-01",
        "end_date": "2025-01-01",
        "summary": "Cells and packs.",
    }
    resp = c.post("/projects/new/", data)
    assert resp.status_code == 200 and "end_date" in resp.context["form"].errors
    assert 'value="Battery pack study"' in resp.content.decode()
    assert not Project.objects.exists()
    resp = c.post("/projects/new/", {**data, "end_date": "2027-02-28"})
    project = Project.objects.get()
    assert resp.status_code == 302 and resp["Location"] == project.get_absolute_url()
    assert project.lead == academic and list(project.organisations.all()) == [org_acme]


def test_edit_and_status(client_for, academic, project, unit_eng, org_acme):
    c = client_for(academic)
    resp = c.post(
        f"/projects/{project.pk}/edit/",
        {
            "title": "Robotic welding cell (phase 2)",
            "kind": "contract",
            "lead": academic.pk,
            "unit": unit_eng.pk,
            "organisations": [org_acme.pk],
            "start_date": "2025-01-01",
            "end_date": (datetime.date.today() + datetime.timedelta(days=300)).isoformat(),
            "summary": "More.",
        },
    )
    assert resp.status_code == 302
    project.refresh_from_db()
    assert project.title == "Robotic welding cell (phase 2)" and project.status == "active"
    c.post(f"/projects/{project.pk}/status/", {"status": "suspended"})
    project.refresh_from_db()
    assert project.status == "suspended"
    resp = c.post(f"/projects/{project.pk}/status/", {"status": "planned"}, follow=True)
    assert "cannot go from" in resp.content.decode()
    project.refresh_from_db()
    assert project.status == "suspended"


def test_inline_parts(client_for, academic, project, org_acme, student):
    c = client_for(academic)
    url = project.get_absolute_url()
    assert (
        c.post(
            f"{url}funding/",
            {"f-year": "2027", "f-organisation": org_acme.pk, "f-cash": "1500", "f-in_kind": "0"},
        ).status_code
        == 302
    )
    assert Funding.objects.filter(project=project, year=2027, cash=1500).exists()
    resp = c.post(f"{url}income/", {"i-received_on": "2025-05-05", "i-amount": "-3"})
    assert resp.status_code == 400 and "i-amount" in resp.content.decode()
    assert 'value="-3"' in resp.content.decode()  # what was typed is kept
    assert (
        c.post(
            f"{url}income/",
            {"i-received_on": "2025-05-05", "i-amount": "1200.50", "i-payer": org_acme.pk},
        ).status_code
        == 302
    )
    assert IncomeRecord.objects.get(project=project).amount == 1200.50
    assert (
        c.post(
            f"{url}milestones/",
            {"ms-title": "Trials", "ms-due_date": "2026-04-01", "ms-is_deliverable": "on"},
        ).status_code
        == 302
    )
    ms = Milestone.objects.get(project=project, title="Trials")
    assert ms.is_deliverable
    c.post(f"{url}milestones/{ms.pk}/done/")
    ms.refresh_from_db()
    assert ms.status == "done"
    assert (
        c.post(
            f"{url}outputs/",
            {"o-kind": "publication", "o-title": "Welding in practice", "o-year": "2026"},
        ).status_code
        == 302
    )
    assert (
        c.post(f"{url}team/", {"m-name": "Dr External", "m-role": "co_researcher"}).status_code
        == 302
    )
    assert project.members.filter(name="Dr External").exists()
    member = project.members.get(user=student)
    c.post(f"{url}team/{member.pk}/remove/")
    assert not project.members.filter(user=student).exists()
    changed = {k for e in history_for(project) for k in e.changes}
    assert {"funding", "income", "milestone", "output", "team"} <= changed


def test_panels_on_the_partner_page_and_my_work(client_for, officer, academic, project, org_acme):
    page = client_for(officer).get(reverse("partners:organisation_detail", args=[org_acme.pk]))
    assert 'data-panel="projects.projects"' in page.content.decode()
    assert "Robotic welding cell" in page.content.decode()
    mine = client_for(academic).get(reverse("portal:my_work")).content.decode()
    assert 'data-panel="projects.mine"' in mine and "Cell design" in mine  # a late milestone


def test_list_query_count_does_not_grow(
    client_for,
    officer,
    project,
    second,
    django_assert_max_num_queries,
    org_acme,
    academic,
    unit_eng,
):
    c = client_for(officer)
    c.get(LIST)
    for i in range(5):
        services.project_create(
            by=officer,
            title=f"P{i}",
            kind="contract",
            lead=academic,
            unit=unit_eng,
            organisations=[org_acme],
            quiet=True,
        )
    with django_assert_max_num_queries(15):
        c.get(LIST)
