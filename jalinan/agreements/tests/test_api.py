"""The memoranda API: same filters, permissions and rules as the pages."""

import datetime

import pytest

from jalinan.accounts.models import ApiToken
from jalinan.agreements.choices import Status
from jalinan.agreements.models import Memorandum, MemorandumType
from jalinan.agreements.tests.factories import make_document, make_ready_to_sign, set_dates

BASE = "/api/v1/memoranda"


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


def test_no_credentials_is_401(api, memo):
    assert api("get", "/").status_code == 401
    assert api("get", f"/{memo.pk}").status_code == 401


@pytest.mark.parametrize("who", ["outsider", "student", "other_partner"])
def test_outsiders_see_nothing_and_get_404(request, api, who, memo):
    user = request.getfixturevalue(who)
    doc = make_document(memo)
    resp = api("get", "/", user)
    assert resp.status_code == 200 and resp.json()["count"] == 0
    for path in [
        f"/{memo.pk}",
        f"/{memo.pk}/history",
        f"/{memo.pk}/documents",
        f"/{memo.pk}/deliverables",
        f"/documents/{doc.pk}/download",
    ]:
        assert api("get", path, user).status_code == 404, path
    assert api("patch", f"/{memo.pk}", user, json={"version": 1, "title": "X"}).status_code == 404
    assert api("post", f"/{memo.pk}/transitions/submit", user, json={}).status_code == 404
    if who != "other_partner":
        assert api("get", "/types", user).status_code == 404


def test_list_filters_and_pagination(api, officer, memo_factory, org_other):
    today = datetime.date.today()
    a = set_dates(
        memo_factory(status=Status.ACTIVE, title="Alpha"), end=today + datetime.timedelta(days=20)
    )
    memo_factory(title="Beta", parties=[org_other])
    resp = api("get", "/?status=in_force", officer).json()
    assert [m["title"] for m in resp["items"]] == ["Alpha"]
    assert resp["items"][0]["health"] == "engaged"
    assert resp["items"][0]["parties"][0]["name"] == "Acme Robotics Sdn. Bhd."
    assert api("get", "/?expiring=30", officer).json()["count"] == 1
    assert api("get", f"/?partner={org_other.pk}", officer).json()["items"][0]["title"] == "Beta"
    page = api("get", "/?limit=1&offset=1", officer).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert api("get", "/?health=dormant", officer).json()["count"] == 0
    assert api("get", f"/{a.pk}", officer).json()["next_steps"] == [
        {
            "action": "renew",
            "label": "Renew",
            "target": "renewed",
            "needs_comment": False,
            "fields": [],
            "blocked_by": None,
        },
        {
            "action": "terminate",
            "label": "Terminate",
            "target": "terminated",
            "needs_comment": True,
            "fields": [],
            "blocked_by": None,
        },
    ]


def test_partner_sees_only_its_memoranda_and_no_internal_comments(
    api, partner_user, officer, academic, memo, memo_factory, org_other
):
    memo_factory(title="Not theirs", parties=[org_other])
    from jalinan.agreements.workflow import apply_transition

    apply_transition(memorandum=memo, action="submit", by=academic)
    apply_transition(memorandum=memo, action="start_review", by=officer)
    apply_transition(memorandum=memo, action="return_changes", by=officer, comment="Secret note")
    make_document(memo, confidential=True)
    open_doc = make_document(memo, kind="vetted", confidential=False)
    items = api("get", "/", partner_user).json()["items"]
    assert [m["title"] for m in items] == [memo.title]
    history = api("get", f"/{memo.pk}/history", partner_user).json()
    assert [h["action"] for h in history] == ["submit", "start_review", "return_changes"]
    assert all(h["comment"] is None for h in history)
    assert api("get", f"/{memo.pk}/history", officer).json()[2]["comment"] == "Secret note"
    docs = api("get", f"/{memo.pk}/documents", partner_user).json()
    assert [d["id"] for d in docs] == [open_doc.pk]
    assert api("get", f"/{memo.pk}/documents", officer).status_code == 200
    assert len(api("get", f"/{memo.pk}/documents", officer).json()) == 2


def test_create_validates_like_the_form(api, academic, coordinator, org_acme, unit_ict):
    moa = MemorandumType.objects.get(code="moa")
    payload = {
        "title": "Water quality sensing",
        "memo_type_id": moa.pk,
        "initiating_unit_id": academic.unit_id,
        "party_ids": [org_acme.pk],
        "scope": "Sensors for rivers.",
        "start_date": "2025-01-01",
        "duration_months": 12,
    }
    resp = api("post", "/", academic, json=payload)
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["person_in_charge_id"] == academic.pk and body["end_date"] == "2025-12-31"
    assert body["next_steps"][0]["action"] == "submit"
    resp = api("post", "/", academic, json={**payload, "initiating_unit_id": unit_ict.pk})
    assert resp.status_code == 422 and "initiating_unit" in resp.json()["errors"]
    resp = api("post", "/", academic, json={**payload, "party_ids": []})
    assert resp.status_code == 422


def test_patch_needs_the_current_version(api, officer, oil_admin, memo):
    resp = api("patch", f"/{memo.pk}", officer, json={"version": 1, "title": "First"})
    assert resp.status_code == 200 and resp.json()["version"] == 2
    resp = api("patch", f"/{memo.pk}", oil_admin, json={"version": 1, "scope": "Second"})
    assert resp.status_code == 409
    body = resp.json()
    assert body["version"] == 2 and body["changes"][0]["changes"]["title"][1] == "First"
    assert Memorandum.objects.get(pk=memo.pk).scope != "Second"


def test_patch_refused_to_readers(api, management, memo):
    assert api("patch", f"/{memo.pk}", management, json={"version": 1}).status_code == 403


def test_transitions_through_the_api(api, academic, officer, legal, committee, memo):
    resp = api("post", f"/{memo.pk}/transitions/start_review", officer, json={})
    assert resp.status_code == 422
    assert "not possible while the memorandum is Draft" in str(resp.json())
    resp = api("post", f"/{memo.pk}/transitions/submit", legal, json={})
    assert resp.status_code == 403 and "Only" in resp.json()["detail"]
    assert api("post", f"/{memo.pk}/transitions/submit", academic, json={}).json()["status"] == (
        "submitted"
    )
    api("post", f"/{memo.pk}/transitions/start_review", officer, json={})
    api("post", f"/{memo.pk}/transitions/send_to_legal", officer, json={})
    api("post", f"/{memo.pk}/transitions/send_to_mcom", legal, json={})
    resp = api("post", f"/{memo.pk}/transitions/mcom_recommend", committee, json={})
    assert resp.status_code == 422 and "comment" in resp.json()["errors"]
    resp = api(
        "post",
        f"/{memo.pk}/transitions/mcom_recommend",
        committee,
        json={"comment": "Go.", "meeting_date": "2025-02-02"},
    )
    assert resp.json()["status"] == "awaiting_umc"


def test_documents_and_deliverables_through_the_api(api, client, officer, memo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    headers = bearer(officer)
    resp = client.post(
        f"{BASE}/{memo.pk}/documents",
        {
            "kind": "signed",
            "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x"),
            "is_confidential": "false",
        },
        **headers,
    )
    assert resp.status_code == 201 and resp.json()["is_confidential"] is False
    resp = client.post(
        f"{BASE}/{memo.pk}/documents",
        {"kind": "signed", "file": SimpleUploadedFile("s.exe", b"MZ")},
        **headers,
    )
    assert resp.status_code == 422
    doc_id = api("get", f"/{memo.pk}/documents", officer).json()[0]["id"]
    assert api("get", f"/documents/{doc_id}/download", officer).status_code == 200
    resp = api(
        "post",
        f"/{memo.pk}/deliverables",
        officer,
        json={"title": "Two internships", "target_quantity": 2, "due_date": "2026-01-31"},
    )
    assert resp.status_code == 201
    assert api("get", f"/{memo.pk}/deliverables", officer).json()[0]["target_quantity"] == 2
    # the signed copy is there: signing via the API needs only the signatories
    Memorandum.objects.filter(pk=memo.pk).update(status=Status.APPROVED)
    make_ready_to_sign(memo)
    resp = api(
        "post", f"/{memo.pk}/transitions/record_signing", officer, json={"signed_on": "2025-03-03"}
    )
    assert resp.status_code == 200 and resp.json()["status"] == "signed"


def test_types_are_listed(api, academic):
    codes = [t["code"] for t in api("get", "/types", academic).json()]
    assert "moa" in codes and "nda" in codes and len(codes) == 13


@pytest.mark.parametrize("who", ["outsider", "student"])
def test_outsiders_cannot_write_through_the_api(request, api, client, who, memo, org_acme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = request.getfixturevalue(who)
    moa = MemorandumType.objects.get(code="moa")
    payload = {
        "title": "X",
        "memo_type_id": moa.pk,
        "initiating_unit_id": memo.initiating_unit_id,
        "party_ids": [org_acme.pk],
        "scope": "X",
    }
    assert api("post", "/", user, json=payload).status_code == 404
    assert api("post", f"/{memo.pk}/deliverables", user, json={"title": "X"}).status_code == 404
    resp = client.post(
        f"{BASE}/{memo.pk}/documents",
        {"kind": "draft", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")},
        **bearer(user),
    )
    assert resp.status_code == 404
    assert Memorandum.objects.count() == 1 and not memo.documents.exists()


def test_readers_cannot_write_through_the_api(api, management, memo, org_acme):
    moa = MemorandumType.objects.get(code="moa")
    payload = {
        "title": "X",
        "memo_type_id": moa.pk,
        "initiating_unit_id": memo.initiating_unit_id,
        "party_ids": [org_acme.pk],
        "scope": "X",
    }
    assert api("post", "/", management, json=payload).status_code == 403
    assert api("post", f"/{memo.pk}/deliverables", management, json={"title": "X"}).status_code == (
        403
    )
