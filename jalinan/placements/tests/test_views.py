"""Every page: the outsider gets 404, the roles that must be refused get 403 or 404, and the
pages show what each person may see, with bounded queries."""

import csv
import io

import openpyxl
import pytest

from jalinan.core.models import AuditEntry
from jalinan.placements import services
from jalinan.placements.models import Application, Opening, RubricCriterion

from .factories import make_application, make_opening, make_profile, make_student


@pytest.fixture
def world(running_placement, opening, student, student2, profile, mech):
    entry = services.logbooks.logbook_entry_save(
        placement=running_placement, by=student, week=1, activities="Induction week."
    )
    app2 = make_application(opening, student2, consent=False)
    return {
        "opening": opening.pk,
        "application": app2.pk,
        "placement": running_placement.pk,
        "entry": entry.pk,
        "profile": profile.pk,
        "criterion": RubricCriterion.objects.first().pk,
        "programme": mech.pk,
    }


GETS = [
    "/placements/",
    "/placements/?export=csv",
    "/placements/eligible/",
    "/placements/openings/new/",
    "/placements/openings/{opening}/",
    "/placements/openings/{opening}/edit/",
    "/placements/openings/{opening}/apply/",
    "/placements/applications/",
    "/placements/applications/?export=xlsx",
    "/placements/applications/{application}/",
    "/placements/profile/",
    "/placements/profile/edit/",
    "/placements/students/{profile}/",
    "/placements/students/{profile}/edit/",
    "/placements/students/{profile}/cv/",
    "/placements/students/{profile}/outcome/",
    "/placements/placements/",
    "/placements/placements/?export=csv",
    "/placements/placements/{placement}/",
    "/placements/placements/{placement}/edit/",
    "/placements/placements/{placement}/logbook/",
    "/placements/placements/{placement}/feedback/",
    "/placements/overview/",
    "/placements/overview/?export=csv",
    "/placements/overview/overdue/",
    "/placements/overview/ratings/",
    "/placements/outcomes/",
    "/placements/outcomes/mine/",
    "/placements/settings/rubric/",
    "/placements/settings/rubric/new/",
    "/placements/settings/rubric/{criterion}/edit/",
    "/placements/settings/programmes/",
    "/placements/settings/programmes/new/",
    "/placements/settings/programmes/{programme}/edit/",
]
POSTS = [
    "/placements/openings/{opening}/approve/",
    "/placements/openings/{opening}/reject/",
    "/placements/openings/{opening}/close/",
    "/placements/applications/{application}/move/",
    "/placements/students/{profile}/cv/remove/",
    "/placements/placements/{placement}/evaluation-link/",
    "/placements/logbook/{entry}/review/",
]


def test_the_outsider_gets_404_everywhere(client_for, outsider, world):
    client = client_for(outsider)
    for url in GETS:
        assert client.get(url.format(**world)).status_code == 404, url
    for url in POSTS:
        assert client.post(url.format(**world), {"to": "shortlisted"}).status_code == 404, url
    assert Application.objects.get(pk=world["application"]).status == "submitted"


def test_a_pending_partner_user_gets_404(client_for, partner_user, world):
    partner_user.approval_status = "pending"
    partner_user.save()
    client = client_for(partner_user)
    for url in ("/placements/", "/placements/openings/{opening}/", "/placements/placements/"):
        assert client.get(url.format(**world)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    resp = client.get("/placements/placements/{placement}/".format(**world))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


REFUSED = [
    # (who, method, url, status)
    ("student", "get", "/placements/openings/new/", 403),
    ("academic", "get", "/placements/openings/new/", 403),
    ("student", "get", "/placements/openings/{opening}/edit/", 403),
    ("other_partner", "get", "/placements/openings/{opening}/", 404),
    ("other_partner", "get", "/placements/openings/{opening}/edit/", 404),
    ("partner_user", "post", "/placements/openings/{opening}/approve/", 403),
    ("student", "post", "/placements/openings/{opening}/close/", 403),
    ("partner_user", "get", "/placements/openings/{opening}/apply/", 403),
    ("academic", "get", "/placements/openings/{opening}/apply/", 403),
    ("partner_user", "get", "/placements/eligible/", 403),
    ("other_partner", "get", "/placements/applications/{application}/", 404),
    ("academic", "get", "/placements/applications/{application}/", 404),
    ("student", "get", "/placements/applications/{application}/", 404),
    ("other_partner", "post", "/placements/applications/{application}/move/", 404),
    ("coordinator", "post", "/placements/applications/{application}/move/", 403),
    ("other_partner", "get", "/placements/students/{profile}/", 404),
    ("management", "get", "/placements/students/{profile}/", 404),
    ("partner_user", "get", "/placements/students/{profile}/edit/", 403),
    ("coordinator", "get", "/placements/students/{profile}/edit/", 403),
    ("partner_user", "get", "/placements/profile/", 403),
    ("other_partner", "get", "/placements/placements/{placement}/", 404),
    ("management", "get", "/placements/placements/{placement}/", 404),
    ("student", "get", "/placements/placements/{placement}/edit/", 403),
    ("academic", "get", "/placements/placements/{placement}/edit/", 403),
    ("partner_user", "get", "/placements/placements/{placement}/logbook/", 403),
    ("academic", "get", "/placements/placements/{placement}/logbook/", 403),
    ("partner_user", "get", "/placements/placements/{placement}/feedback/", 403),
    ("coordinator", "get", "/placements/placements/{placement}/feedback/", 403),
    ("student", "post", "/placements/placements/{placement}/evaluation-link/", 403),
    ("student", "post", "/placements/logbook/{entry}/review/", 403),
    ("partner_user", "post", "/placements/logbook/{entry}/review/", 403),
    ("student", "get", "/placements/overview/", 403),
    ("partner_user", "get", "/placements/overview/overdue/", 403),
    ("academic", "get", "/placements/overview/ratings/", 403),
    ("student", "get", "/placements/outcomes/", 403),
    ("partner_user", "get", "/placements/outcomes/", 403),
    ("partner_user", "get", "/placements/outcomes/mine/", 403),
    ("partner_user", "get", "/placements/students/{profile}/outcome/", 403),
    ("coordinator", "get", "/placements/settings/rubric/", 403),
    ("coordinator", "get", "/placements/settings/programmes/new/", 403),
    ("student", "get", "/placements/settings/rubric/{criterion}/edit/", 403),
]


@pytest.mark.parametrize("who, method, url, status", REFUSED)
def test_refused_roles(
    request, client_for, world, management, other_partner, who, method, url, status
):
    client = client_for(request.getfixturevalue(who))
    resp = getattr(client, method)(
        url.format(**world), {"to": "shortlisted"} if method == "post" else None
    )
    assert resp.status_code == status


def test_the_office_reaches_every_page(client_for, officer, world):
    client = client_for(officer)
    for url in GETS:
        if url in (
            "/placements/eligible/",
            "/placements/profile/",
            "/placements/profile/edit/",
            "/placements/outcomes/mine/",
            "/placements/placements/{placement}/logbook/",
            "/placements/placements/{placement}/feedback/",
            "/placements/openings/{opening}/apply/",
        ):
            assert client.get(url.format(**world)).status_code == 403, url
            continue
        if url.endswith("/cv/"):
            continue  # no CV uploaded in this world
        assert client.get(url.format(**world)).status_code == 200, url


# -- what each sees ---------------------------------------------------------------------------


def test_a_student_sees_published_openings_only(
    client_for, student, profile, org_acme, partner_user, opening
):
    pending = make_opening(org_acme, partner_user, title="Secret pending opening")
    html = client_for(student).get("/placements/").content.decode()
    assert "Robotics intern" in html and "Secret pending opening" not in html
    assert client_for(student).get(pending.get_absolute_url()).status_code == 404


def test_a_partner_sees_its_own_openings_only(client_for, partner_user, opening, other_opening):
    html = client_for(partner_user).get("/placements/").content.decode()
    assert "Robotics intern" in html and "Timber analyst" not in html


def test_the_student_finds_a_recommended_opening_and_applies(client_for, student, profile, opening):
    client = client_for(student)
    html = client.get("/placements/eligible/").content.decode()
    assert 'data-testid="recommended-opening"' in html and "Robotics intern" in html
    assert "Recommended openings" in html and ">Python</span>" in html  # a reason
    page = client.get(opening.get_absolute_url()).content.decode()
    assert "You are eligible for this opening." in page
    form = client.get(f"/placements/openings/{opening.pk}/apply/").content.decode()
    assert "I consent to Acme Robotics Sdn. Bhd. seeing my placement profile" in form
    resp = client.post(
        f"/placements/openings/{opening.pk}/apply/", {"cover_note": "", "consent_to_share": "on"}
    )
    assert resp.status_code == 200 and 'id="id_cover_note_error"' in resp.content.decode()
    resp = client.post(
        f"/placements/openings/{opening.pk}/apply/",
        {"cover_note": "I build robots.", "consent_to_share": "on"},
    )
    application = Application.objects.get(opening=opening, student=student)
    assert resp.status_code == 302 and resp["Location"] == application.get_absolute_url()
    assert application.consent_to_share and application.consent_at
    html = client.get("/placements/eligible/").content.decode()
    assert ">Applied<" in html


def test_the_opening_page_says_why_a_student_may_not_apply(
    client_for, student, opening, ict_programme
):
    make_profile(student, ict_programme)
    html = client_for(student).get(opening.get_absolute_url()).content.decode()
    assert (
        'data-testid="eligibility-problems"' in html
        and "your programme is Bachelor of Information Technology" in html
    )
    resp = client_for(student).post(
        f"/placements/openings/{opening.pk}/apply/",
        {"cover_note": "Please", "consent_to_share": "on"},
    )
    assert resp.status_code == 200 and not Application.objects.exists()


def test_the_partner_moves_an_application_through_the_page(
    client_for, partner_user, application, student
):
    client = client_for(partner_user)
    html = client.get(application.get_absolute_url()).content.decode()
    assert 'value="shortlisted"' in html and 'value="accepted"' not in html
    resp = client.post(
        f"/placements/applications/{application.pk}/move/", {"to": "shortlisted", "note": "See you"}
    )
    assert resp.status_code == 302
    application.refresh_from_db()
    assert application.status == "shortlisted" and application.last_note == "See you"
    # The student sees the message and no partner buttons.
    html = client_for(student).get(application.get_absolute_url()).content.decode()
    assert "See you" in html and 'value="interview"' not in html and 'value="withdrawn"' in html


def test_an_officer_approves_a_pending_opening_on_its_page(
    client_for, officer, partner_user, org_acme
):
    opening = make_opening(org_acme, partner_user)
    client = client_for(officer)
    assert "Approve and publish" in client.get(opening.get_absolute_url()).content.decode()
    client.post(f"/placements/openings/{opening.pk}/approve/", {"note": ""})
    opening.refresh_from_db()
    assert opening.status == "published"
    assert AuditEntry.objects.filter(object_id=str(opening.pk), action="transition").exists()


def test_the_partner_posts_an_opening_through_the_form(client_for, partner_user, mech, org_acme):
    from .factories import today

    data = {
        "kind": "internship",
        "title": "Data intern",
        "description": "Dashboards.",
        "skills": "SQL, Python",
        "programmes": [mech.pk],
        "min_year": 2,
        "max_year": 3,
        "work_mode": "hybrid",
        "state": "KUL",
        "starts_on": today().replace(year=today().year + 1).isoformat(),
        "ends_on": today().replace(year=today().year + 1, day=28).isoformat(),
        "places": 1,
        "deadline": today().isoformat(),
        "organisation": 999,  # ignored: a partner posts for its own organisation
        "memorandum": 5,  # ignored: the office links memoranda
    }
    resp = client_for(partner_user).post("/placements/openings/new/", data)
    opening = Opening.objects.get(title="Data intern")
    assert resp.status_code == 302 and opening.organisation == org_acme
    assert opening.skills == ["SQL", "Python"] and opening.memorandum_id is None
    assert opening.status == "pending"
    bad = client_for(partner_user).post(
        "/placements/openings/new/", {**data, "title": "", "ends_on": "2000-01-01"}
    )
    html = bad.content.decode()
    assert (
        bad.status_code == 200 and 'id="id_title_error"' in html and 'value="SQL, Python"' in html
    )


def test_the_academic_reviews_a_week(client_for, academic, world, student):
    client = client_for(academic)
    html = client.get("/placements/placements/{placement}/".format(**world)).content.decode()
    assert "Induction week." in html and "Save review" in html
    client.post(
        "/placements/logbook/{entry}/review/".format(**world),
        {"decision": "returned", "comment": "More detail"},
    )
    html = (
        client_for(student)
        .get("/placements/placements/{placement}/".format(**world))
        .content.decode()
    )
    assert "Returned for revision" in html and "More detail" in html


def test_the_student_writes_the_logbook(client_for, student, running_placement):
    client = client_for(student)
    resp = client.post(
        f"/placements/placements/{running_placement.pk}/logbook/",
        {"week": 2, "activities": "Wired the gripper.", "learning": "Torque", "hours": 40},
    )
    assert resp.status_code == 302
    entry = running_placement.logbook_entries.get(week=2)
    assert entry.activities == "Wired the gripper." and entry.hours == 40
    future = client.post(
        f"/placements/placements/{running_placement.pk}/logbook/", {"week": 12, "activities": "x"}
    )
    assert (
        future.status_code == 200 and not running_placement.logbook_entries.filter(week=12).exists()
    )


def test_the_partner_names_the_industry_supervisor_only(
    client_for, partner_user, placement, academic
):
    client = client_for(partner_user)
    html = client.get(f"/placements/placements/{placement.pk}/edit/").content.decode()
    assert "industry_supervisor_email" in html and "academic_supervisor" not in html
    client.post(
        f"/placements/placements/{placement.pk}/edit/",
        {
            "industry_supervisor_name": "Tan",
            "industry_supervisor_email": "tan@acme.test",
            "status": "cancelled",
        },
    )
    placement.refresh_from_db()
    assert placement.industry_supervisor_name == "Tan" and placement.status == "active"


def test_the_coordinator_assigns_the_academic_supervisor(
    client_for, coordinator, placement, ip_committee
):
    from jalinan.core.models import Notification

    client = client_for(coordinator)
    resp = client.post(
        f"/placements/placements/{placement.pk}/edit/",
        {
            "industry_supervisor_name": "Lim Wei",
            "industry_supervisor_email": "lim.wei@acme.test",
            "academic_supervisor": ip_committee.pk,
            "starts_on": placement.starts_on.isoformat(),
            "ends_on": placement.ends_on.isoformat(),
            "status": "active",
        },
    )
    assert resp.status_code == 302
    placement.refresh_from_db()
    assert placement.academic_supervisor == ip_committee
    assert Notification.objects.filter(
        recipient=ip_committee, title__contains="You supervise"
    ).exists()


def test_the_student_rates_the_placement(client_for, student, placement, coordinator, partner_user):
    resp = client_for(student).post(
        f"/placements/placements/{placement.pk}/feedback/",
        {
            "rating": 4,
            "supervision_rating": 5,
            "learning_rating": 4,
            "would_recommend": "on",
            "comments": "Kind team",
        },
    )
    assert resp.status_code == 302
    assert "Kind team" in client_for(coordinator).get(placement.get_absolute_url()).content.decode()
    assert (
        "Kind team"
        not in client_for(partner_user).get(placement.get_absolute_url()).content.decode()
    )
    html = client_for(coordinator).get("/placements/overview/ratings/").content.decode()
    assert "Acme Robotics Sdn. Bhd." in html and "4.0" in html


# -- lists: query counts and exports of visible rows only -----------------------------------


@pytest.fixture
def many(org_acme, org_other, officer, unit_eng, mech, partner_user, other_partner):
    for i in range(6):
        make_opening(org_acme if i % 2 else org_other, officer, title=f"Opening {i}")
    openings = list(Opening.objects.all())
    for i in range(8):
        s = make_student(f"bulk{i}@uni.test", f"Bulk Student {i}", unit_eng)
        make_profile(s, mech, consent=bool(i % 2), shared=["programme", "year"])
        make_application(openings[i % len(openings)], s, consent=bool(i % 2))


@pytest.mark.parametrize(
    "url",
    [
        "/placements/",
        "/placements/applications/",
        "/placements/placements/",
        "/placements/overview/",
        "/placements/overview/overdue/",
        "/placements/overview/ratings/",
        "/placements/outcomes/",
    ],
)
def test_list_pages_keep_their_queries_bounded(
    client_for, officer, many, url, django_assert_max_num_queries
):
    client = client_for(officer)
    client.get(url)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["partner_user", "student", "coordinator"])
def test_lists_for_other_roles_stay_bounded(
    request, client_for, many, who, django_assert_max_num_queries
):
    client = client_for(request.getfixturevalue(who))
    for url in ("/placements/", "/placements/applications/", "/placements/placements/"):
        client.get(url)
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200


def rows_of(resp):
    text = resp.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_exports_hold_only_visible_rows(client_for, partner_user, many):
    rows = rows_of(client_for(partner_user).get("/placements/applications/?export=csv"))
    header, body = rows[0], rows[1:]
    assert body and all(r[header.index("Organisation")] == "Acme Robotics Sdn. Bhd." for r in body)
    # CGPA only for those who consented; programme shared by all.
    for r in body:
        consent = r[header.index("Consent to share")] == "yes"
        assert bool(r[header.index("CGPA")]) is consent
        assert r[header.index("Programme")] == "BEng Mechanical Engineering"
    openings = rows_of(client_for(partner_user).get("/placements/?export=csv"))
    assert {r[2] for r in openings[1:]} == {"Acme Robotics Sdn. Bhd."}


def test_xlsx_export(client_for, officer, many):
    resp = client_for(officer).get("/placements/applications/?export=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert book.active.max_row == 9  # header + 8 applications


def test_coordinators_see_their_units_students_only(
    client_for, coordinator, unit_ict, ict_programme, many, opening
):
    outside = make_student("ict@uni.test", "Ict Student", unit_ict)
    make_profile(outside, ict_programme)
    make_application(Opening.objects.get(title="Opening 0"), outside)
    rows = rows_of(client_for(coordinator).get("/placements/applications/?export=csv"))
    names = {r[1] for r in rows[1:]}
    assert "Ict Student" not in names and "Bulk Student 0" in names
    # Never a CGPA for a coordinator.
    assert all(r[5] == "" for r in rows[1:])
    needing = rows_of(client_for(coordinator).get("/placements/overview/?export=csv"))
    assert "Ict Student" not in {r[0] for r in needing[1:]} and "Bulk Student 1" in {
        r[0] for r in needing[1:]
    }
