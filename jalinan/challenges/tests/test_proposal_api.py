"""Proposals, review and questions in the API: the same permissions as the pages."""

import pytest
from django.core import mail

from jalinan.agreements.tests.test_api import bearer
from jalinan.challenges.choices import ProposalStatus
from jalinan.challenges.models import Proposal

from . import factories

BASE = "/api/v1/challenges"


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


NEW = {
    "title": "Graphene anodes",
    "approach": "Lab tests, then a field trial.",
    "trl_start": 3,
    "trl_end": 6,
    "duration_months": 12,
    "budget": "90000.00",
    "milestones": [{"title": "Lab results", "month": 6}],
    "team": [{"name": "Siti", "role": "student"}],
}


def test_create_submit_review_decline_select(
    api, challenge, expert_profile, academic, colleague, partner_user, capture
):
    resp = api("post", f"/{challenge.pk}/proposals", academic, json=NEW)
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["status"] == "draft" and body["reviews"] is None
    assert [m["name"] for m in body["team"]] == ["Dr Amina Academic", "Siti"]
    pk = body["id"]
    assert api("get", f"/{challenge.pk}/proposals", partner_user).json() == []
    assert api("get", f"/proposals/{pk}", partner_user).status_code == 404
    assert api("post", f"/proposals/{pk}/submit", academic).json()["status"] == "submitted"
    other = api(
        "post", f"/{challenge.pk}/proposals", colleague, json={**NEW, "title": "B", "submit": True}
    ).json()
    assert other["status"] == "submitted"
    rows = api("get", f"/{challenge.pk}/proposals", partner_user).json()
    assert {r["id"] for r in rows} == {pk, other["id"]}
    resp = api(
        "post",
        f"/proposals/{pk}/reviews",
        partner_user,
        json={"stage": "screen", "score": 5, "reasons": ["fit"]},
    )
    assert resp.status_code == 201 and resp.json()["score"] == 5
    assert (
        api(
            "post", f"/proposals/{pk}/reviews", partner_user, json={"stage": "screen", "score": 9}
        ).status_code
        == 422
    )
    assert api("post", f"/proposals/{pk}/advance", partner_user).json()["status"] == "assessment"
    assert api("get", f"/proposals/{pk}", partner_user).json()["average_score"] == 5
    assert (
        api(
            "post", f"/proposals/{other['id']}/decline", partner_user, json={"reasons": []}
        ).status_code
        == 422
    )
    mail.outbox.clear()
    with capture():
        resp = api("post", f"/proposals/{pk}/select", partner_user, json={"memo_type_code": "cra"})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["status"] == "selected" and body["memorandum_id"] and body["project_id"]
    declined = api("get", f"/proposals/{other['id']}", colleague).json()
    assert declined["status"] == "declined" and declined["feedback_reasons"] == ["stronger"]
    assert declined["reviews"] is None  # the team never sees the scores
    assert {m.to[0] for m in mail.outbox} >= {academic.email, colleague.email}


def test_outsider_and_others_are_refused(
    api,
    confidential_challenge,
    expert_profile,
    academic,
    uninvited,
    outsider,
    other_partner,
    make_proposal,
):
    factories.invite(confidential_challenge, expert_profile)
    p = make_proposal(confidential_challenge, academic, status=ProposalStatus.SUBMITTED)
    cid = confidential_challenge.pk
    for user in (outsider, uninvited, other_partner):
        assert api("get", f"/{cid}/proposals", user).status_code == 404
        assert api("post", f"/{cid}/proposals", user, json=NEW).status_code == 404
        assert api("get", f"/proposals/{p.pk}", user).status_code == 404
        assert api("post", f"/proposals/{p.pk}/submit", user).status_code == 404
        assert api("post", f"/proposals/{p.pk}/select", user, json={}).status_code == 404
        assert (
            api("post", f"/proposals/{p.pk}/decline", user, json={"reasons": ["fit"]}).status_code
            == 404
        )
        assert api("get", f"/{cid}/questions", user).status_code == 404
        assert api("post", f"/{cid}/questions", user, json={"text": "?"}).status_code == 404
    assert api("get", f"/proposals/{p.pk}").status_code == 401
    assert api("post", f"/proposals/{p.pk}/select", academic, json={}).status_code == 403
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED and Proposal.objects.count() == 1


def test_questions(api, challenge, expert_profile, academic, partner_user):
    resp = api("post", f"/{challenge.pk}/questions", academic, json={"text": "Samples?"})
    assert resp.status_code == 201
    qid = resp.json()["id"]
    assert (
        api("post", f"/questions/{qid}/answer", academic, json={"answer": "x"}).status_code == 403
    )
    resp = api("post", f"/questions/{qid}/answer", partner_user, json={"answer": "Ten."})
    assert resp.json()["answer"] == "Ten."
    assert [q["answer"] for q in api("get", f"/{challenge.pk}/questions", academic).json()] == [
        "Ten."
    ]
