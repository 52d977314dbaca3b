"""Pages, exports and the API of disclosures and the IP portfolio: who sees what, and the
disclosure form (errors next to the field, what was typed kept).

Disclosures are confidential: the inventors, OIL and the IP committee see them; another
academic, a student who is not an inventor, a coordinator, a partner user and the outsider get
404 on every page, export and API endpoint.
"""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from jalinan.accounts.models import ApiToken
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.core.models import Notification
from jalinan.technologies.choices import DisclosureStatus
from jalinan.technologies.models import Deadline, Disclosure
from jalinan.technologies.services.disclosures import NOTIFY_SUBMITTED, disclosure_start_assessment

from .factories import DISCLOSURE_FIELDS, PASSWORD

REFUSED = ["other_academic", "other_student", "coordinator", "partner_user", "outsider"]
API = "/api/v1/technologies"


@pytest.fixture
def other_student(db, unit_eng):
    return user_create(
        email="other.student@uni.test",
        full_name="Sam Bystander",
        password=PASSWORD,
        roles=[Role.STUDENT],
        unit=unit_eng,
    )


@pytest.fixture
def person(request):
    """The cast member named by the test's ``who`` parameter."""
    return request.getfixturevalue(request.node.callspec.params["who"])


def _bearer(user):
    raw, hashed = ApiToken.new_token()
    ApiToken.objects.create(user=user, name="t", token_hash=hashed, hint=raw[:8])
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# --- who sees a disclosure -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("academic", 200),
        ("student", 200),
        ("officer", 200),
        ("ip_committee", 200),
        *[(name, 404) for name in REFUSED],
    ],
)
def test_who_sees_a_received_disclosure(client_for, received_disclosure, who, person, status):
    r = client_for(person).get(received_disclosure.get_absolute_url())
    assert r.status_code == status
    if status == 200:
        html = r.content.decode()
        assert DISCLOSURE_FIELDS["novelty"] in html and "60%" in html and "40%" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("academic", 200), ("officer", 200), ("ip_committee", 404), ("outsider", 404)],
)
def test_a_draft_is_not_yet_the_committees(client_for, draft_disclosure, who, person, status):
    assert client_for(person).get(draft_disclosure.get_absolute_url()).status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(client, received_disclosure):
    r = client.get(received_disclosure.get_absolute_url())
    assert r.status_code == 302 and "login" in r["Location"]
    assert client.get(reverse("technologies:disclosure_queue")).status_code == 302


@pytest.mark.parametrize(
    ("who", "status"),
    [("academic", 200), ("student", 200), ("officer", 200), *[(n, 404) for n in REFUSED]],
)
def test_who_may_open_the_edit_form(client_for, draft_disclosure, who, person, status):
    url = reverse("technologies:disclosure_update", args=[draft_disclosure.pk])
    assert client_for(person).get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("academic", 403), ("ip_committee", 403), ("officer", 200), ("outsider", 404)],
)
def test_once_received_only_oil_edits(client_for, received_disclosure, who, person, status):
    url = reverse("technologies:disclosure_update", args=[received_disclosure.pk])
    assert client_for(person).get(url).status_code == status


def test_my_disclosures_lists_mine_only(client_for, draft_disclosure, academic, other_academic):
    url = reverse("technologies:disclosure_list")
    html = client_for(academic).get(url).content.decode()
    assert DISCLOSURE_FIELDS["title"] in html and draft_disclosure.reference in html
    r = client_for(other_academic).get(url)
    assert r.status_code == 200 and DISCLOSURE_FIELDS["title"] not in r.content.decode()


@pytest.mark.parametrize("who", ["partner_user", "outsider", "other_student"])
def test_my_disclosures_is_not_for_partners_students_or_outsiders(client_for, who, person):
    url = reverse("technologies:disclosure_list")
    assert client_for(person).get(url).status_code == 404
    assert client_for(person).get(url, {"export": "csv"}).status_code == 404


def test_my_disclosures_export_has_mine_only(
    client_for, received_disclosure, academic, other_academic
):
    url = reverse("technologies:disclosure_list")
    page = client_for(academic).get(url).content.decode()
    assert "export=csv" in page and "export=xlsx" in page
    rows = _csv(client_for(academic).get(url, {"export": "csv"}))
    assert rows[0][:3] == ["Reference", "Title", "Status"]
    assert rows[1:] and [r[:3] for r in rows[1:]] == [
        [received_disclosure.reference, DISCLOSURE_FIELDS["title"], "Received"]
    ]
    assert len(_csv(client_for(other_academic).get(url, {"export": "csv"}))) == 1  # header only
    xlsx = client_for(academic).get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


# --- the review pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 200), ("ip_committee", 200), ("academic", 404), *[(n, 404) for n in REFUSED]],
)
def test_the_review_queue_and_its_export(client_for, received_disclosure, who, person, status):
    client = client_for(person)
    url = reverse("technologies:disclosure_queue")
    r = client.get(url)
    assert r.status_code == status
    export = client.get(url, {"export": "csv"})
    assert export.status_code == status
    if status == 200:
        assert received_disclosure.reference in r.content.decode()
        rows = _csv(export)
        assert rows[0][:3] == ["Reference", "Title", "Status"]
        ref = received_disclosure.reference
        assert rows[1][:3] == [ref, DISCLOSURE_FIELDS["title"], "Received"]
        assert rows[1][5] == "Dr Amina Academic (60.00%); Siti Student (40.00%)"
        assert len(rows) == 2


def test_the_queue_export_leaves_out_other_peoples_drafts_for_the_committee(
    client_for, draft_disclosure, ip_committee
):
    export = client_for(ip_committee).get(
        reverse("technologies:disclosure_queue"), {"status": "draft", "export": "csv"}
    )
    assert len(_csv(export)) == 1  # the header only


def test_the_queue_does_not_grow_queries_with_rows(
    client_for, officer, academic, student, received_disclosure, django_assert_max_num_queries
):
    from jalinan.technologies.services.disclosures import disclosure_create, disclosure_submit

    from .factories import inventors_of

    client = client_for(officer)
    url = reverse("technologies:disclosure_queue")
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for n in range(5):
        d = disclosure_create(
            by=academic,
            inventors=inventors_of(academic, student),
            **{**DISCLOSURE_FIELDS, "title": f"Kit {n}"},
        )
        disclosure_submit(disclosure=d, by=academic, quiet=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        r = client.get(url)
    assert "6 disclosures" in r.content.decode()


def test_officer_runs_the_review_through_the_pages(
    client_for,
    officer,
    received_disclosure,
    academic,
    student,
    django_capture_on_commit_callbacks,
):
    client = client_for(officer)
    pk = received_disclosure.pk
    r = client.post(reverse("technologies:disclosure_start_assessment", args=[pk]), follow=True)
    assert "The assessment has started." in r.content.decode()
    assert Disclosure.objects.get(pk=pk).status == DisclosureStatus.ASSESSMENT

    decide = reverse("technologies:disclosure_decide", args=[pk])
    r = client.post(decide, {"decision": "publish", "reasons": "   "})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="id_reasons_error"' in html and "This field is required." in html
    assert '<option value="publish" selected>' in html
    assert Disclosure.objects.get(pk=pk).status == DisclosureStatus.ASSESSMENT

    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            decide, {"decision": "publish", "reasons": "Publish: no market."}, follow=True
        )
    assert "The decision was recorded; the inventors are told." in r.content.decode()
    assert "Publish: no market." in r.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [academic.email, student.email]


@pytest.mark.parametrize(
    ("who", "status"), [("academic", 403), ("student", 403), ("officer", 302), ("outsider", 404)]
)
def test_who_may_start_the_assessment(client_for, received_disclosure, who, person, status):
    url = reverse("technologies:disclosure_start_assessment", args=[received_disclosure.pk])
    assert client_for(person).post(url).status_code == status
    moved = Disclosure.objects.get(pk=received_disclosure.pk).status == DisclosureStatus.ASSESSMENT
    assert moved is (status == 302)


@pytest.mark.parametrize(
    ("who", "status"),
    [("academic", 403), ("ip_committee", 200), *[(n, 404) for n in REFUSED]],
)
def test_who_may_decide(client_for, officer, received_disclosure, who, person, status):
    disclosure_start_assessment(disclosure=received_disclosure, by=officer)
    url = reverse("technologies:disclosure_decide", args=[received_disclosure.pk])
    client = client_for(person)
    assert client.get(url).status_code == status
    r = client.post(url, {"decision": "protect", "reasons": "Yes."})
    assert r.status_code == (302 if status == 200 else status)


@pytest.mark.parametrize(("who", "status"), [("student", 302), ("outsider", 404)])
def test_submit_from_the_page(client_for, officer, draft_disclosure, who, person, status):
    url = reverse("technologies:disclosure_submit", args=[draft_disclosure.pk])
    assert client_for(person).post(url).status_code == status
    received = Disclosure.objects.get(pk=draft_disclosure.pk).status == DisclosureStatus.RECEIVED
    assert received is (status == 302)
    assert Notification.objects.filter(kind=NOTIFY_SUBMITTED).exists() is (status == 302)


# --- the disclosure form -------------------------------------------------------------------


def _form_data(academic, student, *, shares=("60", "40"), public=(), action="save", **fields):
    data = {
        **{k: v for k, v in DISCLOSURE_FIELDS.items()},
        "unit": "",
        "sponsor_obligations": "",
        "action": action,
        "inventors-TOTAL_FORMS": "3",
        "inventors-INITIAL_FORMS": "0",
        "inventors-MIN_NUM_FORMS": "0",
        "inventors-MAX_NUM_FORMS": "30",
        "inventors-0-user": str(academic.pk),
        "inventors-0-share": shares[0],
        "inventors-1-user": str(student.pk),
        "inventors-1-is_student": "on",
        "inventors-1-share": shares[1],
        "inventors-2-user": "",
        "inventors-2-name": "",
        "inventors-2-share": "",
        "public-TOTAL_FORMS": str(len(public) or 1),
        "public-INITIAL_FORMS": "0",
        "public-MIN_NUM_FORMS": "0",
        "public-MAX_NUM_FORMS": "30",
    }
    for n, (kind, day) in enumerate(public):
        data[f"public-{n}-kind"] = kind
        data[f"public-{n}-date"] = day
        data[f"public-{n}-details"] = "ICoHS 2025, Kuala Lumpur"
    data.update(fields)
    return data


def test_the_new_disclosure_form_opens_with_me_at_100_percent(client_for, academic):
    r = client_for(academic).get(reverse("technologies:disclosure_create"))
    assert r.status_code == 200
    html = r.content.decode()
    assert f'<option value="{academic.pk}" selected>' in html
    assert 'name="inventors-0-share" value="100"' in html


@pytest.mark.parametrize("who", ["partner_user", "outsider", "other_student", "coordinator"])
def test_only_academics_and_the_office_disclose(client_for, who, person, academic, student):
    client = client_for(person)
    url = reverse("technologies:disclosure_create")
    assert client.get(url).status_code == 404
    assert client.post(url, _form_data(academic, student)).status_code == 404
    assert not Disclosure.objects.exists()


def test_shares_not_totalling_100_keep_what_was_typed(client_for, academic, student):
    r = client_for(academic).post(
        reverse("technologies:disclosure_create"),
        _form_data(academic, student, shares=("60", "30"), title="Halal strip, v2"),
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Please correct the errors marked below." in html
    assert "The contribution shares must total exactly 100% (they total 90.00%)." in html
    assert 'value="Halal strip, v2"' in html
    assert 'name="inventors-1-share" value="30"' in html
    assert f'<option value="{student.pk}" selected>' in html
    assert not Disclosure.objects.exists()


def test_field_errors_sit_next_to_their_field(client_for, academic, student):
    data = _form_data(
        academic,
        student,
        title="",
        public=[("", "2025-03-15")],
        **{"inventors-2-name": "Encik Rahman"},
    )
    r = client_for(academic).post(reverse("technologies:disclosure_create"), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert (
        '<div class="invalid-feedback d-block" id="id_title_error">This field is required.' in html
    )
    assert (
        '<div class="invalid-feedback d-block" id="id_inventors-2-share_error">'
        "Give this inventor&#x27;s contribution." in html
    )
    assert (
        '<div class="invalid-feedback d-block" id="id_public-0-kind_error">'
        "Say how it was made public." in html
    )
    assert 'name="inventors-2-name" value="Encik Rahman"' in html
    assert 'name="public-0-date" value="2025-03-15"' in html
    assert not Disclosure.objects.exists()


def test_check_the_dates_warns_and_saves_nothing(client_for, academic, student):
    day = datetime.date(2020, 1, 15)
    data = _form_data(academic, student, public=[("talk", day.isoformat())], action="check")
    r = client_for(academic).post(reverse("technologies:disclosure_create"), data)
    assert r.status_code == 200
    html = r.content.decode()
    assert "no longer patentable anywhere" in html
    assert date_format(day) in html
    assert 'name="public-0-date" value="2020-01-15"' in html
    assert not Disclosure.objects.exists()


def test_the_date_check_as_you_type(client_for, academic, outsider, partner_user):
    url = reverse("technologies:disclosure_warnings")
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    r = client_for(academic).get(url, {"public-0-date": future, "public-1-date": "garbage"})
    assert r.status_code == 200 and "is in the future: check the date." in r.content.decode()
    assert client_for(outsider).get(url, {"public-0-date": future}).status_code == 404
    assert client_for(partner_user).get(url, {"public-0-date": future}).status_code == 404


def test_save_and_send_creates_and_submits(
    client_for, academic, student, officer, django_capture_on_commit_callbacks
):
    data = _form_data(academic, student, action="submit", public=[("poster", "2025-03-15")])
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for(academic).post(reverse("technologies:disclosure_create"), data, follow=True)
    disclosure = Disclosure.objects.get()
    assert r.redirect_chain[-1][0] == disclosure.get_absolute_url()
    assert "The disclosure was sent to the office." in r.content.decode()
    assert disclosure.status == DisclosureStatus.RECEIVED
    assert [(i.user, i.share, i.is_student) for i in disclosure.inventors.all()] == [
        (academic, 60, False),
        (student, 40, True),
    ]
    assert disclosure.public_disclosures.get().kind == "poster"
    assert [m.to[0] for m in mail.outbox] == [officer.email]


def test_editing_a_draft_keeps_bad_input_and_changes_nothing(
    client_for, draft_disclosure, academic, student
):
    url = reverse("technologies:disclosure_update", args=[draft_disclosure.pk])
    data = _form_data(academic, student, shares=("70", "40"), title="Renamed")
    r = client_for(academic).post(url, data)
    assert r.status_code == 200
    assert "(they total 110.00%)" in r.content.decode()
    assert 'value="Renamed"' in r.content.decode()
    draft_disclosure.refresh_from_db()
    assert draft_disclosure.title == DISCLOSURE_FIELDS["title"]

    r = client_for(academic).post(url, _form_data(academic, student, shares=("50", "50")))
    assert r.status_code == 302
    assert [i.share for i in draft_disclosure.inventors.all()] == [50, 50]


def test_detail_warnings_count_from_the_first_filing(client_for, officer, patent_asset):
    disclosure = patent_asset.disclosure
    disclosure.public_disclosures.create(kind="talk", date=datetime.date(2020, 6, 1))
    html = client_for(officer).get(disclosure.get_absolute_url()).content.decode()
    # Filed 1 March 2021, within the year after the talk of 1 June 2020.
    assert "is within the 12-month grace period" in html
    assert "no longer patentable anywhere" not in html


# --- the portfolio and deadlines -----------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("academic", 200),
        ("student", 200),
        ("officer", 200),
        ("ip_committee", 200),
        *[(n, 404) for n in REFUSED],
    ],
)
def test_who_sees_the_portfolio_an_asset_and_the_deadlines(
    client_for, patent_asset, who, person, status
):
    client = client_for(person)
    detail = client.get(patent_asset.get_absolute_url())
    assert detail.status_code == status
    portfolio = client.get(reverse("technologies:asset_list"))
    assert portfolio.status_code == status
    assert client.get(reverse("technologies:asset_list"), {"export": "csv"}).status_code == status
    deadlines = reverse("technologies:deadline_list")
    assert client.get(deadlines).status_code == status
    assert client.get(deadlines, {"export": "csv", "days": "3650"}).status_code == status
    if status == 200:
        assert "MY-190001-A" in detail.content.decode()
        assert "PI 2021001234" in portfolio.content.decode()


def test_the_portfolio_export_has_the_next_deadline(client_for, officer, patent_asset):
    rows = _csv(client_for(officer).get(reverse("technologies:asset_list"), {"export": "csv"}))
    assert rows[0][0] == "Reference" and rows[0][-1] == "Next deadline"
    assert rows[1][0] == patent_asset.reference and rows[1][-1] == "2025-03-01"
    assert len(rows) == 2


def test_the_deadlines_export_lists_open_deadlines_by_date(client_for, officer, patent_asset):
    rows = _csv(
        client_for(officer).get(
            reverse("technologies:deadline_list"), {"export": "csv", "days": "3650"}
        )
    )
    assert [r[0] for r in rows[1:]] == ["2025-03-01", "2026-03-01", "2027-03-01"]
    assert {r[3] for r in rows[1:]} == {patent_asset.reference}


def test_an_inventor_sees_only_their_own_assets(client_for, patent_asset, officer, other_academic):
    from jalinan.technologies.services.assets import asset_create

    asset_create(by=officer, kind="trademark", title="Someone else's mark", office="myipo")
    html = (
        client_for(patent_asset.disclosure.submitted_by)
        .get(reverse("technologies:asset_list"))
        .content.decode()
    )
    assert "PI 2021001234" in html and "Someone else&#x27;s mark" not in html


@pytest.mark.parametrize(("who", "status"), [("academic", 403), ("outsider", 404)])
def test_only_oil_marks_a_deadline_done(client_for, patent_asset, who, person, status):
    deadline = patent_asset.deadlines.first()
    url = reverse("technologies:deadline_done", args=[deadline.pk])
    assert client_for(person).post(url, {"done_on": "2025-02-20"}).status_code == status
    assert Deadline.objects.get(pk=deadline.pk).done_on is None


def test_officer_marks_a_deadline_done_and_the_next_fee_appears(client_for, officer, patent_asset):
    deadline = patent_asset.deadlines.get(due_date=datetime.date(2025, 3, 1))
    url = reverse("technologies:deadline_done", args=[deadline.pk])
    r = client_for(officer).post(url, {"done_on": "2025-02-20", "next": "https://evil.test/"})
    assert r.status_code == 302 and r["Location"] == patent_asset.get_absolute_url()
    assert Deadline.objects.get(pk=deadline.pk).done_on == datetime.date(2025, 2, 20)
    assert patent_asset.deadlines.filter(due_date=datetime.date(2028, 3, 1)).exists()


# --- the API -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("academic", 200),
        ("student", 200),
        ("officer", 200),
        ("ip_committee", 200),
        *[(n, 404) for n in REFUSED],
    ],
)
def test_api_disclosure_who_sees_it(client, received_disclosure, who, person, status):
    headers = _bearer(person)
    r = client.get(f"{API}/disclosures/{received_disclosure.pk}", **headers)
    assert r.status_code == status
    listed = client.get(f"{API}/disclosures/", **headers)
    assert listed.status_code == 200
    assert listed.json()["count"] == (1 if status == 200 else 0)
    if status == 200:
        body = r.json()
        assert body["novelty"] == DISCLOSURE_FIELDS["novelty"]
        assert [(i["name"], i["share"]) for i in body["inventors"]] == [
            ("Dr Amina Academic", "60.00"),
            ("Siti Student", "40.00"),
        ]
    else:
        assert DISCLOSURE_FIELDS["title"] not in json.dumps(listed.json())


def test_api_without_a_token_is_refused(client, received_disclosure):
    assert client.get(f"{API}/disclosures/{received_disclosure.pk}").status_code == 401


@pytest.mark.parametrize(
    ("who", "status"),
    [("academic", 200), ("officer", 200), ("ip_committee", 200), *[(n, 404) for n in REFUSED]],
)
def test_api_portfolio_who_sees_it(client, patent_asset, who, person, status):
    headers = _bearer(person)
    assert client.get(f"{API}/assets/{patent_asset.pk}", **headers).status_code == status
    assert client.get(f"{API}/assets/", **headers).status_code == status
    upcoming = client.get(f"{API}/deadlines/upcoming", {"days": 3650}, **headers)
    assert upcoming.status_code == status
    if status == 200:
        assert [d["due_date"] for d in upcoming.json()] == [
            "2025-03-01",
            "2026-03-01",
            "2027-03-01",
        ]


def _api_payload(academic, student, shares=("60", "40"), **extra):
    return {
        **DISCLOSURE_FIELDS,
        "inventors": [
            {"user_id": academic.pk, "share": shares[0]},
            {"user_id": student.pk, "is_student": True, "share": shares[1]},
        ],
        **extra,
    }


def test_api_create_checks_the_shares(client, academic, student):
    headers = _bearer(academic)
    r = client.post(
        f"{API}/disclosures/",
        _api_payload(academic, student, shares=("60", "30")),
        content_type="application/json",
        **headers,
    )
    assert r.status_code == 422
    assert r.json()["errors"]["inventors"] == [
        "The contribution shares must total exactly 100% (they total 90.00%)."
    ]
    assert not Disclosure.objects.exists()

    r = client.post(
        f"{API}/disclosures/",
        _api_payload(academic, student, submit=True),
        content_type="application/json",
        **headers,
    )
    assert r.status_code == 201
    assert r.json()["status"] == "received"


@pytest.mark.parametrize("who", ["partner_user", "outsider"])
def test_api_cannot_make_a_partner_or_outsider_an_inventor(client, academic, who, person):
    r = client.post(
        f"{API}/disclosures/",
        _api_payload(academic, person),
        content_type="application/json",
        **_bearer(academic),
    )
    assert r.status_code == 422
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("who", ["partner_user", "outsider", "other_student"])
def test_api_create_is_not_for_partners_students_or_outsiders(
    client, academic, student, who, person
):
    r = client.post(
        f"{API}/disclosures/",
        _api_payload(academic, student),
        content_type="application/json",
        **_bearer(person),
    )
    assert r.status_code == 404 and not Disclosure.objects.exists()


def test_api_warnings_count_from_the_first_filing_like_the_page(client, officer, patent_asset):
    disclosure = patent_asset.disclosure
    disclosure.public_disclosures.create(kind="talk", date=datetime.date(2020, 6, 1))
    body = client.get(f"{API}/disclosures/{disclosure.pk}", **_bearer(officer)).json()
    assert any("is within the 12-month grace period" in w for w in body["warnings"])
    assert not any("no longer patentable anywhere" in w for w in body["warnings"])
