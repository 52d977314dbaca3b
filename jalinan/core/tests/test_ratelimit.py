"""One idea of the client's address for every rate limit: X-Forwarded-For is believed only
from a configured proxy, so a visitor cannot dodge a limit by writing the header."""

import ipaddress
import time

import pytest

from jalinan.core.antispam import form_token
from jalinan.pipeline.models import Opportunity

pytestmark = pytest.mark.django_db

ENQUIRE = "/pipeline/enquire/"
LOGIN = "/accounts/login/"
PROXY = "10.0.0.1"
TOO_MANY = "Too many failed login attempts"


def enquiry(title):
    return {
        "title": title,
        "description": "Our carbon steel pipelines corrode in seawater; we need an expert.",
        "organisation_name": "Sarawak Prawn Farms",
        "contact_name": "Ali Visitor",
        "contact_email": "ali@visitor.test",
        "consent": "on",
        "website": "",
        "ts": form_token(at=time.time() - 60),
    }


@pytest.fixture
def behind_proxy(settings):
    settings.JALINAN_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/30")]
    settings.JALINAN_ENQUIRY_PER_HOUR = 2


def test_from_a_trusted_proxy_each_forwarded_client_has_its_own_limit(client, behind_proxy):
    def post(title, forwarded):
        return client.post(
            ENQUIRE, enquiry(title), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
        )

    # A client that writes its own X-Forwarded-For gets its real address appended by the
    # proxy: the right-most address counts, whatever it put in front.
    assert post("One", "198.51.100.7, 203.0.113.5").status_code == 302
    assert post("Two", "198.51.100.8, 203.0.113.5").status_code == 302
    assert post("Three", "198.51.100.9, 203.0.113.5").status_code == 429
    # Another visitor behind the same proxy is not limited by the first one.
    assert post("Four", "203.0.113.6").status_code == 302
    # A chain of trusted proxies: the first address that is not one counts.
    assert post("Five", "203.0.113.5, 10.0.0.2").status_code == 429
    assert Opportunity.objects.count() == 3


def test_a_forwarded_header_from_anyone_else_is_ignored(client, behind_proxy):
    for i in range(2):
        resp = client.post(
            ENQUIRE,
            enquiry(f"Enquiry {i}"),
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
        assert resp.status_code == 302
    resp = client.post(
        ENQUIRE, enquiry("Third"), REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert resp.status_code == 429
    assert Opportunity.objects.count() == 2


def test_the_login_throttle_is_not_dodged_by_a_made_up_forwarded_address(
    client, settings, outsider
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    throttled = []
    for i in range(5):
        resp = client.post(
            LOGIN,
            {"login": f"nobody{i}@example.test", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
        throttled.append(TOO_MANY in resp.content.decode())
    assert throttled == [False, False, False, True, True]


def test_the_login_throttle_counts_the_client_behind_a_trusted_proxy(client, settings):
    settings.JALINAN_TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "2/m/ip"}

    def attempt(i, forwarded):
        return client.post(
            LOGIN,
            {"login": f"nobody{i}@example.test", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        ).content.decode()

    pages = [attempt(i, f"192.0.2.{i}, 203.0.113.5") for i in range(3)]
    assert [TOO_MANY in p for p in pages] == [False, False, True]
    assert TOO_MANY not in attempt(9, "203.0.113.6")
