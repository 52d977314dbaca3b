"""Personal API tokens: scoped per area and to reading or changing, always expiring, made only
after the person proved again who they are, and dead once their password changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD
from jalinan.accounts import services
from jalinan.accounts.models import ApiToken
from jalinan.core.models import AuditEntry
from jalinan.pipeline.models import Opportunity

pytestmark = pytest.mark.django_db

NEW = "/accounts/profile/tokens/new/"
ME = "/api/v1/accounts/me"
PIPELINE = "/api/v1/pipeline/"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make(user, scopes, days=None):
    return services.api_token_create(user=user, name="script", scopes=scopes, days=days)[1]


def test_a_read_only_token_reads_but_changes_nothing(client, officer):
    raw = make(officer, {"*": "read"})
    assert client.get(PIPELINE, **bearer(raw)).status_code == 200
    resp = client.post(
        PIPELINE,
        {"title": "Lead", "organisation_name": "Sarawak Prawn Farms"},
        content_type="application/json",
        **bearer(raw),
    )
    assert resp.status_code == 403 and "may not change" in resp.json()["detail"]
    assert not Opportunity.objects.exists()
    # A read-write token, and the same person's browser session, may.
    raw = make(officer, {"*": "write"})
    resp = client.post(
        PIPELINE,
        {"title": "Lead", "organisation_name": "Sarawak Prawn Farms"},
        content_type="application/json",
        **bearer(raw),
    )
    assert resp.status_code == 201 and Opportunity.objects.count() == 1
    client.force_login(officer)
    resp = client.post(
        PIPELINE,
        {"title": "Lead 2", "organisation_name": "Sarawak Prawn Farms"},
        content_type="application/json",
    )
    assert resp.status_code == 201


def test_a_token_for_one_area_is_refused_in_another(client, officer):
    raw = make(officer, {"partners": "read", "pipeline": "write"})
    assert client.get("/api/v1/partners/organisations", **bearer(raw)).status_code == 200
    assert client.get(PIPELINE, **bearer(raw)).status_code == 200
    resp = client.get("/api/v1/memoranda/", **bearer(raw))
    assert resp.status_code == 403 and "'memoranda'" in resp.json()["detail"]
    assert client.get(ME, **bearer(raw)).status_code == 403
    resp = client.post(
        "/api/v1/partners/organisations",
        {"legal_name": "X"},
        content_type="application/json",
        **bearer(raw),
    )
    assert resp.status_code == 403


def test_an_expired_token_is_refused_and_every_token_expires(client, academic, settings):
    raw = make(academic, {"*": "read"}, days=1)
    token = ApiToken.objects.get()
    assert client.get(ME, **bearer(raw)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(ME, **bearer(raw)).status_code == 401
    settings.JALINAN_API_TOKEN_DAYS = 30
    make(academic, {"*": "read"})
    newest = ApiToken.objects.order_by("-pk").first()
    assert timedelta(days=29) < newest.expires_at - timezone.now() <= timedelta(days=30)


def test_creating_a_token_needs_a_recent_sign_in(client, academic):
    client.force_login(academic)  # a session of some age: no record of a recent sign-in
    form = {"name": "script", "access": "read", "areas": ["memoranda"], "days": "30"}
    resp = client.post(NEW, form)
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.exists()
    # The password again: the suspended request goes through and the token is shown once.
    resp = client.post(resp["Location"], {"password": PASSWORD}, follow=True)
    token = ApiToken.objects.get(user=academic)
    assert token.scopes == {"memoranda": "read"}
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    page = resp.content.decode()
    raw = page.split('class="user-select-all">')[1].split("<")[0]
    assert raw[:8] == token.hint
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="create").exists()
    # Within the re-authentication window a second one needs no password; 366 days is refused.
    assert client.post(NEW, {**form, "name": "two"}).status_code == 200
    resp = client.post(NEW, {**form, "name": "three", "days": "366"})
    assert resp.status_code == 400 and ApiToken.objects.count() == 2


def test_the_profile_shows_each_tokens_scopes_and_expiry(client_for, academic):
    make(academic, {"memoranda": "read", "partners": "write"}, days=10)
    make(academic, {"*": "write"})
    page = client_for(academic).get("/accounts/profile/").content.decode()
    assert "<code>memoranda</code>: read only" in page
    assert "<code>partners</code>: read and change" in page
    assert "every area: read and change" in page
    assert timezone.localtime(timezone.now() + timedelta(days=10)).strftime("%-d %b %Y") in page


def test_a_password_change_kills_the_tokens(client, academic):
    raw = make(academic, {"*": "read"})
    assert client.get(ME, **bearer(raw)).status_code == 200
    client.force_login(academic)
    resp = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase-9",
            "password2": "a-new-long-passphrase-9",
        },
    )
    assert resp.status_code == 302
    client.logout()
    assert client.get(ME, **bearer(raw)).status_code == 401
    token = ApiToken.objects.get()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(object_id=str(token.pk), message__contains="password").exists()


def test_a_password_set_any_other_way_kills_the_tokens_too(client, academic):
    raw = make(academic, {"*": "read"})
    academic.set_password("set-in-the-admin-site-1")
    academic.save()
    assert client.get(ME, **bearer(raw)).status_code == 401


def test_with_two_factor_on_the_authenticator_code_is_asked(client, academic):
    import pyotp
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(academic, secret)
    client.force_login(academic)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # the password alone
    form = {"name": "script", "access": "write", "days": "7"}
    resp = client.post(NEW, form)
    assert resp.status_code == 302 and resp["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not ApiToken.objects.exists()
    resp = client.post(resp["Location"], {"code": pyotp.TOTP(secret).now()}, follow=True)
    assert resp.status_code == 200 and ApiToken.objects.get().scopes == {"*": "write"}
