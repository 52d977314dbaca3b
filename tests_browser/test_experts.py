"""An academic fills in a profile and imports publications; an officer finds them from a
problem statement, with the matching words highlighted, and opens similar experts."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIBTEX = """@article{a1,
  title = {Pitting corrosion of carbon steel pipelines in tropical seawater},
  abstract = {Two-year exposure tests at offshore platforms in Terengganu.},
  year = {2023}, doi = {10.1000/corr.2023.1}
}
@article{a2, title = {Cathodic protection of jetties}, year = {2021}}
@article{a3, author = {No Title}, year = {2020}}
"""


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    from jalinan.matching.backends.memory import MemoryBackend

    MemoryBackend.reset()


def login(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def test_profile_import_and_search(live_server, page, shot, tmp_path):
    user_create(
        email="amina@uni.test", full_name="Amina Academic", password=PASSWORD, roles=[Role.ACADEMIC]
    )
    user_create(
        email="omar@uni.test", full_name="Omar Officer", password=PASSWORD, roles=[Role.OIL_OFFICER]
    )
    login(page, live_server, "amina@uni.test")
    page.get_by_role("link", name="Create my expert profile").first.click()
    expect(page.get_by_role("heading", name=re.compile("Amina Academic"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Your profile is \d+% complete"))).to_be_visible()
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Expertise keywords").fill("corrosion\npipelines\ncathodic protection")
    page.get_by_label("public profile").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The profile was saved.")).to_be_visible()

    page.get_by_role("link", name="Import publications").click()
    bib = tmp_path / "refs.bib"
    bib.write_text(BIBTEX)
    page.get_by_label(re.compile("BibTeX, RIS, CSV or ORCID")).set_input_files(str(bib))
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("the title is missing")).to_be_visible()
    shot("experts-01-import-preview")
    page.get_by_role("button", name=re.compile("Import 2 publications")).click()
    expect(page.get_by_text(re.compile("2 publications were added"))).to_be_visible()
    page.get_by_role("link", name="Back to the profile").click()
    expect(page.get_by_text("Cathodic protection of jetties")).to_be_visible()
    page.context.clear_cookies()

    login(page, live_server, "omar@uni.test")
    page.get_by_role("link", name="Experts", exact=True).click()
    page.get_by_label("Describe the problem or the expertise you need").fill(
        "Our offshore pipelines show pitting corrosion after two years in seawater."
    )
    page.get_by_role("button", name="Search").click()
    result = page.locator("li.card").first
    expect(result).to_contain_text("Amina Academic")
    expect(result.locator("mark", has_text="corrosion").first).to_be_visible()
    expect(result).to_contain_text("Matching keywords")
    shot("experts-02-search")
    result.get_by_role("link", name="Amina Academic").click()
    expect(page.get_by_role("heading", name="Similar experts")).to_be_visible()
