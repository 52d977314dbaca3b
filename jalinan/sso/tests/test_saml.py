"""Signing in through SAML 2.0 against a real IdP on loopback (metadata, HTTP-Redirect
AuthnRequest, an XML-signed assertion posted back): the account is made from the attributes
and the mappings; a tampered, expired, misdirected, replayed, unsigned or foreign-signed
response is refused with its reason and makes no account."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role

from .conftest import refusal, saml_post, saml_start

pytestmark = pytest.mark.django_db

FARID = {
    "name_id": "p-2002",
    "mail": ["farid@iium.test"],
    "displayName": ["Farid Bin Hassan"],
    "eduPersonAffiliation": ["student", "member"],
    "ou": ["KICT"],
    "employeeNumber": ["M2002"],
}


def test_first_sign_in_makes_the_account_with_mapped_role_and_unit(
    saml_idp, browser_client, unit_ict
):
    saml_idp.person = FARID
    acs, fields = saml_start(browser_client)
    page = saml_post(browser_client, acs, fields)
    assert page.status_code == 200
    user = User.objects.get(email="farid@iium.test")
    assert user.roles == {Role.STUDENT}
    assert user.unit == unit_ict
    assert user.staff_id == "M2002"
    assert user.full_name == "Farid Bin Hassan"
    assert page.wsgi_request.user == user


def test_metadata_pasted_as_xml_works_too(settings, saml_idp, browser_client, tmp_path):
    path = tmp_path / "idp.xml"
    path.write_text(saml_idp.metadata())
    settings.JALINAN_SSO_SAML_METADATA_URL = ""
    settings.JALINAN_SSO_SAML_METADATA_FILE = str(path)
    saml_idp.person = FARID
    acs, fields = saml_start(browser_client)
    assert saml_post(browser_client, acs, fields).wsgi_request.user.email == "farid@iium.test"


def _tampered(fields):
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "<saml:AttributeValue>student</saml:AttributeValue>" in xml
    xml = xml.replace(
        "<saml:AttributeValue>student</saml:AttributeValue>",
        "<saml:AttributeValue>staff</saml:AttributeValue>",
    )
    return {**fields, "SAMLResponse": base64.b64encode(xml.encode()).decode()}


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("tampered", "signature"),
        ("bad_signature", "signature"),
        ("unsigned", "signature"),
        ("expired", "expired"),
        ("wrong_audience", "audience"),
    ],
)
def test_a_tampered_expired_or_misdirected_assertion_is_refused(
    saml_idp, browser_client, fault, reason
):
    saml_idp.person = FARID
    if fault != "tampered":
        saml_idp.fault = fault
    acs, fields = saml_start(browser_client)
    if fault == "tampered":
        fields = _tampered(fields)
    page = saml_post(browser_client, acs, fields)
    assert page.status_code == 403
    assert refusal(page) == reason
    assert b"Nobody was signed in" in page.content
    assert not User.objects.filter(email="farid@iium.test").exists()
    assert "_auth_user_id" not in browser_client.session


def test_a_replayed_response_is_refused(saml_idp, browser_client):
    saml_idp.person = FARID
    acs, fields = saml_start(browser_client)
    assert saml_post(browser_client, acs, fields).status_code == 200
    browser_client.post("/accounts/logout/")
    again = saml_post(browser_client, acs, fields)
    assert again.status_code == 403
    assert refusal(again) == "replay"
    assert "_auth_user_id" not in browser_client.session


def test_a_response_captured_elsewhere_is_refused(saml_idp, browser_client):
    saml_idp.person = FARID
    acs, fields = saml_start(browser_client)
    page = saml_post(Client(HTTP_HOST="testserver"), acs, fields)  # a browser that never asked
    assert refusal(page) == "replay"
    assert not User.objects.filter(email="farid@iium.test").exists()
