"""The memoranda pages: who sees what, what each role may do, filters, exports, query counts,
the MCOM agenda and its PDFs, the dormancy page, types."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.choices import Status
from jalinan.agreements.models import Memorandum, MemorandumType
from jalinan.agreements.services import deliverable_create
from jalinan.agreements.tests.factories import (
    DeliverableFactory,
    SignatoryFactory,
    make_document,
    set_dates,
)
from jalinan.agreements.workflow import apply_transition
from jalinan.core.models import Notification


@pytest.fixture
def world(memo, officer, org_acme):
    """The draft MoA with a confidential and an open document, a signatory, a deliverable."""
    secret = make_document(memo, kind="draft", confidential=True)
    open_doc = make_document(memo, kind="vetted", confidential=False)
    signatory = SignatoryFactory(memorandum=memo)  # Prof. Rector
    deliverable = DeliverableFactory(memorandum=memo, title="Two internships a year")
    return {
        "memo": memo,
        "secret": secret,
        "open": open_doc,
        "signatory": signatory,
        "deliverable": deliverable,
    }


def page_urls(w):
    m = w["memo"]
    return [
        "/memoranda/",
        "/memoranda/?export=csv",
        "/memoranda/new/",
        "/memoranda/health/",
        "/memoranda/mcom/",
        "/memoranda/mcom/agenda.pdf",
        "/memoranda/mcom/minutes.pdf",
        "/memoranda/types/",
        "/memoranda/types/new/",
        f"/memoranda/types/{m.memo_type_id}/edit/",
        f"/memoranda/{m.pk}/",
        f"/memoranda/{m.pk}/edit/",
        f"/memoranda/{m.pk}/step/submit/",
        f"/memoranda/{m.pk}/documents/new/",
        f"/memoranda/{m.pk}/signatories/new/",
        f"/memoranda/{m.pk}/deliverables/new/",
        f"/memoranda/documents/{w['secret'].pk}/",
        f"/memoranda/documents/{w['open'].pk}/",
        f"/memoranda/deliverables/{w['deliverable'].pk}/edit/",
    ]


def post_urls(w):
    m = w["memo"]
    return [
        f"/memoranda/{m.pk}/nudge/",
        f"/memoranda/{m.pk}/step/submit/",
        f"/memoranda/signatories/{w['signatory'].pk}/remove/",
        f"/memoranda/{m.pk}/edit/",
    ]


@pytest.mark.parametrize("who", ["outsider", "student"])
def test_outsider_and_student_get_404_everywhere(request, client_for, who, world):
    client = client_for(request.getfixturevalue(who))
    for url in page_urls(world):
        assert client.get(url).status_code == 404, url
    for url in post_urls(world):
        assert client.post(url).status_code == 404, url
    assert Memorandum.objects.get(pk=world["memo"].pk).status == Status.DRAFT


def test_anonymous_is_sent_to_login(client, world):
    for url in page_urls(world):
        resp = client.get(url)
        assert resp.status_code == 302 and "/accounts/login/" in resp["Location"], url


def test_a_partner_of_another_organisation_sees_nothing_of_it(client_for, other_partner, world):
    client = client_for(other_partner)
    assert world["memo"].title not in client.get("/memoranda/").content.decode()
    m = world["memo"]
    for url in [
        f"/memoranda/{m.pk}/",
        f"/memoranda/documents/{world['open'].pk}/",
        f"/memoranda/documents/{world['secret'].pk}/",
        f"/memoranda/deliverables/{world['deliverable'].pk}/edit/",
    ]:
        assert client.get(url).status_code == 404, url


def test_the_partner_user_sees_its_memorandum_without_secrets(
    client_for, partner_user, officer, academic, world
):
    memo = world["memo"]
    apply_transition(memorandum=memo, action="submit", by=academic)
    apply_transition(memorandum=memo, action="start_review", by=officer)
    apply_transition(
        memorandum=memo, action="return_changes", by=officer, comment="Internal: the fee is low."
    )
    client = client_for(partner_user)
    page = client.get(f"/memoranda/{memo.pk}/").content.decode()
    assert memo.title in page and "Returned for changes" in page
    assert world["open"].original_name in page
    assert f"/memoranda/documents/{world['secret'].pk}/" not in page
    assert "the fee is low" not in page  # internal review comments
    assert 'id="history-heading"' not in page  # nor the audit trail
    assert client.get(f"/memoranda/documents/{world['secret'].pk}/").status_code == 404
    resp = client.get(f"/memoranda/documents/{world['open'].pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content).startswith(b"%PDF")
    for url in [f"/memoranda/{memo.pk}/edit/", f"/memoranda/{memo.pk}/documents/new/"]:
        assert client.get(url).status_code == 403, url
    assert client.get("/memoranda/new/").status_code == 403
    assert client.get("/memoranda/health/").status_code == 403


@pytest.mark.parametrize(
    "who,confidential",
    [
        ("officer", True),
        ("legal", True),
        ("committee", True),
        ("academic", False),  # named themselves in charge: not until OIL confirms them
        ("coordinator", False),  # of the initiating KCDIO: its other documents only
        ("management", False),
        ("partner_user", False),
    ],
)
def test_confidential_documents_only_for_those_handling_the_memorandum(
    request, client_for, who, confidential, world
):
    client = client_for(request.getfixturevalue(who))
    status = client.get(f"/memoranda/documents/{world['secret'].pk}/").status_code
    assert status == (200 if confidential else 404)
    assert client.get(f"/memoranda/documents/{world['open'].pk}/").status_code == 200


def test_the_units_coordinator_is_refused_the_confidential_document(client_for, coordinator, world):
    client = client_for(coordinator)
    memo = world["memo"]
    page = client.get(f"/memoranda/{memo.pk}/").content.decode()
    assert memo.title in page
    assert f"/memoranda/documents/{world['open'].pk}/" in page
    assert f"/memoranda/documents/{world['secret'].pk}/" not in page
    assert "Some confidential documents are open only to" in page
    assert client.get(f"/memoranda/documents/{world['secret'].pk}/").status_code == 404
    assert client.get(f"/memoranda/documents/{world['open'].pk}/").status_code == 200
    # still the initiator: may edit the draft and add documents
    assert client.get(f"/memoranda/{memo.pk}/edit/").status_code == 200


@pytest.mark.parametrize("who", ["management", "committee", "legal", "partner_user"])
def test_readers_may_not_change(request, client_for, who, world):
    client = client_for(request.getfixturevalue(who))
    m = world["memo"]
    assert client.get(f"/memoranda/{m.pk}/").status_code == 200
    for url in [
        f"/memoranda/{m.pk}/edit/",
        f"/memoranda/{m.pk}/signatories/new/",
        f"/memoranda/{m.pk}/deliverables/new/",
        f"/memoranda/deliverables/{world['deliverable'].pk}/edit/",
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/memoranda/signatories/{world['signatory'].pk}/remove/").status_code == 403
    assert client.post(f"/memoranda/{m.pk}/nudge/").status_code == 403


def test_others_drafts_are_hidden_from_academics_and_other_units(
    client_for, ip_committee, unit_ict, world
):
    other_coordinator = user_create(
        email="c2@uni.test", full_name="Ict Coordinator", roles=[Role.COORDINATOR], unit=unit_ict
    )
    for user in (ip_committee, other_coordinator):
        client = client_for(user)
        assert client.get(f"/memoranda/{world['memo'].pk}/").status_code == 404
        assert world["memo"].title not in client.get("/memoranda/").content.decode()
    # once signed (and not confidential), staff may find it
    Memorandum.objects.filter(pk=world["memo"].pk).update(status=Status.ACTIVE)
    assert client_for(ip_committee).get(f"/memoranda/{world['memo'].pk}/").status_code == 200
    Memorandum.objects.filter(pk=world["memo"].pk).update(confidentiality="confidential")
    assert client_for(ip_committee).get(f"/memoranda/{world['memo'].pk}/").status_code == 404


def test_the_initiator_edits_drafts_and_the_office_edits_until_closed(
    client_for, academic, coordinator, officer, world
):
    m = world["memo"]
    for user in (academic, coordinator, officer):
        assert client_for(user).get(f"/memoranda/{m.pk}/edit/").status_code == 200
    Memorandum.objects.filter(pk=m.pk).update(status=Status.LEGAL_REVIEW)
    assert client_for(academic).get(f"/memoranda/{m.pk}/edit/").status_code == 403
    assert client_for(officer).get(f"/memoranda/{m.pk}/edit/").status_code == 200
    Memorandum.objects.filter(pk=m.pk).update(status=Status.TERMINATED)
    assert client_for(officer).get(f"/memoranda/{m.pk}/edit/").status_code == 403


# -- creating and stepping through the pages ---------------------------------------------------


def test_a_coordinator_creates_a_draft_for_its_unit(client_for, coordinator, academic, org_acme):
    client = client_for(coordinator)
    moa = MemorandumType.objects.get(code="moa")
    data = {
        "title": "Halal supply-chain research",
        "memo_type": moa.pk,
        "initiating_unit": coordinator.unit_id,
        "person_in_charge": academic.pk,
        "parties": [org_acme.pk],
        "scope": "Research on halal logistics.",
        "value_cash": "150000",
        "value_in_kind": "0",
        "start_date": "2025-01-01",
        "duration_months": "36",
        "confidentiality": "internal",
    }
    resp = client.post("/memoranda/new/", data)
    memo = Memorandum.objects.get(title="Halal supply-chain research")
    assert resp.status_code == 302 and resp["Location"] == f"/memoranda/{memo.pk}/"
    assert memo.end_date == datetime.date(2027, 12, 31)
    assert memo.reference.startswith("MOA/")
    assert Notification.objects.filter(recipient=academic, title__contains="person in charge")
    # another unit is not offered to a coordinator, and the form keeps what was typed
    data["initiating_unit"] = "999"
    data["title"] = "Kept title"
    page = client.post("/memoranda/new/", data).content.decode()
    assert "Kept title" in page and "Select a valid choice" in page


def test_a_step_needing_a_comment_keeps_the_form_and_a_wrong_step_is_explained(
    client_for, officer, academic, world
):
    memo = world["memo"]
    client = client_for(officer)
    resp = client.post(f"/memoranda/{memo.pk}/step/start_review/", follow=True)
    assert "is not possible while the memorandum is Draft" in resp.content.decode()
    resp = client_for(officer).post(f"/memoranda/{memo.pk}/step/submit/", follow=True)
    assert "Only its person in charge" in resp.content.decode()
    apply_transition(memorandum=memo, action="submit", by=academic)
    apply_transition(memorandum=memo, action="start_review", by=officer)
    page = client.post(f"/memoranda/{memo.pk}/step/return_changes/", {"comment": ""})
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    resp = client.post(f"/memoranda/{memo.pk}/step/return_changes/", {"comment": "Add the budget."})
    assert resp.status_code == 302
    memo.refresh_from_db()
    assert memo.status == Status.RETURNED
    detail = client_for(academic).get(f"/memoranda/{memo.pk}/").content.decode()
    assert "Add the budget." in detail and 'data-action="resubmit"' in detail


def test_signing_through_the_page_uploads_the_signed_copy(client_for, officer, world):
    memo = world["memo"]
    Memorandum.objects.filter(pk=memo.pk).update(status=Status.APPROVED)
    for party in memo.parties.all():
        SignatoryFactory(memorandum=memo, party=party, name="Ms CEO", title="")
    client = client_for(officer)
    resp = client.post(
        f"/memoranda/{memo.pk}/step/record_signing/",
        {"signed_on": "2025-05-05", "signed_copy": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert "Only these file types are accepted" in resp.content.decode()
    resp = client.post(
        f"/memoranda/{memo.pk}/step/record_signing/",
        {
            "signed_on": "2025-05-05",
            "signed_copy": SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
            "signed_copy_confidential": "",
        },
    )
    assert resp.status_code == 302
    memo.refresh_from_db()
    assert memo.status == Status.SIGNED
    assert memo.documents.get(kind="signed").is_confidential is False


def test_signatories_and_deliverables(client_for, academic, coordinator, world, org_acme):
    memo = world["memo"]
    client = client_for(academic)
    party = memo.parties.get()
    resp = client.post(
        f"/memoranda/{memo.pk}/signatories/new/",
        {"party": party.pk, "name": "Tan Sri Lim", "title": "Chairman"},
    )
    assert resp.status_code == 302
    assert memo.signatories.filter(party=party, name="Tan Sri Lim").exists()
    resp = client.post(f"/memoranda/signatories/{world['signatory'].pk}/remove/")
    assert resp.status_code == 302 and not memo.signatories.filter(party=None).exists()
    resp = client.post(
        f"/memoranda/{memo.pk}/deliverables/new/",
        {
            "title": "One joint project",
            "due_date": "2026-06-30",
            "status": "planned",
            "owner": coordinator.pk,
        },
    )
    assert resp.status_code == 302
    d = memo.deliverables.get(title="One joint project")
    assert Notification.objects.filter(recipient=coordinator, title__contains="deliverable")
    # the owner reports progress but does not rewrite the terms
    Memorandum.objects.filter(pk=memo.pk).update(status=Status.ACTIVE)
    resp = client_for(coordinator).post(
        f"/memoranda/deliverables/{d.pk}/edit/",
        {"title": "Changed", "status": "done"},
    )
    d.refresh_from_db()
    assert resp.status_code == 302 and d.status == "done" and d.completed_on


# -- lists, filters, exports -------------------------------------------------------------------


@pytest.fixture
def spread(memo_factory, org_other, unit_ict, academic):
    today = datetime.date.today()
    a = set_dates(
        memo_factory(status=Status.ACTIVE, title="Alpha robotics"),
        end=today + datetime.timedelta(days=45),
        last_activity=today,
    )
    b = set_dates(
        memo_factory(status=Status.ACTIVE, title="Beta halal", parties=[org_other], unit=unit_ict),
        start=today - datetime.timedelta(days=800),
        end=today + datetime.timedelta(days=400),
        last_activity=today - datetime.timedelta(days=400),
    )
    c = memo_factory(status=Status.DRAFT, title="Gamma draft", type_code="nda")
    return a, b, c


def titles_in(resp):
    return [
        t for t in ("Alpha robotics", "Beta halal", "Gamma draft") if t in resp.content.decode()
    ]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["Alpha robotics", "Beta halal", "Gamma draft"]),
        ("?q=halal", ["Beta halal"]),
        ("?q=Borneo", ["Beta halal"]),  # by partner name
        ("?status=draft", ["Gamma draft"]),
        ("?status=in_force", ["Alpha robotics", "Beta halal"]),
        ("?expiring=60", ["Alpha robotics"]),
        ("?health=dormant", ["Beta halal"]),
        ("?health=engaged", ["Alpha robotics"]),
    ],
)
def test_list_filters(client_for, officer, spread, query, expected):
    assert titles_in(client_for(officer).get("/memoranda/" + query)) == expected


def test_list_filters_by_type_unit_partner_sector_country_and_sdg(
    client_for, officer, spread, org_other, unit_ict
):
    a, b, c = spread
    client = client_for(officer)
    assert titles_in(client.get(f"/memoranda/?type={c.memo_type_id}")) == ["Gamma draft"]
    assert titles_in(client.get(f"/memoranda/?unit={unit_ict.pk}")) == ["Beta halal"]
    assert titles_in(client.get(f"/memoranda/?partner={org_other.pk}")) == ["Beta halal"]
    org_other.msic_section, org_other.country = "C", "SG"
    org_other.save()
    assert titles_in(client.get("/memoranda/?sector=C")) == ["Beta halal"]
    assert titles_in(client.get("/memoranda/?country=SG")) == ["Beta halal"]
    from django.contrib.contenttypes.models import ContentType

    from jalinan.sdgs.models import SdgTag

    SdgTag.objects.create(
        content_type=ContentType.objects.get_for_model(Memorandum),
        object_id=a.pk,
        goal=9,
        status="accepted",
    )
    resp = client.get("/memoranda/?sdg=9")
    assert titles_in(resp) == ["Alpha robotics"] and "SDG 9" in resp.content.decode()


def test_exports_hold_only_what_the_user_may_see(client_for, partner_user, officer, spread):
    resp = client_for(partner_user).get("/memoranda/?export=csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert [r[1] for r in rows[1:]] == ["Gamma draft", "Alpha robotics"]
    resp = client_for(officer).get("/memoranda/?export=xlsx&status=in_force")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert sorted(r[1] for r in sheet.iter_rows(min_row=2, values_only=True)) == [
        "Alpha robotics",
        "Beta halal",
    ]


def test_the_list_page_has_a_bounded_number_of_queries(
    client_for, officer, memo_factory, org_other, django_assert_max_num_queries
):
    client = client_for(officer)
    client.get("/memoranda/")  # warm caches (content types, the institution)

    def make(n):
        for i in range(n):
            m = memo_factory(status=Status.ACTIVE, title=f"Memo {i}")
            m.parties.create(organisation=org_other, order=1)
            deliverable_create(memorandum=m, by=None, title="x", due_date=datetime.date(2020, 1, 1))

    make(3)
    with django_assert_max_num_queries(16) as few:
        assert client.get("/memoranda/").status_code == 200
    make(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/memoranda/?health=at_risk").status_code == 200


# -- MCOM --------------------------------------------------------------------------------------


def test_the_mcom_agenda_lists_items_with_papers_and_exports_agenda_and_minutes(
    client_for, committee, officer, management, memo_factory
):
    item = memo_factory(status=Status.AWAITING_MCOM, title="Agenda item one")
    make_document(item, kind="vetted", confidential=True)
    memo_factory(status=Status.DRAFT, title="Not on the agenda")
    client = client_for(committee)
    page = client.get("/memoranda/mcom/").content.decode()
    assert "Agenda item one" in page and "Not on the agenda" not in page
    assert "paper.pdf" in page
    pdf = client.get("/memoranda/mcom/agenda.pdf?date=2025-07-01")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Agenda item one" in text and "1 July 2025" in text
    apply_transition(
        memorandum=item,
        action="mcom_recommend",
        by=committee,
        comment="Recommended subject to budget review.",
        meeting_date=datetime.date(2025, 7, 1),
    )
    minutes = client.get("/memoranda/mcom/minutes.pdf?date=2025-07-01")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(minutes.content)).pages)
    assert "Recommended subject to budget review." in text and "MCOM: recommend" in text
    assert "Agenda item one" not in client.get("/memoranda/mcom/").content.decode()
    assert client_for(management).get("/memoranda/mcom/").status_code == 404
    assert client_for(officer).get("/memoranda/mcom/").status_code == 200


# -- dormancy ----------------------------------------------------------------------------------


def test_the_dormancy_page_says_who_to_nudge_and_nudges_once_a_day(
    client_for, coordinator, academic, management, memo_factory
):
    old = datetime.date.today() - datetime.timedelta(days=400)
    memo = set_dates(
        memo_factory(status=Status.ACTIVE, title="Sleeping MoU"), start=old, last_activity=old
    )
    page = client_for(coordinator).get("/memoranda/health/").content.decode()
    assert "Sleeping MoU" in page and academic.email in page and coordinator.email in page
    assert "Kulliyyah of Engineering" in page
    client = client_for(coordinator)
    client.post(f"/memoranda/{memo.pk}/nudge/", {"next": "https://evil.example/"})
    resp = client.post(f"/memoranda/{memo.pk}/nudge/", {"next": "/memoranda/health/"})
    assert resp["Location"] == "/memoranda/health/"
    assert Notification.objects.filter(recipient=academic, kind="agreements.reminder").count() == 1
    assert client_for(management).get("/memoranda/health/").status_code == 200
    rows = client_for(management).get("/memoranda/health/?export=csv").content.decode()
    assert "Sleeping MoU" in rows and academic.email in rows


def test_my_work_and_the_partner_page_show_memoranda(
    client_for, committee, coordinator, academic, partner_user, org_acme, memo_factory
):
    memo_factory(status=Status.AWAITING_MCOM, title="For the committee")
    old = datetime.date.today() - datetime.timedelta(days=400)
    set_dates(memo_factory(status=Status.ACTIVE, title="Quiet one"), start=old)
    memo_factory(title="My own draft")
    assert "For the committee" in client_for(committee).get("/my-work/").content.decode()
    page = client_for(coordinator).get("/my-work/").content.decode()
    assert "Quiet one" in page and 'data-panel="agreements.attention"' in page
    assert "My own draft" in client_for(academic).get("/my-work/").content.decode()
    page = client_for(partner_user).get(f"/partners/{org_acme.pk}/").content.decode()
    assert 'data-panel="agreements.memoranda"' in page and "Quiet one" in page
    assert "For the committee" in page  # its organisation is a party


# -- types -------------------------------------------------------------------------------------


def test_only_oil_admins_manage_types(client_for, oil_admin, officer):
    assert client_for(officer).get("/memoranda/types/").status_code == 403
    client = client_for(oil_admin)
    resp = client.post(
        "/memoranda/types/new/",
        {
            "code": "mta",
            "name": "Material Transfer Agreement",
            "abbreviation": "MTA",
            "order": 200,
            "is_active": "on",
        },
    )
    assert resp.status_code == 302
    mta = MemorandumType.objects.get(code="mta")
    assert mta.needs_committee is False
    client.post(
        f"/memoranda/types/{mta.pk}/edit/",
        {
            "code": "mta",
            "name": "Material Transfer Agreement",
            "abbreviation": "MTA",
            "order": 200,
            "is_active": "on",
            "needs_committee": "on",
        },
    )
    mta.refresh_from_db()
    assert mta.needs_committee is True
    assert "Material Transfer Agreement" in client.get("/memoranda/types/").content.decode()


def test_messages_are_shown(client_for, academic, world):
    resp = client_for(academic).post(f"/memoranda/{world['memo'].pk}/step/submit/")
    msgs = [str(m) for m in get_messages(resp.wsgi_request)]
    assert any("now Submitted" in m for m in msgs)
