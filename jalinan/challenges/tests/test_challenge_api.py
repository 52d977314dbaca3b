"""The challenges API: same permissions as the pages, outsiders refused."""

import datetime

import pytest
from django.utils import timezone

from jalinan.agreements.tests.test_api import bearer
from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.models import Challenge, Invitation

from .factories import SPEECH, invite

pytestmark = pytest.mark.django_db
BASE = "/api/v1/challenges"


@pytest.fixture
def api(client):
    def call(method, path, user=None, **kw):
        headers = bearer(user) if user else {}
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)(BASE + path, **headers, **kw)

    return call


def test_outsider_and_other_partner_refused(
    api, outsider, other_partner, challenge, draft_challenge
):
    assert api("get", "/", outsider).json()["count"] == 0
    for user in (outsider, other_partner):
        assert api("get", f"/{draft_challenge.pk}", user).status_code == 404
        assert api("patch", f"/{draft_challenge.pk}", user, json={"title": "X"}).status_code == 404
        assert api("post", f"/{draft_challenge.pk}/submit", user).status_code == 404
    assert api("get", f"/{challenge.pk}", outsider).status_code == 404
    assert (
        api("post", f"/{challenge.pk}/invite", outsider, json={"expert_ids": [1]}).status_code
        == 404
    )
    assert api("get", "/for-me", outsider).status_code == 404
    assert (
        api(
            "post",
            "/",
            outsider,
            json={"title": "x", "problem_statement": "y", "desired_outcome": "z"},
        ).status_code
        == 404
    )


def test_confidential_challenge_via_api(
    api, confidential_challenge, academic, ict_academic, expert_profile, speech_profile
):
    invite(confidential_challenge, expert_profile)
    assert api("get", f"/{confidential_challenge.pk}", academic).status_code == 200
    assert api("get", f"/{confidential_challenge.pk}", ict_academic).status_code == 404
    assert api("get", "/", ict_academic).json()["count"] == 0


def test_partner_creates_submits_office_publishes_and_invites(
    api, partner_user, officer, expert_profile, speech_profile
):
    deadline = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    resp = api(
        "post",
        "/",
        partner_user,
        json={
            "title": "Corrosion of jetty piles",
            "problem_statement": "Cathodic protection of our jetty piles fails after two years.",
            "desired_outcome": "A better sacrificial anode design.",
            "trl_min": 2,
            "trl_max": 8,
            "budget_max": "90000",
            "proposal_deadline": deadline,
        },
    )
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["organisation_id"] == partner_user.organisation_id
    bad = api("patch", f"/{pk}", partner_user, json={"trl_min": 9, "trl_max": 1})
    assert bad.status_code == 422 or bad.status_code == 400
    assert (
        api("patch", f"/{pk}", partner_user, json={"timeline": "6 months"}).json()["timeline"]
        == "6 months"
    )
    assert api("post", f"/{pk}/submit", partner_user).json()["status"] == "submitted"
    assert api("post", f"/{pk}/publish", partner_user).status_code == 403
    assert api("post", f"/{pk}/return", officer, json={"comments": ""}).status_code in (400, 422)
    assert api("post", f"/{pk}/publish", officer).json()["status"] == "published"
    ranked = api("get", f"/{pk}/experts", officer).json()
    assert ranked[0]["expert_id"] == expert_profile.pk and ranked[0]["evidence"]
    assert api("get", f"/{pk}/experts", partner_user).status_code == 403
    resp = api("post", f"/{pk}/invite", officer, json={"expert_ids": [expert_profile.pk]})
    assert resp.status_code == 201 and resp.json()[0]["status"] == "invited"
    api("post", f"/{pk}/invite", officer, json={"expert_ids": [expert_profile.pk]})
    assert Invitation.objects.count() == 1
    assert api("get", f"/{pk}/invitations", officer).json()[0]["expert_id"] == expert_profile.pk
    assert Challenge.objects.get(pk=pk).status == ChallengeStatus.PUBLISHED


def test_for_me_ranking(
    api, make_challenge, ict_academic, speech_profile, expert_profile, partner_user
):
    make_challenge()
    speech = make_challenge(**SPEECH, visibility=Visibility.PUBLIC)
    body = api("get", "/for-me", ict_academic).json()
    assert body[0]["challenge"]["id"] == speech.pk and body[0]["terms"]
    assert api("get", "/for-me", partner_user).status_code == 404


def test_list_filters(api, officer, make_challenge):
    make_challenge(title="Palm oil effluent", trl_min=1, trl_max=3)
    make_challenge(title="Glove defects", status=ChallengeStatus.DRAFT)
    assert api("get", "/?q=effluent", officer).json()["count"] == 1
    assert api("get", "/?status=draft", officer).json()["count"] == 1
    assert api("get", "/?trl=2", officer).json()["count"] == 1
