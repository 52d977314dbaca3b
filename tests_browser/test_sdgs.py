"""The office decides SDG suggestions: on a record's page (HTMX) and in the review queue."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.partners.models import Organisation
from jalinan.sdgs.models import SdgTag
from jalinan.sdgs.services import sdg_framework_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def suggestions(db):
    sdg_framework_load(by=None)
    org = Organisation.objects.create(
        legal_name="Suria Solar Sdn. Bhd.", org_type="sme", search_name="suria solar"
    )
    ct = ContentType.objects.get_for_model(org)
    evidence = {
        "targets": [
            {
                "code": "7.2",
                "text": "Increase substantially the share of renewable "
                "energy in the global energy mix",
                "score": 0.6,
            }
        ],
        "terms": ["solar", "renewable energy"],
    }
    for goal, conf in ((7, 0.97), (13, 0.62), (9, 0.55)):
        SdgTag.objects.create(
            content_type=ct, object_id=org.pk, goal=goal, confidence=conf, evidence=evidence
        )
    return org


@pytest.fixture
def officer_page(live_server, page):
    user_create(
        email="officer@uni.test",
        full_name="Omar Officer",
        password=PASSWORD,
        roles=[Role.OIL_OFFICER],
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("officer@uni.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("Welcome, Omar"))).to_be_visible()
    return page


def test_officer_accepts_on_the_record_and_rejects_in_the_queue(
    live_server, officer_page, suggestions, shot
):
    page = officer_page
    page.goto(f"{live_server.url}{suggestions.get_absolute_url()}")
    seven = page.locator('li[data-goal="7"]')
    expect(seven).to_have_attribute("data-status", "suggested")
    expect(seven.locator("mark", has_text="renewable energy")).to_be_visible()  # evidence, open
    shot("sdgs-01-suggestions-on-record")
    seven.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator('li[data-goal="7"]')).to_have_attribute("data-status", "accepted")

    page.get_by_role("button", name="Office").click()
    page.get_by_role("link", name="SDG suggestions").click()
    expect(page.get_by_role("heading", name="SDG suggestions awaiting a decision")).to_be_visible()
    page.get_by_label("Goal").select_option("13")
    expect(page.locator("tr[data-tag]")).to_have_count(1)
    page.get_by_label(re.compile("SDG 13 on Suria Solar")).check()
    shot("sdgs-02-review-queue")
    page.get_by_role("button", name="Reject selected").click()
    expect(page.get_by_text("1 suggestion rejected.")).to_be_visible()

    page.get_by_role("link", name="SDGs", exact=True).click()
    expect(page.locator("a.sdg-card")).to_have_count(17)
    shot("sdgs-03-goals")
    page.locator('a.sdg-card[data-goal="7"]').click()
    expect(page.get_by_role("heading", name="Targets")).to_be_visible()
    expect(page.get_by_role("link", name="Suria Solar Sdn. Bhd.")).to_be_visible()
    shot("sdgs-04-goal-7")
    assert sorted(SdgTag.objects.values_list("goal", "status")) == [
        (7, "accepted"),
        (9, "suggested"),
        (13, "rejected"),
    ]
