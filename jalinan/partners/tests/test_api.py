import pytest

from jalinan.accounts.models import ApiToken
from jalinan.core.models import AuditEntry
from jalinan.partners.models import Organisation
from jalinan.partners.services import contact_create

BASE = "/api/v1/partners"


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


def names(resp):
    return [o["legal_name"] for o in resp.json()["items"]]


def test_no_credentials_is_401(api, org_acme):
    assert api("get", "/organisations").status_code == 401
    assert api("get", f"/organisations/{org_acme.pk}").status_code == 401


def test_outsider_sees_an_empty_list_and_404s(api, outsider, org_acme, org_other):
    resp = api("get", "/organisations", outsider)
    assert resp.status_code == 200 and resp.json()["count"] == 0
    assert api("get", f"/organisations/{org_acme.pk}", outsider).status_code == 404
    assert api("get", f"/organisations/{org_acme.pk}/contacts", outsider).status_code == 404
    assert (
        api("patch", f"/organisations/{org_acme.pk}", outsider, json={"city": "X"}).status_code
        == 404
    )
    assert (
        api(
            "post", "/organisations", outsider, json={"legal_name": "X", "org_type": "sme"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["outsider", "student"])
def test_outsider_and_student_are_refused_on_duplicates_and_contact_writes(
    request, api, who, officer, org_acme
):
    user = request.getfixturevalue(who)
    c = contact_create(organisation=org_acme, by=officer, name="Lim Wei", email="lim@acme.test")
    audit_rows = AuditEntry.objects.count()

    resp = api("get", f"/organisations/{org_acme.pk}/duplicates", user)
    assert resp.status_code == 404
    resp = api(
        "post",
        f"/organisations/{org_acme.pk}/contacts",
        user,
        json={"name": "Intruder", "email": "x@elsewhere.test"},
    )
    assert resp.status_code == 404
    assert api("patch", f"/contacts/{c.pk}", user, json={"role": "Owner"}).status_code == 404
    assert api("delete", f"/contacts/{c.pk}", user).status_code == 404

    c.refresh_from_db()
    assert (c.name, c.role, c.email) == ("Lim Wei", "", "lim@acme.test")
    assert list(org_acme.contacts.values_list("name", flat=True)) == ["Lim Wei"]
    assert AuditEntry.objects.count() == audit_rows
    # the same answer as for a record that does not exist: nothing leaks
    assert api("delete", "/contacts/999999", user).status_code == 404


def test_partner_user_only_its_organisation(api, partner_user, org_acme, org_other):
    assert names(api("get", "/organisations", partner_user)) == ["Acme Robotics Sdn. Bhd."]
    assert api("get", f"/organisations/{org_other.pk}", partner_user).status_code == 404
    resp = api("patch", f"/organisations/{org_acme.pk}", partner_user, json={"city": "Bangi"})
    assert resp.status_code == 200 and resp.json()["city"] == "Bangi"
    resp = api("patch", f"/organisations/{org_acme.pk}", partner_user, json={"is_vetted": True})
    assert resp.status_code == 403


def test_officer_lists_filters_and_paginates(api, officer, org_acme, org_other):
    resp = api("get", "/organisations?org_type=glc", officer)
    assert names(resp) == ["Borneo Timber Berhad"]
    resp = api("get", "/organisations?limit=1&offset=1", officer)
    assert resp.json()["count"] == 2 and names(resp) == ["Borneo Timber Berhad"]
    assert names(api("get", "/organisations?q=acme", officer)) == ["Acme Robotics Sdn. Bhd."]


def test_create_validates_and_audits(api, officer):
    resp = api(
        "post",
        "/organisations",
        officer,
        json={
            "legal_name": "Nusantara Halal Foods Berhad",
            "org_type": "sme",
            "msic_division": "10",
            "email": "bad",
        },
    )
    assert resp.status_code == 422 and "email" in resp.json()["errors"]
    resp = api(
        "post",
        "/organisations",
        officer,
        json={
            "legal_name": "Nusantara Halal Foods Berhad",
            "org_type": "sme",
            "msic_division": "10",
        },
    )
    assert resp.status_code == 201 and resp.json()["msic_section"] == "C"
    resp = api("post", "/organisations", officer, json={"legal_name": "X", "org_type": "pirate"})
    assert resp.status_code == 422


def test_coordinator_creates_for_own_unit_only(api, coordinator, unit_eng, unit_ict):
    resp = api(
        "post",
        "/organisations",
        coordinator,
        json={"legal_name": "Unit Partner", "org_type": "sme", "lead_unit_id": unit_ict.pk},
    )
    assert resp.status_code == 201 and resp.json()["lead_unit_id"] == unit_eng.pk


def test_read_only_roles(api, academic, management, org_acme):
    for user in (academic, management):
        assert api("get", f"/organisations/{org_acme.pk}", user).status_code == 200
        assert (
            api("patch", f"/organisations/{org_acme.pk}", user, json={"city": "X"}).status_code
            == 403
        )
    assert (
        api(
            "post", "/organisations", academic, json={"legal_name": "X", "org_type": "sme"}
        ).status_code
        == 404
    )


def test_contacts_visibility_and_changes(api, officer, academic, partner_user, org_acme):
    c = contact_create(organisation=org_acme, by=officer, name="Lim Wei", email="lim@acme.test")
    assert api("get", f"/organisations/{org_acme.pk}/contacts", academic).status_code == 403
    resp = api("get", f"/organisations/{org_acme.pk}/contacts", partner_user)
    assert [x["name"] for x in resp.json()] == ["Lim Wei"]
    resp = api(
        "post",
        f"/organisations/{org_acme.pk}/contacts",
        partner_user,
        json={"name": "Aina", "email": "aina@acme.test"},
    )
    assert resp.status_code == 201
    assert (
        api("patch", f"/contacts/{c.pk}", partner_user, json={"role": "CTO"}).json()["role"]
        == "CTO"
    )
    assert api("patch", f"/contacts/{c.pk}", academic, json={"role": "X"}).status_code == 404
    assert api("delete", f"/contacts/{c.pk}", partner_user).status_code == 204
    assert org_acme.contacts.count() == 1


def test_duplicates_endpoint_for_the_office(api, officer, academic, org_acme):
    twin = Organisation.objects.create(
        legal_name="ACME ROBOTICS BHD", org_type="sme", search_name="acme robotics"
    )
    resp = api("get", f"/organisations/{twin.pk}/duplicates", officer)
    assert resp.json()[0]["organisation"]["id"] == org_acme.pk
    assert api("get", f"/organisations/{twin.pk}/duplicates", academic).status_code == 403


def test_session_auth_needs_csrf_for_writes(org_acme, officer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.get(f"{BASE}/organisations/{org_acme.pk}").status_code == 200
    resp = client.patch(
        f"{BASE}/organisations/{org_acme.pk}", data={"city": "X"}, content_type="application/json"
    )
    assert resp.status_code in (401, 403)
