"""Password sign-in and two-factor rules once single sign-on is there: staff and students can be
sent to the university button (partners keep their password), and an identity provider that
asks for the second factor itself satisfies JALINAN_REQUIRE_MFA, one that does not leaves the
TOTP step as it is."""

from __future__ import annotations

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import translation

from conftest import PASSWORD

from .conftest import oidc_sign_in

pytestmark = pytest.mark.django_db

BUTTON = "Sign in with your university account"
REFUSED = "Staff and students sign in with their university account"


def password_sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_the_sign_in_page_offers_the_university_button_once_configured(client, settings):
    assert BUTTON not in client.get("/accounts/login/").content.decode()
    settings.JALINAN_SSO_OIDC_SERVER_URL = "https://login.example.edu/realms/uni"
    settings.JALINAN_SSO_OIDC_CLIENT_ID = "jalinan"
    page = client.get("/accounts/login/")
    assert BUTTON in page.content.decode()
    # The form leads to the identity provider: the page's policy lets it.
    assert "https://login.example.edu" in page["Content-Security-Policy"]
    with translation.override("ms"):
        page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ms")
    assert "Log masuk dengan akaun universiti anda" in page.content.decode()


@pytest.fixture
def partners_only(settings):
    settings.JALINAN_SSO_PASSWORD_LOGIN = "partners"
    settings.JALINAN_SSO_OIDC_SERVER_URL = "https://login.example.edu/realms/uni"
    settings.JALINAN_SSO_OIDC_CLIENT_ID = "jalinan"


def test_staff_and_students_are_sent_to_the_university_button(
    client, partners_only, academic, student
):
    for person in (academic, student):
        page = password_sign_in(client, person)
        assert page.status_code == 200
        assert REFUSED in page.content.decode()
        assert BUTTON in page.content.decode()
        assert "_auth_user_id" not in client.session


def test_partners_and_superusers_keep_their_password(client, partners_only, partner_user):
    from jalinan.accounts.services import user_create

    root = user_create(email="root@example.test", full_name="Root", password=PASSWORD)
    root.is_superuser = True
    root.save()
    for person in (partner_user, root):
        assert password_sign_in(client, person).status_code == 302
        client.post("/accounts/logout/")


def test_password_sign_in_stays_without_a_provider_or_when_allowed(client, settings, academic):
    settings.JALINAN_SSO_PASSWORD_LOGIN = "partners"  # but nothing configured: nobody is locked out
    assert password_sign_in(client, academic).status_code == 302
    client.post("/accounts/logout/")
    settings.JALINAN_SSO_PASSWORD_LOGIN = "everyone"
    settings.JALINAN_SSO_OIDC_SERVER_URL = "https://login.example.edu/realms/uni"
    settings.JALINAN_SSO_OIDC_CLIENT_ID = "jalinan"
    assert password_sign_in(client, academic).status_code == 302


@pytest.fixture
def officer_at_idp(oidc_idp, officer, settings):
    settings.JALINAN_REQUIRE_MFA = True
    oidc_idp.person = {"sub": "o-1", "email": officer.email, "affiliation": "staff"}
    return officer


def test_an_idp_that_asks_for_the_second_factor_satisfies_the_requirement(
    officer_at_idp, settings, browser_client
):
    settings.JALINAN_SSO_IDP_MFA = True
    page, _ = oidc_sign_in(browser_client)
    assert page.redirect_chain[-1][0] == "/my-work/"
    assert browser_client.get("/memoranda/").status_code == 200


def test_otherwise_the_office_roles_still_set_up_totp(officer_at_idp, browser_client):
    page, _ = oidc_sign_in(browser_client)
    assert page.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    assert browser_client.get("/memoranda/")["Location"] == "/accounts/2fa/totp/activate/"


def test_otherwise_a_totp_holder_gives_the_code_after_the_university_sign_in(
    officer_at_idp, settings, browser_client
):
    secret = generate_totp_secret()
    TOTP.activate(officer_at_idp, secret)
    page, _ = oidc_sign_in(browser_client)
    assert page.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in browser_client.session
    page = browser_client.post(
        "/accounts/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()}, follow=True
    )
    assert page.wsgi_request.user == officer_at_idp


def test_with_idp_mfa_a_totp_holder_is_not_asked_again(officer_at_idp, settings, browser_client):
    settings.JALINAN_SSO_IDP_MFA = True
    TOTP.activate(officer_at_idp, generate_totp_secret())
    page, _ = oidc_sign_in(browser_client)
    assert page.wsgi_request.user == officer_at_idp
    assert page.redirect_chain[-1][0] == "/my-work/"


def test_a_password_sign_in_after_a_failed_university_one_does_not_skip_the_code(
    oidc_idp, officer, academic, settings, browser_client
):
    """The mark the identity provider's second factor leaves belongs to the person it signed
    in, and to that sign-in only."""
    settings.JALINAN_REQUIRE_MFA = True
    settings.JALINAN_SSO_IDP_MFA = True
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    oidc_idp.person = {"sub": "a-1", "email": academic.email, "affiliation": "staff"}
    oidc_sign_in(browser_client)
    browser_client.post("/accounts/logout/")
    page = browser_client.post(
        "/accounts/login/", {"login": officer.email, "password": PASSWORD}, follow=True
    )
    assert page.redirect_chain[-1][0] == "/accounts/2fa/authenticate/"


def test_an_identity_provider_that_cannot_be_reached_is_said_so(client, settings):
    import socket

    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.JALINAN_SSO_OIDC_SERVER_URL = f"http://127.0.0.1:{port}"
    settings.JALINAN_SSO_OIDC_CLIENT_ID = "jalinan"
    page = client.post("/accounts/oidc/university/login/")
    assert page.status_code == 502
    assert "could not be reached" in page.content.decode()
    settings.JALINAN_SSO_OIDC_CLIENT_ID = ""
    settings.JALINAN_SSO_SAML_METADATA_URL = f"http://127.0.0.1:{port}/metadata"
    page = client.post("/accounts/saml/university/login/", HTTP_HOST="testserver")
    assert page.status_code == 502
    assert "could not be reached" in page.content.decode()
