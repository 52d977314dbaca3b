"""Every page carries a Content-Security-Policy that forbids inline script, and the pages
hold none: no <script> without src (JSON data aside) and no on…= event handler."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from jalinan.agreements.tests.factories import make_memo
from jalinan.partners.models import Contact


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":
            self.found.append(f"<script {a}>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


def test_the_policy_forbids_inline_script_on_every_kind_of_page(client, client_for, officer):
    for c, url in [
        (client, "/"),
        (client, reverse("account_login")),
        (client_for(officer), reverse("reports:dashboard")),
        (client_for(officer), "/no-such-page/"),
    ]:
        resp = c.get(url)
        policy = directives(resp)
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in str(policy)
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["default-src"] == ["'self'"] and policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]


def test_the_base_style_element_carries_the_nonce_of_its_policy(db, client):
    resp = client.get("/")
    nonce = next(v for v in directives(resp)["style-src"] if v.startswith("'nonce-"))
    assert f'<style nonce="{nonce[7:-1]}">' in resp.content.decode()


@pytest.fixture
def pages(officer, academic, unit_eng, org_acme):
    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme])
    Contact.objects.create(organisation=org_acme, name="Lim", email="lim@acme.test")
    return [
        reverse("portal:home"),
        reverse("portal:my_work"),
        reverse("reports:dashboard"),
        "/memoranda/",
        memo.get_absolute_url(),
        org_acme.get_absolute_url(),  # a contact's delete form asks for confirmation
        "/partners/",
        reverse("pipeline:funnel"),
        reverse("sdgs:review"),
        reverse("technologies:catalogue"),
    ]


def test_main_pages_hold_no_inline_script_or_event_handler(client_for, officer, pages):
    client = client_for(officer)
    for url in pages:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.content.decode()
        assert inline_code(html) == [], url
        assert "Content-Security-Policy" in resp
    page = client.get(pages[5]).content.decode()
    assert 'data-confirm="Remove this contact?"' in page


def test_no_template_holds_inline_script_or_event_handler():
    found = {}
    for path in Path(settings.PACKAGE_DIR).rglob("templates/**/*.html"):
        if "/pdf/" in str(path):  # printed by WeasyPrint, never served to a browser
            continue
        hits = inline_code(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(settings.PACKAGE_DIR))] = hits
    assert found == {}
