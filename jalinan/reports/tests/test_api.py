"""The dashboard as JSON: the same figures and scope rules as the page."""

import pytest

from jalinan.accounts.models import ApiToken

from .conftest import YEAR

BASE = "/api/v1/reports"


def bearer(user):
    raw, hashed = ApiToken.new_token()
    ApiToken.objects.create(user=user, name="t", token_hash=hashed, hint=raw[:8])
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def get(client, path, user=None, **params):
    return client.get(BASE + path, params, **(bearer(user) if user else {}))


def figures(data):
    return {f["key"]: f["value"] for s in data["sections"] for f in s["figures"]}


def test_no_credentials_is_401(client, world):
    assert get(client, "/dashboard").status_code == 401


def test_dashboard_figures_and_charts(client, world, officer):
    response = get(client, "/dashboard", officer, year=YEAR)
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == YEAR and data["unit_id"] is None
    assert data["as_of"] == "2024-12-31"
    got = figures(data)
    assert got["agreements.in_force"] == 3
    assert got["agreements.value"] == 120000.0
    assert got["placements.employability"] == 66.7
    charts = {c["key"]: c for s in data["sections"] for c in s["charts"]}
    by_type = charts["agreements.by_type"]
    assert by_type["labels"] == ["Memorandum of Understanding", "Memorandum of Agreement"]
    assert by_type["datasets"][0]["data"] == [2, 1]


def test_unit_scope(client, world, management):
    data = get(client, "/dashboard", management, year=YEAR, unit=world.eng.pk).json()
    assert data["unit"] == "Kulliyyah of Engineering"
    assert figures(data)["agreements.in_force"] == 2


def test_coordinator_gets_their_unit_and_no_other(client, world, coordinator):
    data = get(client, "/dashboard", coordinator, year=YEAR).json()
    assert data["unit_id"] == world.eng.pk
    assert figures(data)["agreements.signed"] == 2
    assert get(client, "/dashboard", coordinator, year=YEAR, unit=world.ict.pk).status_code == 404
    ok = get(client, "/dashboard", coordinator, year=YEAR, unit=world.mech.pk)
    assert figures(ok.json())["agreements.in_force"] == 1


@pytest.mark.parametrize("who", ["academic", "student", "partner_user", "legal", "outsider"])
def test_others_are_refused(client, world, request, who):
    user = request.getfixturevalue(who)
    assert get(client, "/dashboard", user).status_code == 404
    assert get(client, "/charts/agreements.by_type", user).status_code == 404


def test_one_chart(client, world, officer):
    data = get(client, "/charts/agreements.by_unit", officer, year=YEAR).json()
    assert dict(zip(data["labels"], data["datasets"][0]["data"], strict=True)) == {
        "Kulliyyah of Engineering": 2,
        "Kulliyyah of ICT": 1,
    }
    assert get(client, "/charts/no.such", officer).status_code == 404


def test_year_out_of_range_is_not_found(client, world, officer):
    assert get(client, "/dashboard", officer, year=1900).status_code == 404


def test_openapi_documents_the_endpoints(client, officer):
    client.force_login(officer)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reports/dashboard" in schema["paths"]
    assert "/api/v1/reports/charts/{key}" in schema["paths"]
