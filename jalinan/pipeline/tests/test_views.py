"""The officers' pages: who sees what, the board and its moves, list, export, detail, forms,
the funnel page."""

import csv
import io

import pytest

from jalinan.pipeline.models import Opportunity
from jalinan.pipeline.services import opportunity_move

from .factories import at


def urls(opp):
    return [
        "/pipeline/",
        "/pipeline/list/",
        "/pipeline/list/?export=csv",
        "/pipeline/funnel/",
        "/pipeline/funnel/?download=unit",
        "/pipeline/new/",
        f"/pipeline/{opp.pk}/",
        f"/pipeline/{opp.pk}/edit/",
    ]


@pytest.mark.parametrize(
    "who", ["outsider", "partner_user", "student", "academic", "management", "committee"]
)
def test_everyone_but_oil_and_coordinators_gets_404(request, client_for, who, opp):
    client = client_for(request.getfixturevalue(who))
    for url in urls(opp):
        assert client.get(url).status_code == 404, (who, url)
    resp = client.post(f"/pipeline/{opp.pk}/move/", {"to_stage": "matching"})
    assert resp.status_code == 404
    opp.refresh_from_db()
    assert opp.stage == "enquiry"


def test_anonymous_is_sent_to_login(client, opp):
    for url in urls(opp):
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize("who", ["officer", "oil_admin"])
def test_oil_sees_every_page(request, client_for, who, opp, other_opp):
    client = client_for(request.getfixturevalue(who))
    for url in urls(opp):
        assert client.get(url).status_code == 200, url
    board = client.get("/pipeline/").content.decode()
    assert opp.title in board and other_opp.title in board
    assert 'data-stage="lost"' in board and "Acme Robotics" in board


def test_coordinator_sees_only_their_units_opportunities(client_for, coordinator, opp, other_opp):
    client = client_for(coordinator)
    board = client.get("/pipeline/").content.decode()
    assert opp.title in board and other_opp.title not in board
    assert other_opp.title not in client.get("/pipeline/list/").content.decode()
    assert client.get(f"/pipeline/{other_opp.pk}/").status_code == 404
    assert client.get(f"/pipeline/{opp.pk}/").status_code == 200
    assert (
        client.post(f"/pipeline/{other_opp.pk}/move/", {"to_stage": "matching"}).status_code == 404
    )


def test_board_filters_and_bounded_columns(client_for, officer, opp, other_opp, monkeypatch):
    client = client_for(officer)
    page = client.get("/pipeline/?q=Timber").content.decode()
    assert other_opp.title in page and opp.title not in page
    page = client.get(f"/pipeline/?unit={opp.unit_id}").content.decode()
    assert opp.title in page and other_opp.title not in page
    monkeypatch.setattr("jalinan.pipeline.views.BOARD_COLUMN", 1)
    page = client.get("/pipeline/").content.decode()
    assert "1 more" in page and "/pipeline/list/?stage=enquiry" in page


def test_move_from_the_board_without_js_and_with_htmx(client_for, officer, opp):
    client = client_for(officer)
    resp = client.post(
        f"/pipeline/{opp.pk}/move/",
        {"to_stage": "matching", "next": "board", "filters": "source=direct"},
    )
    assert resp.status_code == 302 and resp["Location"] == "/pipeline/?source=direct"
    opp.refresh_from_db()
    assert opp.stage == "matching"
    resp = client.post(
        f"/pipeline/{opp.pk}/move/",
        {"to_stage": "introduced", "next": "board", "filters": ""},
        HTTP_HX_REQUEST="true",
    )
    page = resp.content.decode()
    assert resp.status_code == 200 and 'id="board"' in page and "<html" not in page
    assert f"{opp.reference} moved." in page
    opp.refresh_from_db()
    assert opp.stage == "introduced"


def test_a_move_to_lost_needs_a_reason(client_for, officer, opp):
    client = client_for(officer)
    resp = client.post(
        f"/pipeline/{opp.pk}/move/", {"to_stage": "lost", "next": "board"}, HTTP_HX_REQUEST="true"
    )
    assert "was not moved" in resp.content.decode()
    opp.refresh_from_db()
    assert opp.stage == "enquiry"
    client.post(f"/pipeline/{opp.pk}/move/", {"to_stage": "lost", "lost_reason": "budget"})
    opp.refresh_from_db()
    assert (opp.stage, opp.lost_reason) == ("lost", "budget")


def test_detail_shows_history_links_and_forms(client_for, officer, opp):
    opportunity_move(opportunity=opp, to_stage="matching", by=officer, at=at(4), note="Two names")
    page = client_for(officer).get(f"/pipeline/{opp.pk}/").content.decode()
    assert "Stage history" in page and "Two names" in page
    assert f'action="/pipeline/{opp.pk}/move/"' in page
    assert f"/pipeline/{opp.pk}/edit/" in page and "History" in page
    assert opp.organisation.get_absolute_url() in page


def test_list_export_csv(client_for, officer, opp, other_opp):
    resp = client_for(officer).get("/pipeline/list/?export=csv&q=Corrosion")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Reference", "Title", "Source", "Stage"]
    assert [r[0] for r in rows[1:]] == [opp.reference]
    resp = client_for(officer).get("/pipeline/list/?export=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_officer_logs_a_direct_contact(client_for, officer, org_acme, unit_eng):
    client = client_for(officer)
    resp = client.post(
        "/pipeline/new/",
        {
            "title": "Robot arm calibration",
            "source": "direct",
            "stage": "matching",
            "organisation": org_acme.pk,
            "unit": unit_eng.pk,
            "owner": officer.pk,
            "description": "Called the office.",
        },
    )
    opp = Opportunity.objects.get(title="Robot arm calibration")
    assert resp.status_code == 302 and resp["Location"] == opp.get_absolute_url()
    assert opp.stage == "matching" and opp.created_by == officer


def test_new_form_keeps_what_was_typed_on_error(client_for, officer):
    resp = client_for(officer).post(
        "/pipeline/new/",
        {"title": "Half typed", "source": "direct", "stage": "enquiry", "contact_name": "Someone"},
    )
    page = resp.content.decode()
    assert resp.status_code == 200 and "Half typed" in page and "Someone" in page
    assert "type the organisation" in page
    assert not Opportunity.objects.filter(title="Half typed").exists()


def test_coordinator_creates_only_for_their_units(client_for, coordinator, unit_eng, unit_ict):
    client = client_for(coordinator)
    base = {
        "title": "Kulliyyah lead",
        "source": "direct",
        "stage": "enquiry",
        "organisation_name": "Small Co",
    }
    resp = client.post("/pipeline/new/", {**base, "unit": unit_ict.pk})
    assert resp.status_code == 200 and not Opportunity.objects.exists()
    client.post("/pipeline/new/", {**base, "unit": unit_eng.pk})
    assert Opportunity.objects.get().unit == unit_eng


def test_edit_links_a_memorandum(client_for, officer, opp, academic, unit_eng, org_acme):
    from jalinan.agreements.tests.factories import make_memo

    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status="active")
    resp = client_for(officer).post(
        f"/pipeline/{opp.pk}/edit/",
        {
            "title": opp.title,
            "organisation": org_acme.pk,
            "unit": unit_eng.pk,
            "memorandum": memo.pk,
            "description": opp.description,
        },
    )
    assert resp.status_code == 302
    opp.refresh_from_db()
    assert opp.memorandum == memo and opp.stage == "agreement"


def test_funnel_page_and_csv(client_for, officer, opp, other_opp):
    opportunity_move(opportunity=opp, to_stage="lost", by=officer, lost_reason="budget", at=at(5))
    client = client_for(officer)
    page = client.get("/pipeline/funnel/").content.decode()
    assert "Conversion and time by stage" in page and "No budget" in page
    assert "Kulliyyah of Engineering" in page and "funnel-chart" in page
    rows = list(
        csv.reader(
            io.StringIO(client.get("/pipeline/funnel/?download=stages").content.decode("utf-8-sig"))
        )
    )
    assert rows[1][:2] == ["Enquiry", "2"]
    rows = list(
        csv.reader(
            io.StringIO(client.get("/pipeline/funnel/?download=unit").content.decode("utf-8-sig"))
        )
    )
    assert {r[0] for r in rows[1:]} == {"Kulliyyah of Engineering", "Kulliyyah of ICT"}
    assert (
        "2026"
        not in client.get("/pipeline/funnel/?year=2026")
        .content.decode()
        .split('data-figure="total">')[1][:5]
    )


def test_my_work_panel_lists_waiting_enquiries(client_for, officer, opp):
    page = client_for(officer).get("/my-work/").content.decode()
    assert "new enquiry waiting" in page and opp.reference in page


def test_home_panel_invites_visitors(client, db):
    page = client.get("/").content.decode()
    assert "/pipeline/enquire/" in page


def test_nav_shows_pipeline_only_to_those_who_may_see_it(client_for, officer, academic):
    assert 'href="/pipeline/"' in client_for(officer).get("/my-work/").content.decode()
    assert 'href="/pipeline/"' not in client_for(academic).get("/my-work/").content.decode()
