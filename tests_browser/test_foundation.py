"""Log in, create an organisation, see the duplicate warning, switch to Malay."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer_login(live_server, page):
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


def test_officer_registers_an_organisation_and_is_warned_of_a_duplicate(
    live_server, officer_login, shot
):
    page = officer_login
    shot("01-my-work")
    page.get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_text("No organisations yet.")).to_be_visible()
    page.get_by_role("link", name=re.compile("New organisation")).click()
    page.get_by_label("Legal name").fill("Acme Robotics Sdn. Bhd.")
    page.get_by_label("Type").select_option("sme")
    page.get_by_label("City").fill("Gombak")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("Acme Robotics Sdn. Bhd."))).to_be_visible()
    shot("02-organisation")

    page.goto(f"{live_server.url}/partners/new/")
    page.get_by_label("Legal name").fill("ACME ROBOTICS SDN BHD")
    # The warning appears while typing (HTMX) ...
    warning = page.get_by_test_id("duplicate-warning")
    expect(warning).to_contain_text("Acme Robotics Sdn. Bhd.")
    page.get_by_label("Type").select_option("sme")
    page.get_by_role("button", name="Save").click()
    # ... and again on saving, which is refused until confirmed.
    expect(page.get_by_test_id("duplicate-warning")).to_contain_text("Acme Robotics Sdn. Bhd.")
    expect(page.get_by_label("Legal name")).to_have_value("ACME ROBOTICS SDN BHD")
    shot("03-duplicate-warning")
    page.get_by_label(re.compile("save anyway")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("ACME ROBOTICS SDN BHD"))).to_be_visible()


def test_language_switch_to_malay_is_remembered(live_server, officer_login, shot):
    page = officer_login
    page.get_by_label("Language").select_option("ms")
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.get_by_role("link", name="Kerja saya")).to_be_visible()
    page.goto(f"{live_server.url}/partners/")
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.get_by_role("heading", name="Organisasi rakan kongsi")).to_be_visible()
    shot("04-malay")
