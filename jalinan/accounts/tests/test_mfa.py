"""Two-factor authentication: required for the office's privileged roles when
JALINAN_REQUIRE_MFA is on, asked at every sign-in of a user who has it, and the admin site
signs in through the same page (no password-only form, throttled)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from conftest import PASSWORD
from jalinan.accounts.services import user_create

SETUP = "/accounts/2fa/totp/activate/"
ROOT = Path(__file__).resolve().parents[3]


def code_for(secret):
    """The authenticator app's current code (out of a window's last second, so that the code
    is still the current one when the server checks it)."""
    if time.time() % 30 > 29:
        time.sleep(1.2)
    return pyotp.TOTP(secret).now()


def sign_in(client, user, next_url=""):
    url = "/accounts/login/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


@pytest.fixture
def enforced(settings):
    settings.JALINAN_REQUIRE_MFA = True


@pytest.fixture
def superuser(db):
    return user_create(
        email="root@uni.test",
        full_name="Rosli Root",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def test_mfa_is_off_under_pytest_by_default():
    from django.conf import settings

    assert settings.JALINAN_REQUIRE_MFA is False


def _setting_in(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JALINAN_", "DJANGO_", "DEBUG", "DATABASE_URL"))
    }
    clean.update(JALINAN_DATA_DIR=str(tmp_path), SECRET_KEY="k" * 60, ALLOWED_HOSTS="x.edu", **env)
    code = "from django.conf import settings; print(settings.JALINAN_REQUIRE_MFA)"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_required_by_default_in_production_only_and_a_bad_value_names_the_variable(tmp_path):
    assert _setting_in(tmp_path, JALINAN_MODE="production").stdout.split()[-1] == "True"
    assert _setting_in(tmp_path, JALINAN_MODE="development").stdout.split()[-1] == "False"
    off = _setting_in(tmp_path, JALINAN_MODE="production", JALINAN_REQUIRE_MFA="false")
    assert off.stdout.split()[-1] == "False"
    bad = _setting_in(tmp_path, JALINAN_REQUIRE_MFA="sometimes")
    assert bad.returncode != 0 and "JALINAN_REQUIRE_MFA" in bad.stderr


# -- required for the office's roles -------------------------------------------------------------


def test_officer_without_totp_is_sent_to_set_it_up_then_reaches_the_page(client, officer, enforced):
    sign_in(client, officer)
    for url in ["/memoranda/", "/my-work/", "/accounts/people/", "/accounts/profile/"]:
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"] == SETUP, url
    page = client.get(SETUP)
    assert page.status_code == 200 and "required for your role" in page.content.decode()
    secret = client.session["mfa.totp.secret"]
    resp = client.post(SETUP, {"code": "000000" if code_for(secret) != "000000" else "111111"})
    assert resp.status_code == 200 and not Authenticator.objects.filter(user=officer).exists()
    resp = client.post(SETUP, {"code": code_for(secret)})
    assert resp.status_code == 302 and resp["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=officer, type="totp").exists()
    codes = client.get(resp["Location"])  # recovery codes are offered
    assert codes.status_code == 200
    assert Authenticator.objects.filter(user=officer, type="recovery_codes").exists()
    assert client.get("/memoranda/").status_code == 200


@pytest.mark.parametrize("who", ["oil_admin", "legal", "ip_committee", "management", "superuser"])
def test_every_privileged_role_must_set_it_up(request, db, client, enforced, who):
    client.force_login(request.getfixturevalue(who))
    resp = client.get("/my-work/")
    assert resp.status_code == 302 and resp["Location"] == SETUP


@pytest.mark.parametrize("who", ["academic", "coordinator", "student", "partner_user"])
def test_other_roles_are_not_sent_to_set_it_up(request, client_for, enforced, who):
    assert client_for(request.getfixturevalue(who)).get("/my-work/").status_code == 200


def test_setup_pages_sign_out_and_language_stay_open(client, officer, enforced):
    sign_in(client, officer)
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get("/accounts/password/change/").status_code == 200
    resp = client.post("/accounts/language/", {"language": "ms", "next": "/"})
    assert resp.status_code == 302 and resp["Location"] == "/"
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_redirected_by_header(client_for, officer, enforced):
    resp = client_for(officer).get("/memoranda/", HTTP_HX_REQUEST="true")
    assert resp["HX-Redirect"] == SETUP


def test_api_session_without_totp_counts_as_signed_out_but_a_token_works(client, officer, enforced):
    from jalinan.accounts.services import api_token_create

    _token, raw = api_token_create(user=officer, name="script", scopes={"*": "read"})
    client.force_login(officer)
    assert client.get("/api/v1/accounts/me").status_code == 401
    resp = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert resp.status_code == 200 and resp.json()["email"] == officer.email


def test_totp_cannot_be_removed_while_required(client, officer, enforced):
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    sign_in(client, officer)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    client.post("/accounts/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=officer, type="totp").exists()


# -- not enforced: a banner, no redirect ---------------------------------------------------------


def test_not_enforced_shows_a_banner_and_does_not_redirect(client_for, officer, academic):
    page = client_for(officer).get("/memoranda/")
    assert page.status_code == 200
    assert "Two-factor authentication is not enforced in this mode" in page.content.decode()
    page = client_for(academic).get("/my-work/").content.decode()
    assert "not enforced in this mode" not in page


def test_no_banner_when_enforced_and_set_up(client, officer, enforced):
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    sign_in(client, officer)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    page = client.get("/memoranda/")
    assert page.status_code == 200 and "not enforced" not in page.content.decode()


# -- the code is asked at sign-in ----------------------------------------------------------------


def test_password_alone_gets_the_code_step_then_the_code_signs_in(client, academic):
    secret = generate_totp_secret()
    TOTP.activate(academic, secret)
    resp = sign_in(client, academic)
    assert resp.status_code == 302 and resp["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/my-work/").status_code == 302  # not signed in yet
    resp = client.post("/accounts/2fa/authenticate/", {"code": "12345x"})
    assert "_auth_user_id" not in client.session
    resp = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert resp.status_code == 302 and client.get("/my-work/").status_code == 200


# -- the admin site ------------------------------------------------------------------------------


def test_admin_login_form_no_longer_signs_anyone_in(client, superuser):
    resp = client.post("/admin/login/", {"username": superuser.email, "password": PASSWORD})
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    resp = client.get("/admin/")
    assert resp.status_code == 302


def test_admin_index_sends_an_anonymous_visitor_to_the_site_login(client, db):
    resp = client.get("/admin/", follow=True)
    assert resp.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    assert resp.status_code == 200 and 'name="login"' in resp.content.decode()


def test_admin_sign_in_asks_the_code_then_opens_the_admin(client, superuser):
    secret = generate_totp_secret()
    TOTP.activate(superuser, secret)
    resp = sign_in(client, superuser, next_url="/admin/")
    assert resp["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    resp = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})
    assert resp.status_code == 302 and resp["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_needs_totp_set_up_when_required(client, superuser, enforced):
    sign_in(client, superuser, next_url="/admin/")
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp["Location"] == SETUP


def test_admin_sign_in_is_throttled(client, superuser):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(5):
        client.post(login_url, {"login": superuser.email, "password": "wrong"})
    resp = client.post(login_url, {"login": superuser.email, "password": PASSWORD})
    assert resp.status_code == 200 and "Too many failed login attempts" in resp.content.decode()
    assert client.get("/admin/").status_code == 302


def test_admin_is_404_for_a_signed_in_non_staff_user(client_for, officer):
    resp = client_for(officer).get("/admin/", follow=True)
    assert resp.status_code == 404
