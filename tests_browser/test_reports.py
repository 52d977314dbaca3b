"""The OIL dashboard in the browser: charts drawn, a KCDIO filter that changes a chart's table,
and the annual report downloaded as a PDF whose pages and headings are checked."""

import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.models import Memorandum, MemorandumType, Party
from jalinan.agreements.services import types_ensure_defaults
from jalinan.engagements.models import Activity
from jalinan.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    types_ensure_defaults()  # the test database is flushed between browser tests
    eng = Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    mech = Unit.objects.create(
        code="koe-mech", name="Department of Mechanical Engineering", kind="department", parent=eng
    )
    ict = Unit.objects.create(code="kict", name="Kulliyyah of ICT", kind="kulliyyah")
    officer = user_create(
        email="omar@uni.test", full_name="Omar Officer", password=PASSWORD, roles=[Role.OIL_OFFICER]
    )
    pic = user_create(
        email="amina@uni.test",
        full_name="Dr Amina",
        password=PASSWORD,
        roles=[Role.ACADEMIC],
        unit=eng,
    )
    acme = Organisation.objects.create(
        legal_name="Acme Robotics Sdn. Bhd.",
        org_type="sme",
        search_name="acme robotics",
        msic_section="C",
    )
    today = timezone.localdate()
    types = {t.code: t for t in MemorandumType.objects.all()}
    for i, (unit, code) in enumerate([(eng, "moa"), (mech, "mou"), (ict, "mou"), (ict, "moa")]):
        memo = Memorandum.objects.create(
            reference=f"B/{i}",
            title=f"Browser memorandum {i}",
            memo_type=types[code],
            initiating_unit=unit,
            person_in_charge=pic,
            scope="Joint work.",
            status="active",
            signed_on=today.replace(month=1, day=2),
            start_date=today.replace(month=1, day=2),
            end_date=today + datetime.timedelta(days=700),
        )
        Party.objects.create(memorandum=memo, organisation=acme)
    activity = Activity.objects.create(
        title="Robotics meeting", activity_type="meeting", date=today.replace(day=1), unit=mech
    )
    activity.organisations.set([acme])
    return {"officer": officer, "eng": eng}


@pytest.fixture
def login_as(live_server, page):
    def login(user):
        client = Client()
        client.force_login(user)
        page.context.clear_cookies()
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return login


def test_oil_dashboard_filter_by_unit_and_download_the_annual_pdf(
    live_server, world, login_as, shot, tmp_path
):
    from pypdf import PdfReader

    page = login_as(world["officer"])
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Reports", exact=True).first.click()
    expect(page.get_by_role("heading", name="Industry linkage dashboard")).to_be_visible()
    # Chart.js drew the charts from the embedded JSON.
    expect(page.locator("canvas[data-chart][data-drawn]").first).to_be_attached()
    by_unit = page.locator("#chart-agreements-by-unit-table")
    expect(by_unit).to_contain_text("Kulliyyah of ICT")
    expect(by_unit.locator("tbody tr")).to_have_count(2)
    shot("reports-01-dashboard")

    # Filtering by a unit redraws the dashboard (htmx) and the table follows.
    page.get_by_label("KCDIO", exact=True).select_option(str(world["eng"].pk))
    expect(page.get_by_test_id("dashboard-scope")).to_contain_text("Kulliyyah of Engineering")
    expect(by_unit).not_to_contain_text("Kulliyyah of ICT")
    expect(by_unit).to_contain_text("Department of Mechanical Engineering")
    expect(page).to_have_url(re.compile(rf"unit={world['eng'].pk}"))
    expect(page.locator("canvas[data-chart][data-drawn]").first).to_be_attached()
    shot("reports-02-engineering")

    page.get_by_role("link", name=re.compile("Reports: PDF, XLSX, CSV")).click()
    page.get_by_label("Annual industry-linkage report").check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", name="Annual industry-linkage report")).to_be_visible()
    expect(page.get_by_role("heading", name="Memoranda by type")).to_be_visible()
    shot("reports-03-annual")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename.startswith("annual-report-")
    path = tmp_path / "annual.pdf"
    download.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert 1 <= len(reader.pages) <= 10
    text = "\n".join(p.extract_text() for p in reader.pages)
    first = reader.pages[0].extract_text()
    assert "Annual industry-linkage report" in first
    for heading in (
        "Summary",
        "Memoranda by type",
        "Memoranda signed in the period",
        "Engagement activities",
        "Five-year trends",
    ):
        assert heading in text, heading
    assert "B/3" in text
