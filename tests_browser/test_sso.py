"""Single sign-on in Chromium against the in-test identity providers on loopback: the
university button on the sign-in page, the provider's answer (an OIDC redirect with a code; a
SAML assertion posted back by the IdP's page), and the person lands on "My work" with the role
and the KCDIO unit the mappings give."""

import re

import pytest
from playwright.sync_api import expect

from jalinan.accounts.models import IdentityMapping, Unit
from jalinan.sso.tests.idp import OIDCProvider, SAMLIdP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTON = re.compile("Sign in with your university account")
# The way back goes through the IdP and two redirects: slower than a page of our own.
WAIT = 20_000


@pytest.fixture
def units(db):
    Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    Unit.objects.create(code="kict", name="Kulliyyah of ICT", kind="kulliyyah")
    # A transactional test empties the tables when it ends, the mappings migrations install
    # included: the next one puts back those it needs.
    for value, role in [("faculty", "academic"), ("student", "student")]:
        IdentityMapping.objects.get_or_create(kind="role", value=value, defaults={"role": role})


def test_an_academic_signs_in_through_openid_connect(live_server, page, settings, units, shot):
    with OIDCProvider() as idp:
        settings.JALINAN_SSO_OIDC_SERVER_URL = idp.issuer
        settings.JALINAN_SSO_OIDC_CLIENT_ID = idp.client_id
        settings.JALINAN_SSO_OIDC_CLIENT_SECRET = idp.client_secret
        idp.person = {
            "sub": "u-1001",
            "email": "aminah@iium.test",
            "name": "Aminah Omar",
            "affiliation": ["faculty"],
            "department": "KOE",
        }
        page.goto(f"{live_server.url}/accounts/login/")
        shot("sso-01-sign-in-page")
        page.get_by_role("button", name=BUTTON).click()
        expect(page.get_by_role("heading", name=re.compile("Welcome, Aminah"))).to_be_visible(
            timeout=WAIT
        )
        expect(page.get_by_text("Academic staff", exact=True)).to_be_visible()
        expect(page.get_by_text(re.compile("Kulliyyah of Engineering")).first).to_be_visible()
        shot("sso-02-oidc-my-work")


def test_a_student_signs_in_through_saml(live_server, page, settings, units, shot):
    with SAMLIdP() as idp:
        settings.JALINAN_SSO_SAML_METADATA_URL = f"{idp.base}/metadata"
        settings.JALINAN_SSO_SAML_ATTRIBUTES = {
            "email": "mail",
            "name": "displayName",
            "affiliation": "eduPersonAffiliation",
            "department": "ou",
        }
        idp.person = {
            "name_id": "p-2002",
            "mail": ["farid@iium.test"],
            "displayName": ["Farid Hassan"],
            "eduPersonAffiliation": ["student", "member"],
            "ou": ["KICT"],
        }
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name=BUTTON).click()
        expect(page.get_by_role("heading", name=re.compile("Welcome, Farid"))).to_be_visible(
            timeout=WAIT
        )
        expect(page.get_by_text("Student", exact=True)).to_be_visible()
        expect(page.get_by_text(re.compile("Kulliyyah of ICT")).first).to_be_visible()
        shot("sso-03-saml-my-work")


def test_a_tampered_answer_shows_why_it_was_refused(live_server, page, settings):
    with OIDCProvider() as idp:
        settings.JALINAN_SSO_OIDC_SERVER_URL = idp.issuer
        settings.JALINAN_SSO_OIDC_CLIENT_ID = idp.client_id
        settings.JALINAN_SSO_OIDC_CLIENT_SECRET = idp.client_secret
        idp.person = {"sub": "x", "email": "x@iium.test", "affiliation": "staff"}
        idp.fault = "bad_signature"
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("button", name=BUTTON).click()
        expect(page.get_by_role("heading", name="University sign-in refused")).to_be_visible(
            timeout=WAIT
        )
        expect(page.get_by_role("alert")).to_contain_text("valid signature")
