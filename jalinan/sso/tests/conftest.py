from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from .idp import OIDCProvider, SAMLIdP, form_fields

OIDC_CLAIMS = {
    "email": "email",
    "name": "name",
    "affiliation": "affiliation",
    "department": "department",
    "staff_id": "employee_id",
}
SAML_ATTRS = {
    "email": "mail",
    "name": "displayName",
    "affiliation": "eduPersonAffiliation",
    "department": "ou",
    "staff_id": "employeeNumber",
}


@pytest.fixture
def oidc_idp(settings, db):
    with OIDCProvider() as idp:
        settings.JALINAN_SSO_OIDC_SERVER_URL = idp.issuer
        settings.JALINAN_SSO_OIDC_CLIENT_ID = idp.client_id
        settings.JALINAN_SSO_OIDC_CLIENT_SECRET = idp.client_secret
        settings.JALINAN_SSO_OIDC_CLAIMS = OIDC_CLAIMS
        yield idp


@pytest.fixture
def saml_idp(settings, db):
    with SAMLIdP() as idp:
        settings.JALINAN_SSO_SAML_METADATA_URL = f"{idp.base}/metadata"
        settings.JALINAN_SSO_SAML_ATTRIBUTES = SAML_ATTRS
        yield idp


@pytest.fixture
def browser_client():
    # python3-saml reads the Host header, which a real browser always sends.
    return Client(HTTP_HOST="testserver")


def oidc_sign_in(client, next_url=None):
    """Press the university button, let the IdP answer, and come back: the final response."""
    data = {"next": next_url} if next_url else {}
    start = client.post("/accounts/oidc/university/login/", data)
    assert start.status_code == 302, start.content[:500]
    at_idp = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_idp.status_code == 302, at_idp.text
    callback = urlsplit(at_idp.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}", follow=True), callback


def saml_start(client):
    """Press the university button and fetch the IdP's answer: (ACS path, posted fields)."""
    start = client.post("/accounts/saml/university/login/")
    assert start.status_code == 302, start.content[:500]
    page = requests.get(start["Location"], timeout=10)
    assert page.status_code == 200, page.text
    action, fields = form_fields(page.text)
    return urlsplit(action).path, fields


def saml_post(client, acs_path, fields):
    return client.post(acs_path, fields, follow=True)


def refusal(response) -> str:
    """The reason key shown on the refusal page (or '' when it is not that page)."""
    import re

    match = re.search(rb'data-reason="(\w+)"', response.content)
    return match.group(1).decode() if match else ""
