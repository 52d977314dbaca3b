"""The API: the public catalogue and enquiry (no token), licences and payments by permission."""

import datetime
import json
import time
from decimal import Decimal

from jalinan.core.antispam import form_token
from jalinan.technologies import services
from jalinan.technologies.models import Enquiry

from .factories import CONFIDENTIAL

BASE = "/api/v1/technologies"


def test_public_search_and_detail_without_a_token(client, offer, private_profile, draft_offer):
    r = client.get(f"{BASE}/catalogue", {"q": "halal gelatin"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 1 and body["items"][0]["slug"] == offer.slug
    detail = client.get(f"{BASE}/catalogue/{offer.slug}")
    assert detail.status_code == 200
    text = json.dumps(detail.json())
    for phrase in CONFIDENTIAL:
        assert phrase not in text
    assert "novelty" not in detail.json() and "description" not in detail.json()
    assert [i["name"] for i in detail.json()["inventors"]] == [
        offer.inventors.get(is_public=True).name
    ]
    assert detail.json()["ip_kinds"] == ["patent"]


def test_unpublished_is_404_in_the_api(client, draft_offer):
    assert client.get(f"{BASE}/catalogue/{draft_offer.slug}").status_code == 404


def test_public_enquiry_rate_limited(client, offer, settings):
    settings.JALINAN_TECH_ENQUIRY_PER_HOUR = 1
    payload = {
        "kind": "interest",
        "name": "Api Buyer",
        "email": "api@buyer.test",
        "organisation_name": "Buyer Bhd",
        "message": "Interested.",
        "consent": True,
        "ts": form_token(at=time.time() - 60),
    }
    url = f"{BASE}/catalogue/{offer.slug}/enquiries"
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 201 and r.json()["reference"].startswith("OPP-")
    assert client.post(url, payload, content_type="application/json").status_code == 429
    assert Enquiry.objects.count() == 1


def test_api_enquiry_validation_and_honeypot(client, offer):
    url = f"{BASE}/catalogue/{offer.slug}/enquiries"
    bad = {
        "name": "X",
        "email": "nope",
        "organisation_name": "Y",
        "message": "m",
        "consent": False,
        "ts": form_token(at=time.time() - 60),
    }
    r = client.post(url, bad, content_type="application/json")
    assert r.status_code == 422 and "email" in r.json()["errors"]
    spam = {**bad, "email": "bot@spam.test", "consent": True, "website": "x"}
    assert client.post(url, spam, content_type="application/json").status_code == 201
    assert not Enquiry.objects.exists()


def test_licences_and_payments_by_permission(
    client_for, licence, officer, partner_user, other_partner, outsider
):
    services.licences.payment_record(
        licence=licence,
        by=officer,
        received_on=datetime.date(2025, 1, 5),
        amount=Decimal("100.00"),
        kind="royalty",
        period_year=2024,
    )
    officer_view = client_for(officer).get(f"{BASE}/licences/{licence.pk}/payments").json()
    assert sum(Decimal(s["amount"]) for s in officer_view[0]["shares"]) == Decimal("100.00")
    licensee = client_for(partner_user)
    assert licensee.get(f"{BASE}/licences/{licence.pk}").status_code == 200
    assert licensee.get(f"{BASE}/licences/{licence.pk}/payments").json()[0]["shares"] is None
    assert [x["id"] for x in licensee.get(f"{BASE}/licences").json()] == [licence.pk]
    for user in (other_partner, outsider):
        c = client_for(user)
        assert c.get(f"{BASE}/licences/{licence.pk}").status_code == 404
        assert c.get(f"{BASE}/licences/{licence.pk}/payments").status_code == 404
        assert c.get(f"{BASE}/licences").json() == []
        assert c.get(f"{BASE}/payments").json() == []
        assert c.get(f"{BASE}/spinoffs").json() == []


def test_spinoffs_api(client_for, officer, licence):
    services.spinoffs.spinoff_create(
        by=officer, organisation_fields={"legal_name": "ApiSpin Sdn Bhd"}, licence=licence
    )
    assert [s["name"] for s in client_for(officer).get(f"{BASE}/spinoffs").json()] == [
        "ApiSpin Sdn Bhd"
    ]


def test_openapi_lists_the_public_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert f"{BASE}/catalogue" in schema["paths"]
