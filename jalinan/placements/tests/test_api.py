"""The placements API: the same permissions as the pages."""

import pytest

from jalinan.accounts.models import ApiToken
from jalinan.placements.models import Application, Opening

from .factories import make_application, today

BASE = "/api/v1/placements"


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


def opening_payload(**over):
    data = {
        "kind": "internship",
        "title": "API intern",
        "description": "Through the API.",
        "skills": ["Go"],
        "programmes": ["beng-mech"],
        "starts_on": str(today().replace(year=today().year + 1)),
        "ends_on": str(today().replace(year=today().year + 1, day=28)),
        "deadline": str(today()),
        "places": 1,
    }
    data.update(over)
    return data


def test_no_credentials_is_401(api, db):
    assert api("get", "/openings").status_code == 401


def test_the_outsider_sees_empty_lists_and_404s(
    api, outsider, running_placement, opening, application_pk
):
    for path in ("/openings", "/applications", "/placements"):
        resp = api("get", path, outsider)
        assert resp.status_code == 200 and resp.json()["count"] == 0, path
    for method, path, body in [
        ("get", f"/openings/{opening.pk}", None),
        ("patch", f"/openings/{opening.pk}", {"title": "x"}),
        ("post", f"/openings/{opening.pk}/approve", {}),
        ("post", f"/openings/{opening.pk}/close", None),
        ("post", f"/openings/{opening.pk}/applications", {"cover_note": "x"}),
        ("get", f"/openings/{opening.pk}/applicants", None),
        ("post", "/openings", opening_payload()),
        ("get", f"/applications/{application_pk}", None),
        ("post", f"/applications/{application_pk}/move", {"to": "shortlisted"}),
        ("get", f"/placements/{running_placement.pk}", None),
        ("patch", f"/placements/{running_placement.pk}", {"industry_supervisor_name": "x"}),
        ("get", f"/placements/{running_placement.pk}/logbook", None),
        ("post", f"/placements/{running_placement.pk}/logbook", {"week": 1, "activities": "x"}),
    ]:
        kw = {"json": body} if body is not None else {}
        assert api(method, path, outsider, **kw).status_code == 404, (method, path)


@pytest.fixture
def application_pk(opening, student2):
    return make_application(opening, student2, consent=False).pk


def test_a_partner_posts_and_the_office_approves(
    api, partner_user, officer, mech, org_acme, org_other
):
    resp = api(
        "post", "/openings", partner_user, json=opening_payload(organisation_id=org_other.pk)
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["organisation_id"] == org_acme.pk and body["status"] == "pending"
    assert body["programmes"] == ["beng-mech"]
    assert api("post", f"/openings/{body['id']}/approve", partner_user, json={}).status_code == 403
    approved = api("post", f"/openings/{body['id']}/approve", officer, json={"note": "ok"})
    assert approved.status_code == 200 and approved.json()["status"] == "published"


def test_unknown_programme_codes_are_422(api, officer, org_acme):
    resp = api(
        "post",
        "/openings",
        officer,
        json=opening_payload(organisation_id=org_acme.pk, programmes=["nope"]),
    )
    assert resp.status_code == 422 and "programmes" in resp.json()["errors"]


def test_students_see_published_openings_and_their_eligible_list(
    api, student, profile, opening, partner_user, org_acme
):
    pending = api("post", "/openings", partner_user, json=opening_payload()).json()
    titles = [o["title"] for o in api("get", "/openings", student).json()["items"]]
    assert "Robotics intern" in titles and "API intern" not in titles
    assert api("get", f"/openings/{pending['id']}", student).status_code == 404
    eligible = api("get", "/openings?eligible=true", student).json()["items"]
    assert [o["id"] for o in eligible] == [opening.pk]
    assert api("get", "/openings?eligible=true", partner_user).json()["count"] == 0


def test_apply_move_and_accept_through_the_api(
    api, student, profile, opening, partner_user, other_partner
):
    resp = api(
        "post",
        f"/openings/{opening.pk}/applications",
        student,
        json={"cover_note": "Hi", "consent_to_share": True},
    )
    assert resp.status_code == 201
    app_id = resp.json()["id"]
    again = api("post", f"/openings/{opening.pk}/applications", student, json={"cover_note": "Hi"})
    assert again.status_code == 422
    assert (
        api(
            "post", f"/openings/{opening.pk}/applications", partner_user, json={"cover_note": "x"}
        ).status_code
        == 403
    )
    detail = api("get", f"/applications/{app_id}", partner_user).json()
    assert detail["applicant"]["cgpa"] == "3.71" and detail["moves"] == ["shortlisted", "rejected"]
    assert api("get", f"/applications/{app_id}", other_partner).status_code == 404
    assert (
        api("post", f"/applications/{app_id}/move", student, json={"to": "shortlisted"}).status_code
        == 403
    )
    assert (
        api(
            "post", f"/applications/{app_id}/move", partner_user, json={"to": "accepted"}
        ).status_code
        == 422
    )
    for to in ("shortlisted", "offered"):
        assert (
            api("post", f"/applications/{app_id}/move", partner_user, json={"to": to}).status_code
            == 200
        )
    accepted = api("post", f"/applications/{app_id}/move", student, json={"to": "accepted"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    placements = api("get", "/placements", partner_user).json()
    assert placements["count"] == 1 and placements["items"][0]["student_name"] == "Siti Student"
    assert api("get", "/placements", other_partner).json()["count"] == 0


def test_applicant_details_follow_the_students_choice(api, partner_user, application_pk):
    applicant = api("get", f"/applications/{application_pk}", partner_user).json()["applicant"]
    assert applicant["name"] == "Badrul Second"
    assert applicant["cgpa"] is None and applicant["email"] is None
    assert applicant["programme"] == "BEng Mechanical Engineering"  # shared by default


def test_applicants_of_an_opening(api, partner_user, officer, student, opening, application_pk):
    resp = api("get", f"/openings/{opening.pk}/applicants", partner_user)
    assert resp.status_code == 200 and [a["id"] for a in resp.json()["items"]] == [application_pk]
    assert api("get", f"/openings/{opening.pk}/applicants", student).status_code == 403


def test_placement_edits_and_logbook(
    api, running_placement, partner_user, student, academic, coordinator
):
    pid = running_placement.pk
    resp = api(
        "patch", f"/placements/{pid}", partner_user, json={"industry_supervisor_name": "Tan"}
    )
    assert resp.status_code == 200 and resp.json()["industry_supervisor_name"] == "Tan"
    assert (
        api("patch", f"/placements/{pid}", partner_user, json={"status": "cancelled"}).status_code
        == 403
    )
    assert (
        api(
            "patch", f"/placements/{pid}", student, json={"industry_supervisor_name": "x"}
        ).status_code
        == 403
    )
    assert (
        api(
            "patch", f"/placements/{pid}", coordinator, json={"academic_supervisor_id": academic.pk}
        ).status_code
        == 200
    )
    resp = api(
        "post", f"/placements/{pid}/logbook", student, json={"week": 1, "activities": "Setup"}
    )
    assert resp.status_code == 201
    assert (
        api(
            "post", f"/placements/{pid}/logbook", academic, json={"week": 2, "activities": "x"}
        ).status_code
        == 403
    )
    assert [e["week"] for e in api("get", f"/placements/{pid}/logbook", academic).json()] == [1]


def test_employability_figure(api, officer, management, outsider, student, partner_user):
    assert api("get", "/employability", officer).json()["graduates"] == 0
    assert api("get", "/employability", management).status_code == 200
    assert api("get", "/employability", outsider).status_code == 404
    assert api("get", "/employability", student).status_code == 403
    assert api("get", "/employability", partner_user).status_code == 403


def test_the_openapi_document_lists_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/placements/openings" in paths
    assert "/api/v1/placements/applications/{application_id}/move" in paths


def test_nothing_written_on_refusals(api, outsider, opening):
    api("patch", f"/openings/{opening.pk}", outsider, json={"title": "hacked"})
    assert Opening.objects.get(pk=opening.pk).title == "Robotics intern"
    assert not Application.objects.exists()


def test_a_placement_patch_refuses_null_for_a_field_that_cannot_be_empty(
    api, running_placement, coordinator
):
    # Found by fuzzing: a null start date reached the service and answered 500.
    pid = running_placement.pk
    starts_on = running_placement.starts_on
    for field in ("starts_on", "ends_on", "status", "industry_supervisor_name"):
        resp = api("patch", f"/placements/{pid}", coordinator, json={field: None})
        assert resp.status_code == 422, field
    running_placement.refresh_from_db()
    assert running_placement.starts_on == starts_on
    resp = api("patch", f"/placements/{pid}", coordinator, json={"academic_supervisor_id": None})
    assert resp.status_code == 200 and resp.json()["academic_supervisor_id"] is None
