"""The pipeline API: same permissions and rules as the pages."""

import pytest

from jalinan.agreements.tests.test_api import bearer

BASE = "/api/v1/pipeline"


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


@pytest.mark.parametrize("who", ["outsider", "partner_user", "student", "academic"])
def test_outsiders_see_nothing(request, api, who, opp):
    user = request.getfixturevalue(who)
    assert api("get", "/", user).status_code == 404
    assert api("get", f"/{opp.pk}", user).status_code == 404
    assert api("get", "/funnel", user).status_code == 404
    assert api("post", f"/{opp.pk}/move", user, json={"to_stage": "matching"}).status_code == 404
    assert api("post", "/", user, json={"title": "X", "organisation_name": "Y"}).status_code == 404
    opp.refresh_from_db()
    assert opp.stage == "enquiry"


def test_anonymous_is_refused(api, opp):
    assert api("get", "/").status_code == 401


def test_list_detail_and_coordinator_scope(api, officer, coordinator, opp, other_opp):
    body = api("get", "/", officer).json()
    assert body["count"] == 2
    assert api("get", "/?q=Timber", officer).json()["items"][0]["id"] == other_opp.pk
    assert [i["id"] for i in api("get", "/", coordinator).json()["items"]] == [opp.pk]
    assert api("get", f"/{other_opp.pk}", coordinator).status_code == 404
    assert api("get", f"/{opp.pk}", coordinator).json()["reference"] == opp.reference


def test_create_and_move(api, officer, org_acme, unit_eng):
    resp = api(
        "post",
        "/",
        officer,
        json={"title": "API lead", "organisation_id": org_acme.pk, "unit_id": unit_eng.pk},
    )
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["reference"].startswith("OPP-")
    resp = api("post", f"/{pk}/move", officer, json={"to_stage": "lost"})
    assert resp.status_code == 422 and "lost_reason" in resp.content.decode()
    resp = api("post", f"/{pk}/move", officer, json={"to_stage": "lost", "lost_reason": "timing"})
    assert resp.status_code == 200 and resp.json()["stage"] == "lost"
    resp = api("post", "/", officer, json={"title": "No organisation"})
    assert resp.status_code == 422


def test_funnel(api, officer, opp, other_opp):
    body = api("get", "/funnel?by=unit", officer).json()
    assert body["total"] == 2 and body["stages"][0]["reached"] == 2
    assert {g["label"] for g in body["groups"]} == {"Kulliyyah of Engineering", "Kulliyyah of ICT"}
    assert api("get", "/funnel?by=sector", officer).json()["groups"][0]["total"] == 2
