"""The sdgs API: the framework is public; the classifier needs a sign-in; a record's tags
follow the record's permissions."""

import pytest

from jalinan.accounts.models import ApiToken
from jalinan.sdgs.models import SdgTag
from jalinan.sdgs.services import sdg_apply_classification

BASE = "/api/v1/sdgs"


def bearer(user):
    raw, hashed = ApiToken.new_token()
    ApiToken.objects.create(user=user, name="t", token_hash=hashed, hint=raw[:8])
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


@pytest.fixture
def acme_tags(fake_classifier, org_acme):
    org_acme.description = "solar panels for factories"
    sdg_apply_classification(obj=org_acme)
    return {t.goal: t for t in SdgTag.objects.all()}


def test_framework_is_public(api, framework):
    goals = api("get", "/goals").json()
    assert len(goals) == 17 and goals[8]["name_ms"] == "Industri, inovasi dan infrastruktur"
    nine = api("get", "/goals/9").json()
    assert len(nine["targets"]) == 8 and nine["targets"][4]["indicators"][0]["code"] == "9.5.1"
    assert nine["targets"][0]["text_ar"]
    assert len(api("get", "/targets").json()) == 169
    assert [t["code"] for t in api("get", "/targets?goal=1").json()][:2] == ["1.1", "1.2"]
    assert api("get", "/goals/99").status_code == 404


def test_classify_needs_a_sign_in(api, db, academic, fake_classifier):
    assert api("post", "/classify", json={"text": "solar"}).status_code == 401
    r = api("post", "/classify", academic, json={"text": "a solar farm"})
    assert r.status_code == 200
    [s] = r.json()
    assert s["goal"] == 7 and s["confidence"] == 0.9 and s["evidence"]["terms"] == ["solar"]
    assert api("post", "/classify", academic, json={"text": ""}).status_code == 422


def test_record_tags_follow_the_record_permissions(
    api, acme_tags, org_acme, outsider, other_partner, academic, partner_user, officer
):
    path = f"/records/partners.organisation/{org_acme.pk}/tags"
    for user in (outsider, other_partner):
        assert api("get", path, user).status_code == 404
        assert api("post", path, user, json={"goal": 4}).status_code == 404
        r = api("post", f"/tags/{acme_tags[7].pk}/decision", user, json={"accept": True})
        assert r.status_code == 404
    assert api("get", path).status_code == 401
    assert [t["goal"] for t in api("get", path, academic).json()] == [7, 9]
    assert api("post", path, academic, json={"goal": 4}).status_code == 403
    r = api("post", f"/tags/{acme_tags[7].pk}/decision", academic, json={"accept": True})
    assert r.status_code == 403
    r = api("post", f"/tags/{acme_tags[9].pk}/decision", partner_user, json={"accept": False})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    # a rejected tag is shown to those who decide, not to readers
    assert [t["goal"] for t in api("get", path, academic).json()] == [7]
    assert [t["goal"] for t in api("get", path, officer).json()] == [7, 9]
    r = api("post", path, officer, json={"goal": 4})
    assert (
        r.status_code == 201 and r.json()["status"] == "accepted" and r.json()["source"] == "person"
    )
    assert api("post", path, officer, json={"goal": 18}).status_code == 422
    assert api("get", "/records/nosuch.model/1/tags", officer).status_code == 404


def test_openapi_lists_the_sdg_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/sdgs/goals" in paths and "/api/v1/sdgs/classify" in paths
