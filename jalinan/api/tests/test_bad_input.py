"""Out-of-range input found by fuzzing the API: each answered 500 (a database overflow or a
date out of range); now a 422 naming the parameter, and nothing written."""

import pytest

from jalinan.accounts.services import api_token_create
from jalinan.engagements.models import Activity

HUGE = 10**30  # beyond a 64-bit database integer


@pytest.fixture
def api(client):
    def call(method, path, user, **kw):
        _token, raw = api_token_create(user=user, name="test", scopes={"*": "write"})
        if "json" in kw:
            kw = {"data": kw.pop("json"), "content_type": "application/json", **kw}
        return getattr(client, method)("/api/v1" + path, HTTP_AUTHORIZATION=f"Bearer {raw}", **kw)

    return call


def _fields(resp):
    return {error["loc"][-1] for error in resp.json()["detail"]}


@pytest.mark.parametrize(
    "path",
    [
        "/placements/openings",  # ninja's own pagination
        "/partners/organisations",
        "/engagements/",  # a hand-made offset
        "/projects/",
        "/technologies/licences",
        "/technologies/payments",
    ],
)
def test_an_offset_beyond_a_database_integer_is_422(api, officer, path):
    resp = api("get", f"{path}?offset={HUGE}", officer)
    assert resp.status_code == 422 and _fields(resp) == {"offset"}
    assert api("get", f"{path}?offset=5", officer).status_code == 200


def test_payments_refuse_a_negative_limit(api, officer):
    resp = api("get", "/technologies/payments?limit=-1", officer)
    assert resp.status_code == 422 and _fields(resp) == {"limit"}


@pytest.mark.parametrize(
    "path", ["/placements/employability", "/technologies/licences", "/projects/"]
)
def test_a_year_no_calendar_holds_is_422(api, officer, path):
    for year in (522496, -67593):
        resp = api("get", f"{path}?year={year}", officer)
        assert resp.status_code == 422 and _fields(resp) == {"year"}, year
    assert api("get", f"{path}?year=2026", officer).status_code == 200


def test_an_activity_naming_an_impossible_organisation_id_is_422(api, officer, org_acme):
    payload = {
        "title": "Visit",
        "activity_type": "visit",
        "date": "2026-01-05",
        "organisation_ids": [org_acme.pk, HUGE],
    }
    resp = api("post", "/engagements/", officer, json=payload)
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["loc"][-2:] == ["organisation_ids", 1]
    assert not Activity.objects.exists()


def test_a_memorandum_naming_an_impossible_party_is_422(api, officer, org_acme, unit_eng):
    from jalinan.agreements.models import Memorandum
    from jalinan.agreements.tests.factories import memo_type

    payload = {
        "title": "Joint lab",
        "memo_type_id": memo_type().pk,
        "initiating_unit_id": unit_eng.pk,
        "scope": "Research.",
        "party_ids": [HUGE],
    }
    resp = api("post", "/memoranda/", officer, json=payload)
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["loc"][-2:] == ["party_ids", 0]
    assert not Memorandum.objects.exists()


def test_a_patch_refuses_null_for_a_field_that_cannot_be_empty(api, academic, partner_user):
    # Found by fuzzing: null reached the service and the NOT NULL constraint answered 500.
    from jalinan.challenges.tests.factories import make_profile
    from jalinan.placements.tests.factories import make_opening

    profile = make_profile(academic, keywords=["robotics"], biography="Builds robots.")
    resp = api("patch", f"/experts/profiles/{profile.pk}", academic, json={"biography": None})
    assert resp.status_code == 422 and _fields(resp) == {"biography"}
    profile.refresh_from_db()
    assert profile.biography == "Builds robots."

    opening = make_opening(partner_user.organisation, partner_user)
    resp = api("patch", f"/placements/openings/{opening.pk}", partner_user, json={"city": None})
    assert resp.status_code == 422 and _fields(resp) == {"city"}
    opening.refresh_from_db()
    assert opening.city == "Gombak"
    # A field that may be empty is still cleared by null.
    resp = api("patch", f"/placements/openings/{opening.pk}", partner_user, json={"max_year": None})
    assert resp.status_code == 200 and resp.json()["max_year"] is None


@pytest.mark.parametrize(
    "path, field",
    [
        (f"/projects/?partner={HUGE}", "partner"),
        (f"/engagements/?memorandum={HUGE}", "memorandum"),
        (f"/memoranda/?expiring={HUGE}", "expiring"),
        (f"/technologies/assets/?within={HUGE}", "within"),
    ],
)
def test_a_list_filter_out_of_range_is_422(api, officer, path, field):
    resp = api("get", path, officer)
    assert resp.status_code == 422 and _fields(resp) == {field}
