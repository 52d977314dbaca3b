import datetime

import pytest

from jalinan.agreements.tests.test_api import bearer

BASE = "/api/v1/engagements"


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


def test_outsider_and_other_partner_see_nothing(api, outsider, other_partner, activity):
    for user in (outsider, other_partner):
        assert api("get", "/", user).json()["count"] == 0
        assert api("get", f"/{activity.pk}", user).status_code == 404
        assert api("patch", f"/{activity.pk}", user, json={"title": "X"}).status_code == 404
        assert api("delete", f"/{activity.pk}", user).status_code == 404


def test_partner_sees_its_activity_without_the_students(api, partner_user, officer, activity):
    body = api("get", f"/{activity.pk}", partner_user).json()
    assert body["title"] == "Plant visit to Acme" and body["student_ids"] is None
    assert api("get", f"/{activity.pk}", officer).json()["student_ids"]
    assert api("patch", f"/{activity.pk}", partner_user, json={"title": "X"}).status_code == 403


def test_create_update_delete(api, academic, org_acme, active_memo):
    resp = api(
        "post",
        "/",
        academic,
        json={
            "title": "Industry talk",
            "activity_type": "talk",
            "date": "2025-05-05",
            "organisation_ids": [org_acme.pk],
            "memorandum_ids": [active_memo.pk],
        },
    )
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    active_memo.refresh_from_db()
    assert active_memo.last_activity_on == datetime.date(2025, 5, 5)
    resp = api("patch", f"/{pk}", academic, json={"outcome": "MoU follow-up agreed."})
    assert resp.json()["outcome"] == "MoU follow-up agreed."
    assert api("get", "/?q=follow-up", academic).json()["count"] == 1
    assert (
        api(
            "post",
            "/",
            academic,
            json={
                "title": "Bad",
                "activity_type": "party",
                "date": "2025-05-05",
                "organisation_ids": [org_acme.pk],
            },
        ).status_code
        == 422
    )
    assert api("delete", f"/{pk}", academic).status_code == 204


def test_outsider_cannot_create_or_read_attachments(api, outsider, management, activity, org_acme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalinan.engagements.services import attachment_add

    f = attachment_add(
        activity=activity, by=None, upload=SimpleUploadedFile("m.pdf", b"%PDF-1.4 m")
    )
    payload = {
        "title": "X",
        "activity_type": "talk",
        "date": "2025-05-05",
        "organisation_ids": [org_acme.pk],
    }
    assert api("post", "/", outsider, json=payload).status_code == 404
    assert api("post", "/", management, json=payload).status_code == 403
    assert api("get", f"/{activity.pk}/attachments", outsider).status_code == 404
    assert api("get", f"/attachments/{f.pk}/download", outsider).status_code == 404
    assert api("get", f"/attachments/{f.pk}/download", management).status_code == 200


def test_partner_api_hides_internal_attachments(api, partner_user, activity):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalinan.engagements.services import attachment_add

    internal = attachment_add(
        activity=activity, by=None, upload=SimpleUploadedFile("m.pdf", b"%PDF-1.4 m")
    )
    shared = attachment_add(
        activity=activity,
        by=None,
        upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4 s"),
        is_internal=False,
    )
    ids = [a["id"] for a in api("get", f"/{activity.pk}/attachments", partner_user).json()]
    assert ids == [shared.pk]
    assert api("get", f"/attachments/{internal.pk}/download", partner_user).status_code == 404
