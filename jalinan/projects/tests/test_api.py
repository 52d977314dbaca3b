import datetime

import pytest

from jalinan.agreements.tests.test_api import bearer
from jalinan.projects import services
from jalinan.projects.models import Project

BASE = "/api/v1/projects"


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


def test_list_filters_and_detail(api, officer, project, org_acme, org_other):
    services.income_record(
        project=project,
        by=officer,
        received_on=datetime.date(2025, 2, 1),
        amount="1000",
        payer=org_acme,
    )
    body = api("get", "/", officer).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["reference"] == project.reference and item["funding_cash"] == "160000.00"
    assert item["income_total"] == "1000.00"
    assert api("get", "/?kind=consultancy", officer).json()["count"] == 0
    assert api("get", f"/?partner={org_other.pk}", officer).json()["count"] == 0
    assert api("get", "/?status=active&year=2025", officer).json()["count"] == 1
    detail = api("get", f"/{project.pk}", officer).json()
    assert {m["role"] for m in detail["team"]} == {"lead", "student", "partner_staff"}
    assert [m["title"] for m in detail["milestones"]] == ["Cell design", "Final report"]
    assert detail["milestones"][0]["late"] is True


def test_partner_sees_no_internal_notes_nor_students(api, officer, partner_user, project):
    services.project_update(project=project, by=officer, internal_notes="secret")
    services.income_record(
        project=project, by=officer, received_on=datetime.date(2025, 2, 1), amount="9"
    )
    body = api("get", f"/{project.pk}", partner_user).json()
    assert (
        body["internal_notes"] is None and body["income"] == [] and body["income_total"] == "0.00"
    )
    assert all(not m["is_student"] for m in body["team"])
    assert api("get", f"/{project.pk}", officer).json()["internal_notes"] == "secret"
    assert api("patch", f"/{project.pk}", partner_user, json={"title": "X"}).status_code == 403


def test_outsider_is_refused(api, outsider, project, org_acme, academic, unit_eng):
    assert api("get", "/", outsider).json()["count"] == 0
    assert api("get", f"/{project.pk}", outsider).status_code == 404
    assert api("patch", f"/{project.pk}", outsider, json={"title": "X"}).status_code == 404
    resp = api(
        "post",
        "/",
        outsider,
        json={
            "title": "X",
            "kind": "contract",
            "lead_id": academic.pk,
            "unit_id": unit_eng.pk,
            "organisation_ids": [org_acme.pk],
        },
    )
    assert resp.status_code == 404
    assert api("get", "/").status_code == 401


def test_create_and_update(api, academic, coordinator, org_acme, unit_eng, partner_user):
    payload = {
        "title": "Drone inspection",
        "kind": "consultancy",
        "lead_id": academic.pk,
        "unit_id": unit_eng.pk,
        "organisation_ids": [org_acme.pk],
        "start_date": "2026-01-01",
        "end_date": "2025-01-01",
    }
    resp = api("post", "/", academic, json=payload)
    assert resp.status_code in (400, 422) and "end_date" in resp.content.decode()
    resp = api("post", "/", academic, json={**payload, "end_date": "2026-12-31"})
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["reference"].startswith("PRJ-")
    assert api("post", "/", partner_user, json=payload).status_code == 403
    resp = api(
        "patch", f"/{pk}", coordinator, json={"title": "Drone inspection II", "status": "active"}
    )
    assert resp.status_code == 200, resp.content
    p = Project.objects.get(pk=pk)
    assert p.title == "Drone inspection II" and p.status == "active"
    assert resp.json()["organisation_ids"] == [org_acme.pk]
    resp = api("patch", f"/{pk}", coordinator, json={"status": "planned"})
    assert resp.status_code in (400, 422)
