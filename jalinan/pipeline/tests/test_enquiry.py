"""The public enquiry form: creates an enquiry, e-mails the visitor, tells OIL, resists spam,
keeps what was typed, and suggests only public experts."""

import time

import pytest
from django.core import mail

from jalinan.core.antispam import form_token
from jalinan.core.models import Notification
from jalinan.pipeline.models import Opportunity

pytestmark = pytest.mark.django_db

URL = "/pipeline/enquire/"


def data(**extra):
    base = {
        "title": "Pitting on our offshore pipelines",
        "description": "Our carbon steel pipelines corrode in seawater; we need an expert.",
        "organisation_name": "ACME ROBOTICS SDN BHD",
        "contact_name": "Ali Visitor",
        "contact_email": "ali@visitor.test",
        "contact_phone": "+60 3 1234 5678",
        "consent": "on",
        "website": "",
        "ts": form_token(at=time.time() - 60),
    }
    return {**base, **extra}


def test_the_form_is_open_to_visitors(client):
    page = client.get(URL).content.decode()
    assert 'name="website"' in page and 'name="ts"' in page and "Show matching experts" in page
    assert 'hx-post="/pipeline/enquire/experts/"' in page


def test_submission_creates_an_enquiry_mails_the_visitor_and_tells_oil(
    client, officer, oil_admin, org_acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(URL, data())
    assert resp.status_code == 302 and resp["Location"] == "/pipeline/enquire/thanks/"
    opp = Opportunity.objects.get()
    assert (opp.source, opp.stage, opp.contact_email) == ("enquiry", "enquiry", "ali@visitor.test")
    assert opp.organisation == org_acme  # "ACME ROBOTICS SDN BHD" normalises to "acme robotics"
    assert opp.organisation_name == "ACME ROBOTICS SDN BHD"
    confirmation = [m for m in mail.outbox if m.to == ["ali@visitor.test"]]
    assert len(confirmation) == 1 and opp.reference in confirmation[0].body
    assert opp.reference in confirmation[0].subject
    assert set(
        Notification.objects.filter(kind="pipeline.enquiry").values_list("recipient", flat=True)
    ) == {officer.pk, oil_admin.pk}
    thanks = client.get("/pipeline/enquire/thanks/").content.decode()
    assert opp.reference in thanks


def test_an_unknown_organisation_is_kept_as_typed(client, org_acme):
    client.post(URL, data(organisation_name="Sarawak Prawn Farms"))
    opp = Opportunity.objects.get()
    assert opp.organisation is None and opp.organisation_name == "Sarawak Prawn Farms"


def test_honeypot_is_rejected_with_a_neutral_message(client):
    resp = client.post(URL, data(website="http://spam.example"))
    page = resp.content.decode()
    assert resp.status_code == 200 and "We could not accept this submission" in page
    assert "Pitting on our offshore pipelines" in page
    assert not Opportunity.objects.exists()


def test_too_fast_or_forged_token_is_rejected(client):
    for ts in (form_token(), "forged", ""):
        resp = client.post(URL, data(ts=ts))
        assert "We could not accept this submission" in resp.content.decode()
    assert not Opportunity.objects.exists()


def test_rate_limit_after_five_submissions_keeps_what_was_typed(client, settings):
    settings.JALINAN_ENQUIRY_PER_HOUR = 5
    for i in range(5):
        assert client.post(URL, data(title=f"Enquiry {i}")).status_code == 302
    resp = client.post(URL, data(title="The sixth one"))
    page = resp.content.decode()
    assert resp.status_code == 429 and "wait an hour" in page
    assert "The sixth one" in page and "ali@visitor.test" in page
    assert Opportunity.objects.count() == 5
    # Another address is not limited.
    assert client.post(URL, data(title="Elsewhere"), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_errors_keep_what_was_typed(client):
    resp = client.post(URL, data(contact_email="not-an-email", consent=""))
    page = resp.content.decode()
    assert resp.status_code == 400
    assert "Pitting on our offshore pipelines" in page
    assert "Our carbon steel pipelines corrode" in page and "not-an-email" in page
    assert "Enter a valid email address." in page
    assert not Opportunity.objects.exists()


def test_live_suggestions_show_only_public_profiles(client, profile, private_profile):
    resp = client.post(
        "/pipeline/enquire/experts/",
        {"description": "corrosion of offshore carbon steel pipelines; Malay speech recognition"},
    )
    page = resp.content.decode()
    assert profile.get_public_url() in page and "Dr Amina Academic" in page
    assert "Dr Ravi ICT" not in page and "Matched words" in page
    assert "/experts/" + str(profile.pk) + '/"' not in page  # never the signed-in page


def test_suggestions_without_javascript_keep_the_typed_text(client, profile):
    resp = client.post(URL, data(suggest="1", description="corrosion of offshore pipelines"))
    page = resp.content.decode()
    assert resp.status_code == 200 and profile.get_public_url() in page
    assert "corrosion of offshore pipelines" in page and "ali@visitor.test" in page
    assert not Opportunity.objects.exists()


def test_suggestions_are_rate_limited(client, settings, profile):
    settings.JALINAN_SUGGEST_PER_10MIN = 2
    for _i in range(2):
        client.post("/pipeline/enquire/experts/", {"description": "corrosion of pipelines today"})
    page = client.post(
        "/pipeline/enquire/experts/", {"description": "corrosion of pipelines today"}
    ).content.decode()
    assert "Too many searches" in page and "Dr Amina" not in page


def test_the_form_speaks_malay(client):
    from django.utils import translation

    client.cookies["django_language"] = "ms"
    try:
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="ms").content.decode()
    finally:
        translation.activate("en")
    main = page.split("<main")[1]
    assert "Beritahu kami masalah anda" in main and "Tell us your problem" not in main
    assert "Tunjukkan pakar yang sepadan" in main
