"""The public technology enquiry, page and API, has the same defences: a form timer, the
honeypot, a rate limit per address; in the API a browser session files in the signed-in
person's name only with its CSRF token."""

import time

import pytest
from django.test import Client

from jalinan.core.antispam import form_token
from jalinan.technologies.models import Enquiry

BASE = "/api/v1/technologies"


def payload(**extra):
    return {
        "kind": "interest",
        "name": "Api Buyer",
        "email": "api@buyer.test",
        "organisation_name": "Buyer Bhd",
        "message": "Interested in a licence.",
        "consent": True,
        "ts": form_token(at=time.time() - 60),
        **extra,
    }


def test_a_cross_site_post_with_a_partner_session_files_nothing(offer, partner_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(partner_user)
    url = f"{BASE}/catalogue/{offer.slug}/enquiries"
    r = browser.post(url, payload(), content_type="application/json")
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    assert not Enquiry.objects.exists()
    # The same person's own page (which holds the CSRF token) files it in their name.
    browser.get(offer.get_public_url())
    token = browser.cookies["csrftoken"].value
    r = browser.post(url, payload(), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 201
    enquiry = Enquiry.objects.get()
    assert enquiry.user == partner_user and enquiry.organisation == partner_user.organisation


def test_an_anonymous_post_needs_no_csrf_token_and_is_filed_anonymously(offer):
    r = Client(enforce_csrf_checks=True).post(
        f"{BASE}/catalogue/{offer.slug}/enquiries", payload(), content_type="application/json"
    )
    assert r.status_code == 201
    assert Enquiry.objects.get().user is None


def test_the_api_enquiry_needs_the_form_token_and_a_few_seconds(client, offer, settings):
    settings.JALINAN_ENQUIRY_MIN_SECONDS = 3
    url = f"{BASE}/catalogue/{offer.slug}/enquiries"
    issued = client.get(f"{BASE}/catalogue/{offer.slug}/enquiry-token").json()
    assert issued["min_seconds"] == 3
    for ts in (issued["ts"], "", "forged", form_token(at=time.time() - 2 * 86400)):
        r = client.post(url, payload(ts=ts), content_type="application/json")
        assert r.status_code == 422 and "ts" in r.json()["errors"]
    assert not Enquiry.objects.exists()
    assert client.post(url, payload(), content_type="application/json").status_code == 201
    assert client.get(f"{BASE}/catalogue/no-such-thing/enquiry-token").status_code == 404


def test_the_api_rate_limit_counts_refused_posts_too(client, offer, settings):
    settings.JALINAN_TECH_ENQUIRY_PER_HOUR = 2
    url = f"{BASE}/catalogue/{offer.slug}/enquiries"
    assert client.post(url, payload(ts=""), content_type="application/json").status_code == 422
    assert client.post(url, payload(), content_type="application/json").status_code == 201
    assert client.post(url, payload(), content_type="application/json").status_code == 429
    assert Enquiry.objects.count() == 1


@pytest.mark.django_db
def test_the_page_form_sent_too_fast_is_refused_and_keeps_what_was_typed(client, offer):
    page = client.get(offer.get_public_url()).content.decode()
    assert 'name="ts"' in page
    form = {**payload(), "consent": "on"}
    for ts in (form_token(), "", "forged"):
        r = client.post(offer.get_public_url(), {**form, "ts": ts})
        text = r.content.decode()
        assert "We could not accept this submission" in text and "Interested in a licence." in text
    assert not Enquiry.objects.exists()
    assert client.post(offer.get_public_url(), form).status_code == 302
