"""Enquiries: into the pipeline, told to OIL and the inventors, confirmed to the visitor; the
NDA in one step."""

import time
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from jalinan.agreements.models import Memorandum
from jalinan.core.antispam import form_token
from jalinan.partners.models import Organisation
from jalinan.pipeline.choices import Source, Stage
from jalinan.technologies import services
from jalinan.technologies.models import Enquiry

FORM = {
    "kind": "interest",
    "name": "Nadia Buyer",
    "email": "nadia@foodco.test",
    "phone": "+60 12 345 6789",
    "organisation_name": "FoodCo Manufacturing Sdn Bhd",
    "message": "We would like to license the kit for our three factories.",
    "consent": "on",
    "ts": form_token(at=time.time() - 60),
}


def _post(client, offer, **extra):
    return client.post(offer.get_public_url(), {**FORM, **extra}, REMOTE_ADDR="10.1.2.3")


def test_public_visitor_enquiry_creates_opportunity_notifies_and_emails(
    client, offer, officer, academic, student, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, offer)
    assert response.status_code == 302
    assert response["Location"] == reverse("technologies:catalogue_thanks", args=[offer.slug])
    enquiry = Enquiry.objects.get()
    opp = enquiry.opportunity
    assert opp.source == Source.TECHNOLOGY and opp.stage == Stage.ENQUIRY
    assert opp.contact_email == FORM["email"]
    assert opp.organisation_name == FORM["organisation_name"]
    assert opp.source_id == offer.pk
    recipients = {m.to[0] for m in mail.outbox}
    assert FORM["email"] in recipients  # the visitor's confirmation
    assert {officer.email, academic.email, student.email} <= recipients
    confirmation = next(m for m in mail.outbox if m.to == [FORM["email"]])
    assert offer.title in confirmation.subject
    assert opp.reference in confirmation.body
    from jalinan.core.notifications import Notification

    assert Notification.objects.filter(recipient=officer, kind="technologies.enquiry").exists()
    assert Notification.objects.filter(recipient=academic, kind="technologies.enquiry").exists()


def test_enquiry_matches_a_known_partner_by_name(client, offer, org_acme):
    _post(client, offer, organisation_name="ACME Robotics Sdn Bhd")
    assert Enquiry.objects.get().organisation == org_acme
    assert Enquiry.objects.get().opportunity.organisation == org_acme


def test_bad_input_keeps_what_was_typed(client, offer):
    response = _post(client, offer, email="not-an-email", consent="")
    assert response.status_code == 400
    html = response.content.decode()
    assert FORM["message"] in html and "Nadia Buyer" in html
    assert not Enquiry.objects.exists()


def test_honeypot_is_refused(client, offer):
    response = _post(client, offer, website="http://spam.test")
    assert response.status_code == 200
    assert not Enquiry.objects.exists()


def test_rate_limit_per_address(client, offer, settings):
    settings.JALINAN_TECH_ENQUIRY_PER_HOUR = 2
    assert _post(client, offer).status_code == 302
    assert _post(client, offer).status_code == 302
    assert _post(client, offer).status_code == 429
    assert Enquiry.objects.count() == 2
    other = client.post(offer.get_public_url(), FORM, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_no_enquiry_on_an_unpublished_offer(client, draft_offer):
    assert _post(client, draft_offer).status_code == 404


def _enquiry(offer, **extra):
    fields = {k: v for k, v in FORM.items() if k not in ("consent", "ts")}
    return services.enquiries.enquiry_submit(technology=offer, **{**fields, **extra})


def test_nda_in_one_step_registers_the_partner_and_is_idempotent(client_for, offer, officer):
    enquiry = _enquiry(offer)
    assert enquiry.organisation is None
    client = client_for(officer)
    response = client.post(reverse("technologies:enquiry_open_nda", args=[enquiry.pk]))
    memo = Memorandum.objects.get()
    assert response.status_code == 302 and response["Location"] == memo.get_absolute_url()
    assert memo.status == "draft" and memo.memo_type.code == "nda"
    org = Organisation.objects.get(legal_name=FORM["organisation_name"])
    assert list(memo.parties.values_list("organisation", flat=True)) == [org.pk]
    assert memo.person_in_charge == officer
    enquiry.refresh_from_db()
    assert enquiry.nda == memo and enquiry.organisation == org
    # The NDA opens the talks: the opportunity is in negotiation, not yet at an agreement.
    assert enquiry.opportunity.memorandum is None
    assert enquiry.opportunity.stage == Stage.NEGOTIATION
    # A second click shows the NDA already drafted.
    again = client.post(reverse("technologies:enquiry_open_nda", args=[enquiry.pk]))
    assert again["Location"] == memo.get_absolute_url()
    assert (
        Memorandum.objects.count() == 1
        and Organisation.objects.filter(legal_name=FORM["organisation_name"]).count() == 1
    )


def test_nda_uses_the_matched_partner(offer, officer, org_acme):
    enquiry = _enquiry(offer, organisation_name="Acme Robotics Sdn. Bhd.")
    memo = services.enquiries.enquiry_open_nda(enquiry=enquiry, by=officer)
    assert list(memo.parties.values_list("organisation", flat=True)) == [org_acme.pk]


def test_enquiry_pages_are_oil_only(client_for, offer, officer, academic, outsider, partner_user):
    enquiry = _enquiry(offer)
    detail = reverse("technologies:enquiry_detail", args=[enquiry.pk])
    assert client_for(officer).get(detail).status_code == 200
    assert (
        FORM["name"]
        in client_for(officer).get(reverse("technologies:enquiry_list")).content.decode()
    )
    for user in (academic, outsider, partner_user):
        assert client_for(user).get(detail).status_code == 404
        assert client_for(user).get(reverse("technologies:enquiry_list")).status_code == 404
        assert (
            client_for(user)
            .post(reverse("technologies:enquiry_open_nda", args=[enquiry.pk]))
            .status_code
            == 404
        )
    assert not Memorandum.objects.exists()
    export = client_for(officer).get(reverse("technologies:enquiry_list"), {"export": "csv"})
    assert FORM["organisation_name"] in export.content.decode()


def test_signed_in_partner_enquiry_uses_their_organisation(
    client_for, offer, partner_user, org_acme
):
    client = client_for(partner_user)
    page = client.get(offer.get_public_url())
    assert partner_user.email in page.content.decode()  # pre-filled
    client.post(offer.get_public_url(), {**FORM, "organisation_name": "Whatever"})
    enquiry = Enquiry.objects.get()
    assert enquiry.organisation == org_acme and enquiry.user == partner_user


@pytest.mark.parametrize("kind", ["information", "interest"])
def test_both_kinds(offer, kind):
    assert _enquiry(offer, kind=kind).opportunity.title.endswith(offer.title)


def test_the_licences_agreement_brings_the_enquiry_to_the_agreement_stage(offer, officer):
    enquiry = _enquiry(offer)
    services.enquiries.enquiry_open_nda(enquiry=enquiry, by=officer)
    enquiry.refresh_from_db()
    licence = services.licences.licence_create(
        by=officer,
        technology=offer,
        licensee=enquiry.organisation,
        exclusivity="exclusive",
        royalty_rate=Decimal("4"),
        upfront_fee=Decimal("10000"),
    )
    enquiry.opportunity.refresh_from_db()
    assert enquiry.opportunity.stage == Stage.NEGOTIATION  # no agreement linked yet
    lca = services.licences.licence_draft_agreement(licence=licence, by=officer)
    enquiry.opportunity.refresh_from_db()
    assert enquiry.opportunity.stage == Stage.AGREEMENT
    assert enquiry.opportunity.memorandum == lca and lca.memo_type.code == "lca"


BAIT = "Click here: http://evil.example/login"


def test_the_confirmation_to_a_typed_address_echoes_nothing_typed(
    client, offer, django_capture_on_commit_callbacks
):
    typed = {
        "name": f"Victim {BAIT}",
        "email": "victim@example.test",
        "organisation_name": "Payroll Department http://evil.example",
        "message": f"Your salary is on hold. {BAIT} to release it.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, offer, **typed).status_code == 302
    (sent,) = [m for m in mail.outbox if m.to == ["victim@example.test"]]
    text = sent.subject + sent.body
    assert Enquiry.objects.get().opportunity.reference in sent.body
    assert "evil.example" not in text and "Click here" not in text
    assert "Victim" not in text and "Payroll" not in text


def test_a_signed_in_enquirer_is_greeted_by_name_at_their_own_address(
    client_for, partner_user, offer, django_capture_on_commit_callbacks
):
    client = client_for(partner_user)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, offer, email=partner_user.email)
        _post(client, offer, email="someone-else@example.test", name="Someone Else")
    (own,) = [m for m in mail.outbox if m.to == [partner_user.email]]
    (other,) = [m for m in mail.outbox if m.to == ["someone-else@example.test"]]
    assert partner_user.full_name in own.body
    assert partner_user.full_name not in other.body and "Someone Else" not in other.body
