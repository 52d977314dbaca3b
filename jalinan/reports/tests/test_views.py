"""The dashboard page, its filters and CSV downloads, the nav item and the My work card, for
every role."""

import re

import pytest
from django.urls import reverse

from jalinan.agreements.models import Memorandum

from .conftest import YEAR

URL = reverse("reports:dashboard")


def body(response) -> str:
    return response.content.decode()


def table(html: str, key: str) -> str:
    """The HTML of one chart's table."""
    dom = "chart-" + key.replace(".", "-").replace("_", "-") + "-table"
    match = re.search(rf'<table[^>]*id="{dom}".*?</table>', html, re.S)
    assert match, f"no table for {key}"
    return match.group(0)


@pytest.mark.parametrize("who", ["oil_admin", "officer", "management"])
def test_office_and_management_see_the_whole_university(who, request, world, client_for):
    response = client_for(request.getfixturevalue(who)).get(URL, {"year": YEAR})
    assert response.status_code == 200
    html = body(response)
    assert "The whole university" in html
    assert 'data-testid="chart-agreements.by_unit"' in html
    assert "Kulliyyah of ICT" in html
    # Every chart has its data for the drawing and a table for reading.
    assert 'id="chart-agreements-by-type-data"' in html
    assert 'id="chart-agreements-by-type-table"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html


def test_coordinator_sees_only_their_unit(world, coordinator, client_for):
    client = client_for(coordinator)
    response = client.get(URL, {"year": YEAR})
    assert response.status_code == 200
    html = body(response)
    assert "Department of Mechanical Engineering" in table(html, "agreements.by_unit")
    assert "Kulliyyah of ICT" not in html
    # A unit outside theirs, or the whole university, is refused.
    assert client.get(URL, {"year": YEAR, "unit": world.ict.pk}).status_code == 404
    assert client.get(URL, {"year": YEAR, "unit": world.mech.pk}).status_code == 200


@pytest.mark.parametrize(
    "who", ["academic", "student", "partner_user", "committee", "legal", "ip_committee", "outsider"]
)
def test_everyone_else_is_refused(who, request, world, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404
    assert client.get(reverse("reports:chart_csv", args=["agreements.by_type"])).status_code == 404
    assert client.get(reverse("reports:documents")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_filter_by_unit_changes_the_tables(world, officer, client_for):
    client = client_for(officer)
    whole = table(body(client.get(URL, {"year": YEAR})), "agreements.by_unit")
    eng = body(client.get(URL, {"year": YEAR, "unit": world.eng.pk}))
    assert "Kulliyyah of ICT" in whole
    assert "Department of Mechanical Engineering" not in whole
    assert "Department of Mechanical Engineering" in table(eng, "agreements.by_unit")
    assert "Kulliyyah of ICT" not in table(eng, "agreements.by_unit")
    assert "Kulliyyah of Engineering · 2024" in eng


def test_htmx_request_gets_the_partial(world, officer, client_for):
    response = client_for(officer).get(URL, {"year": YEAR}, HTTP_HX_REQUEST="true")
    html = body(response)
    assert "<html" not in html
    assert 'data-testid="dashboard-scope"' in html


def test_bad_year_shows_the_error_and_this_year(world, officer, client_for):
    response = client_for(officer).get(URL, {"year": "1850"})
    assert response.status_code == 200
    assert "Select a valid choice" in body(response)


def test_unknown_unit_is_not_found(world, officer, client_for):
    assert client_for(officer).get(URL, {"unit": 999999}).status_code == 404


def test_chart_csv(world, officer, client_for):
    response = client_for(officer).get(
        reverse("reports:chart_csv", args=["agreements.by_type"]), {"year": YEAR}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Type,Memoranda in force" in text
    assert "Memorandum of Understanding,2" in text
    assert "agreements-by_type-2024" in response["Content-Disposition"]


def test_chart_csv_of_a_coordinator_is_their_unit(world, coordinator, client_for):
    response = client_for(coordinator).get(
        reverse("reports:chart_csv", args=["agreements.by_unit"]), {"year": YEAR}
    )
    text = response.content.decode("utf-8-sig")
    assert "Department of Mechanical Engineering,1" in text
    assert "ICT" not in text


def test_unknown_chart_is_not_found(world, officer, client_for):
    url = reverse("reports:chart_csv", args=["nothing.here"])
    assert client_for(officer).get(url).status_code == 404


def test_nav_item_for_those_allowed(world, officer, coordinator, academic, client):
    for user, shown in ((officer, True), (coordinator, True), (academic, False)):
        client.force_login(user)
        html = body(client.get(reverse("portal:my_work")))
        assert (f'href="{URL}"' in html) is shown


def test_my_work_card_has_the_headline_figures(world, management, coordinator, client):
    client.force_login(management)
    html = body(client.get(reverse("portal:my_work")))
    assert 'data-testid="reports-headlines"' in html
    assert "Memoranda in force" in html
    client.force_login(coordinator)
    html = body(client.get(reverse("portal:my_work")))
    assert "Kulliyyah of Engineering in" in html


def test_dashboard_in_malay(world, officer, client_for):
    client = client_for(officer)
    client.cookies["jalinan_language"] = "ms"
    html = body(client.get(URL, {"year": YEAR}))
    assert "Memorandum" in html
    assert "Seluruh universiti" in html


def figure(html: str, key: str) -> str:
    match = re.search(
        rf'data-testid="figure-{re.escape(key)}".*?fs-4 fw-semibold">(.*?)</div>', html, re.S
    )
    assert match, f"no figure {key}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_figures_are_kept_per_reader_and_say_when_they_were_counted(
    world, officer, coordinator, client_for, settings
):
    settings.JALINAN_DASHBOARD_CACHE_SECONDS = 300
    client = client_for(officer)
    html = body(client.get(URL, {"year": YEAR}))
    assert figure(html, "agreements.signed") == "3"
    assert 'data-testid="dashboard-counted-at"' in html
    # A coordinator asking next gets their own unit's figures, not the officer's kept ones.
    coordinator_html = body(client_for(coordinator).get(URL, {"year": YEAR}))
    assert figure(coordinator_html, "agreements.signed") == "2"
    assert "Kulliyyah of ICT" not in coordinator_html
    # Within the kept time the officer sees the same count; with keeping off, today's.
    Memorandum.objects.filter(pk=world.memoranda["m1"].pk).delete()
    client.force_login(officer)
    assert figure(body(client.get(URL, {"year": YEAR})), "agreements.signed") == "3"
    settings.JALINAN_DASHBOARD_CACHE_SECONDS = 0
    assert figure(body(client.get(URL, {"year": YEAR})), "agreements.signed") == "2"
