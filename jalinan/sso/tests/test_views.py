"""The OIL administrator's single sign-on page: the identity provider configured on the page
(secret never shown back, audited) and used by the next sign-in; the environment's
configuration shown read-only. Nobody else gets the page (the identity mappings have their
page in accounts, tested in jalinan/accounts/tests/test_provisioning_views.py)."""

from __future__ import annotations

import pytest

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role
from jalinan.core.models import AuditEntry

from .conftest import oidc_sign_in
from .idp import OIDCProvider, SAMLIdP

pytestmark = pytest.mark.django_db

PAGES = ["/sso/"]


@pytest.mark.parametrize("who", ["officer", "academic", "partner_user", "outsider"])
def test_only_the_oil_administrator_gets_the_pages(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in PAGES:
        assert client.get(url).status_code == 404


def test_oidc_configured_on_the_page_signs_people_in(client, oil_admin, browser_client):
    client.force_login(oil_admin)
    with OIDCProvider() as idp:
        form = {
            "protocol": "oidc",
            "oidc-enabled": "on",
            "oidc-server_url": idp.issuer,
            "oidc-client_id": idp.client_id,
            "oidc-client_secret": idp.client_secret,
            "oidc-attr_affiliation": "groups",
        }
        assert client.post("/sso/", form).status_code == 302
        page = client.get("/sso/").content.decode()
        assert idp.client_secret not in page
        assert "••••••" + idp.client_secret[-4:] in page
        entry = AuditEntry.objects.get(action="create", object_repr="OpenID Connect")
        assert idp.client_secret not in str(entry.changes)
        assert (
            "Sign in with your university account"
            in browser_client.get("/accounts/login/").content.decode()
        )
        idp.person = {"sub": "z", "email": "zara@iium.test", "name": "Zara", "groups": "student"}
        result, _ = oidc_sign_in(browser_client)
        assert result.status_code == 200
        assert User.objects.get(email="zara@iium.test").roles == {Role.STUDENT}
        # Saved again without a secret: the stored one stays.
        form.pop("oidc-client_secret")
        assert client.post("/sso/", form).status_code == 302
        browser_client.post("/accounts/logout/")
        result, _ = oidc_sign_in(browser_client)
        assert result.wsgi_request.user.email == "zara@iium.test"


def test_errors_show_next_to_the_field(client, oil_admin):
    client.force_login(oil_admin)
    page = client.post(
        "/sso/", {"protocol": "saml", "saml-enabled": "on", "saml-metadata_xml": "<nope/>"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_saml-metadata_xml_error"' in html
    assert "This is not usable IdP metadata" in html
    page = client.post("/sso/", {"protocol": "oidc", "oidc-enabled": "on"})
    assert 'id="id_oidc-server_url_error"' in page.content.decode()


def test_saml_metadata_pasted_on_the_page(client, oil_admin):
    client.force_login(oil_admin)
    with SAMLIdP() as idp:
        form = {"protocol": "saml", "saml-enabled": "on", "saml-metadata_xml": idp.metadata()}
        assert client.post("/sso/", form).status_code == 302
    anonymous = client.__class__()
    assert (
        "Sign in with your university account" in anonymous.get("/accounts/login/").content.decode()
    )


def test_the_environment_wins_and_the_page_only_shows_it(client, oil_admin, settings):
    settings.JALINAN_SSO_OIDC_SERVER_URL = "https://login.example.edu/realms/uni"
    settings.JALINAN_SSO_OIDC_CLIENT_ID = "jalinan"
    settings.JALINAN_SSO_OIDC_CLIENT_SECRET = "an-environment-secret-1234"
    client.force_login(oil_admin)
    page = client.get("/sso/").content.decode()
    assert "Configured by the environment" in page
    assert "an-environment-secret-1234" not in page
    assert "••••••1234" in page
    assert 'name="oidc-client_id"' not in page
    client.post("/sso/", {"protocol": "oidc", "oidc-client_id": "other"})
    from jalinan.sso.models import IdentityProvider

    assert not IdentityProvider.objects.exists()
