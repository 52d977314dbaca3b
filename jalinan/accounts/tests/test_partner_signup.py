"""Partner sign-up and its approval: the address is confirmed before an officer can approve,
the officer chooses the organisation by hand and confirms an affiliation the e-mail domain does
not show, and the sign-up form does not reveal which addresses already have accounts."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from jalinan.accounts.models import User
from jalinan.accounts.services import (
    partner_signup_approve,
    partner_signup_complete,
    signup_email_mark_verified,
)
from jalinan.core.models import AuditEntry
from jalinan.partners.models import Organisation

PASSWORD = "a-long-passphrase-9"


def sign_up(client, email, organisation="BigCorp Berhad"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Nora CEO",
            "organisation_name": organisation,
            "consent": "on",
        },
    )


def confirmation_link(email):
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


@pytest.fixture
def bigcorp(db):
    return Organisation.objects.create(
        legal_name="BigCorp Berhad",
        org_type="mnc",
        search_name="bigcorp",
        website="https://www.bigcorp.example/",
    )


def approve(office, user, org, **extra):
    data = {"decision": "approve", f"u{user.pk}-organisation": org.pk}
    data.update({f"u{user.pk}-{k}": v for k, v in extra.items()})
    return office.post(f"/accounts/approvals/{user.pk}/", data)


def test_approval_waits_for_the_confirmed_address(client, officer, bigcorp):
    resp = sign_up(client, "ceo@bigcorp.example")
    assert resp.status_code == 302 and resp["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="ceo@bigcorp.example")
    assert user.approval_status == "pending"
    office = Client()
    office.force_login(officer)
    page = office.get("/accounts/approvals/").content.decode()
    assert "address not confirmed yet" in page
    assert re.search(r'<button class="btn btn-success" type="submit"\s+disabled', page)

    refused = approve(office, user, bigcorp)
    assert refused.status_code == 200
    assert "ceo@bigcorp.example has not been confirmed yet" in refused.content.decode()
    user.refresh_from_db()
    assert user.approval_status == "pending" and user.organisation is None
    with pytest.raises(ValidationError, match="has not been confirmed yet"):
        partner_signup_approve(user=user, organisation=bigcorp, by=officer)

    link = confirmation_link("ceo@bigcorp.example")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert "address confirmed" in office.get("/accounts/approvals/").content.decode()
    assert approve(office, user, bigcorp).status_code == 302
    user.refresh_from_db()
    assert user.approval_status == "approved" and user.organisation == bigcorp
    assert AuditEntry.objects.filter(
        action="update", object_id=str(user.pk), message__startswith="Partner sign-up approved"
    ).exists()


def test_an_unconfirmed_sign_up_cannot_sign_in_until_confirmed(client, db):
    sign_up(client, "nora@bigcorp.example")
    client.logout()
    resp = client.post("/accounts/login/", {"login": "nora@bigcorp.example", "password": PASSWORD})
    assert resp.status_code == 302 and resp["Location"] == "/accounts/confirm-email/"
    assert client.get("/my-work/").status_code == 302  # not signed in


def test_invited_staff_sign_in_without_confirming_an_address(client, academic):
    from conftest import PASSWORD as STAFF_PASSWORD

    resp = client.post("/accounts/login/", {"login": academic.email, "password": STAFF_PASSWORD})
    assert resp.status_code == 302 and resp["Location"] != "/accounts/confirm-email/"
    assert client.get("/my-work/").status_code == 200


def test_no_organisation_is_preselected(client_for, officer, bigcorp):
    user = User.objects.create_user(email="ceo@elsewhere.example", password="x", full_name="N")
    partner_signup_complete(user=user, full_name="N", organisation_name="BigCorp Berhad")
    page = client_for(officer).get("/accounts/approvals/").content.decode()
    assert "BigCorp Berhad</a>" in page  # still suggested as a likely match, with its domain
    assert "bigcorp.example" in page and "not the e-mail's domain" in page
    assert not re.search(rf'<option value="{bigcorp.pk}"[^>]*selected', page)


def test_an_organisation_merged_into_another_is_not_offered(client_for, officer, bigcorp):
    old = Organisation.objects.create(
        legal_name="BigCorp Holdings Berhad",
        org_type="mnc",
        search_name="bigcorp holdings",
        status="merged",
        merged_into=bigcorp,
    )
    user = User.objects.create_user(email="ceo@bigcorp.example", password="x", full_name="N")
    partner_signup_complete(user=user, full_name="N", organisation_name="BigCorp Berhad")
    page = client_for(officer).get("/accounts/approvals/").content.decode()
    assert f'<option value="{bigcorp.pk}"' in page
    assert f'<option value="{old.pk}"' not in page and "BigCorp Holdings" not in page


def test_a_domain_mismatch_needs_the_officers_confirmation(client_for, officer, bigcorp):
    user = User.objects.create_user(email="ceo@bigcorp-careers.example", password="x")
    partner_signup_complete(user=user, full_name="Nora", organisation_name="BigCorp")
    signup_email_mark_verified(user=user, by=user)
    office = client_for(officer)

    resp = approve(office, user, bigcorp)
    assert resp.status_code == 200
    assert "is not at a domain of BigCorp Berhad" in resp.content.decode()
    user.refresh_from_db()
    assert user.approval_status == "pending"
    with pytest.raises(ValidationError):
        partner_signup_approve(user=user, organisation=bigcorp, by=officer)

    assert approve(office, user, bigcorp, confirm_affiliation="on").status_code == 302
    user.refresh_from_db()
    assert user.approval_status == "approved" and user.organisation == bigcorp
    assert AuditEntry.objects.filter(
        object_id=str(user.pk), message__contains="confirmed the affiliation"
    ).exists()


def test_an_address_at_the_organisations_domain_needs_no_box(client_for, officer, bigcorp):
    user = User.objects.create_user(email="jane@hr.bigcorp.example", password="x")
    partner_signup_complete(user=user, full_name="Jane", organisation_name="BigCorp")
    signup_email_mark_verified(user=user, by=user)
    assert approve(client_for(officer), user, bigcorp).status_code == 302
    user.refresh_from_db()
    assert user.organisation == bigcorp


def test_signing_up_with_a_taken_address_looks_like_a_new_sign_up(client, officer, db):
    new = sign_up(client, "someone.new@bigcorp.example")
    client.logout()
    mail.outbox.clear()
    taken = sign_up(Client(), officer.email)
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert User.objects.filter(email__iexact=officer.email).count() == 1
    officer.refresh_from_db()
    assert officer.approval_status != "pending" and not officer.requested_organisation
    [notice] = mail.outbox
    assert notice.to == [officer.email] and "Account Already Exists" in notice.subject
