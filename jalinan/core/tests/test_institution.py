"""Office -> Institution settings: an OIL admin saves them through the page and every page then
carries them; everyone else is refused and changes nothing."""

import re

import pytest

from jalinan.core.audit import history_for
from jalinan.core.institution import get_institution
from jalinan.core.models import InstitutionProfile

URL = "/core/institution/"

NEW = {
    "name": "Universiti Teknologi Gemilang",
    "name_ms": "Universiti Teknologi Gemilang",
    "short_name": "UTG",
    "office_name": "Office of Industry Linkages",
    "office_name_ms": "Pejabat Jalinan Industri",
    "office_short_name": "UTG Industry",
    "logo_url": "",
    "primary_colour": "#123456",
    "secondary_colour": "#abcdef",
    "contact_email": "industry@utg.test",
    "contact_phone": "+60 3-1234 5678",
    "address": "Jalan Gemilang, 50000 Kuala Lumpur",
    "website": "https://utg.test",
}


def header(html: str) -> str:
    return re.search(r"<header>.*?</header>", html, re.S).group(0)


def test_an_oil_admin_saves_the_settings_and_the_header_shows_them(client_for, oil_admin):
    client = client_for(oil_admin)
    page = client.get(URL).content.decode()
    assert 'name="short_name"' in page and 'name="primary_colour"' in page
    assert 'href="/core/institution/"' in header(page)  # reached from the Office menu
    assert "UTG Industry" not in header(page)

    resp = client.post(URL, NEW, follow=True)

    assert resp.redirect_chain == [(URL, 302)]
    page = resp.content.decode()
    assert "The institution settings were saved." in page
    assert "UTG Industry" in header(page)  # the brand in the navigation bar
    assert "<title>Institution settings · UTG Industry · Jalinan</title>" in page
    assert "--jalinan-primary: #123456; --jalinan-secondary: #abcdef;" in page
    assert "Office of Industry Linkages · Universiti Teknologi Gemilang" in page  # footer
    assert 'href="mailto:industry@utg.test"' in page
    # ... and on any other page too, the cache having been refreshed
    home = client.get("/").content.decode()
    assert "UTG Industry" in header(home)
    assert "Universiti Teknologi Gemilang" in home

    inst = InstitutionProfile.objects.get()
    assert (inst.name, inst.short_name, inst.contact_phone) == (
        "Universiti Teknologi Gemilang",
        "UTG",
        "+60 3-1234 5678",
    )
    entry = history_for(inst).get()
    assert entry.actor == oil_admin
    assert entry.changes["name"][1] == "Universiti Teknologi Gemilang"


def test_a_bad_value_is_shown_next_to_its_field_and_nothing_is_saved(client_for, oil_admin):
    resp = client_for(oil_admin).post(URL, {**NEW, "contact_email": "not-an-email", "name": ""})
    page = resp.content.decode()
    assert resp.status_code == 200
    assert 'id="id_contact_email_error"' in page and 'id="id_name_error"' in page
    assert 'value="UTG Industry"' in page  # what was typed is kept
    assert not InstitutionProfile.objects.exists()


@pytest.mark.parametrize(
    "who,status",
    [
        ("officer", 403),  # the office, but not its admin
        ("coordinator", 404),
        ("academic", 404),
        ("student", 404),
        ("partner_user", 404),
        ("outsider", 404),
    ],
)
def test_anyone_but_an_oil_admin_is_refused(request, client_for, who, status):
    client = client_for(request.getfixturevalue(who))
    before = get_institution().name
    assert client.get(URL).status_code == status
    assert client.post(URL, NEW).status_code == status
    assert not InstitutionProfile.objects.exists()
    assert get_institution().name == before
    assert "UTG Industry" not in client.get("/").content.decode()


def test_signed_out_visitors_are_sent_to_log_in(db, client):
    resp = client.post(URL, NEW)
    assert resp.status_code == 302 and "login" in resp["Location"]
    assert not InstitutionProfile.objects.exists()
