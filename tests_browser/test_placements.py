"""A placement from posting to the final evaluation, in the browser, checking at each step
what the partner, the officer, the student and the industry supervisor see.

The student finds the opening in their recommended openings (ranked by fit through the
matching engine, with the reasons), and the partner sees the applicants ranked by fit.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.partners.services import organisation_create
from jalinan.placements import services
from jalinan.placements.models import Programme, RubricCriterion
from tests_browser.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(db):
    # The flushed database of an earlier test must not leave its in-memory index behind.
    MemoryBackend.reset()
    eng = Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    mct = Programme.objects.create(code="beng-mct", name="BEng Mechatronics", unit=eng)
    org = organisation_create(by=None, legal_name="Hijrah Robotics Sdn. Bhd.", org_type="startup")
    people = {
        "partner": user_create(
            email="pat@hijrah.test",
            full_name="Pat Partner",
            password=PASSWORD,
            roles=[Role.PARTNER],
            organisation=org,
        ),
        "officer": user_create(
            email="omar@uni.test", full_name="Omar Officer", password=PASSWORD,
            roles=[Role.OIL_OFFICER],
        ),
        "student": user_create(
            email="siti@uni.test", full_name="Siti Student", password=PASSWORD,
            roles=[Role.STUDENT], unit=eng,
        ),
    }  # fmt: skip
    services.profiles.student_profile_save(
        user=people["student"],
        by=people["student"],
        programme=mct,
        year_of_study=3,
        cgpa=Decimal("3.82"),
        skills=["ROS", "Python"],
        consent_to_share=False,
        shared_fields=["programme", "year"],
    )
    # Transactional tests flush the database between tests, taking the migrations' default
    # rubric with it: put a rubric back when it is gone.
    if not RubricCriterion.objects.exists():
        for order, name in enumerate(["Technical skills", "Communication", "Teamwork"]):
            services.evaluations.rubric_criterion_create(
                by=people["officer"], name=name, stage="both", weight=1, max_score=5,
                order=order, is_active=True, name_ms="", description="", description_ms="",
            )  # fmt: skip
    return people


def sign_in(browser, live_server, user):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    return page


def day(n):
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def snap(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_from_posting_to_the_final_evaluation(browser, live_server, cast):
    base = live_server.url
    partner = sign_in(browser, live_server, cast["partner"])
    officer = sign_in(browser, live_server, cast["officer"])
    student = sign_in(browser, live_server, cast["student"])

    # 1. The partner (not vetted yet) posts an opening: it waits for an officer.
    partner.get_by_role("link", name="Placements", exact=True).click()
    partner.get_by_role("link", name=re.compile("Post an opening")).click()
    snap(partner, "placements-00-form")
    partner.get_by_label(re.compile(r"^Title")).fill("Robot vision intern")
    partner.get_by_label("Kind").select_option("internship")
    partner.get_by_label("Description").fill("Teach our pick-and-place robots to see.")
    partner.get_by_label("Skills wanted").fill("Python, OpenCV, ROS")
    partner.get_by_label("Programmes eligible").select_option(label="BEng Mechatronics")
    partner.get_by_label("From year of study").fill("2")
    partner.get_by_label("To year of study").fill("4")
    partner.get_by_label("Starts on").fill(day(60))
    partner.get_by_label("Ends on").fill(day(150))
    partner.get_by_label("Application deadline").fill(day(30))
    partner.get_by_label("Places").fill("1")
    partner.get_by_role("button", name="Save").click()
    expect(partner.get_by_test_id("opening-status")).to_have_text("Waiting for approval")
    opening_url = partner.url
    snap(partner, "placements-01-partner-posted")

    student.goto(f"{base}/placements/eligible/")
    expect(student.get_by_text("No opening fits your programme and year")).to_be_visible()
    assert student.goto(opening_url).status == 404  # students do not see it yet

    # 2. The officer checks and publishes it.
    officer.goto(f"{base}/my-work/")
    officer.get_by_role("link", name="Robot vision intern").click()
    expect(officer.get_by_role("heading", name="Approve this opening")).to_be_visible()
    officer.get_by_role("button", name="Approve and publish").click()
    expect(officer.get_by_test_id("opening-status")).to_have_text("Published")
    partner.reload()
    expect(partner.get_by_test_id("opening-status")).to_have_text("Published")

    # 3. The student finds it in the recommended openings, with why it fits, and applies
    # without consenting to share the whole profile.
    student.goto(f"{base}/placements/")
    student.get_by_role("link", name="Recommended openings").click()
    expect(student.get_by_role("heading", name="Recommended openings")).to_be_visible()
    card = student.get_by_test_id("recommended-opening").filter(has_text="Robot vision intern")
    expect(card).to_be_visible()
    reasons = card.get_by_test_id("fit-reasons")
    expect(reasons).to_contain_text("Your skills it asks for:")
    expect(reasons).to_contain_text("ROS")
    expect(reasons).to_contain_text("Python")
    snap(student, "placements-02-student-eligible")
    card.get_by_role("link", name="Robot vision intern").click()
    expect(student.get_by_text("You are eligible for this opening.")).to_be_visible()
    student.get_by_role("link", name="Apply").click()
    expect(student.get_by_label(re.compile("I consent to Hijrah Robotics"))).not_to_be_checked()
    student.get_by_label("Cover note").fill("I built a vision-guided sorter for my FYP.")
    student.get_by_role("button", name="Send my application").click()
    expect(student.get_by_test_id("application-status")).to_have_text("Submitted")

    # The partner sees the applicant, ranked by fit, with only what she chose to share (no
    # CGPA, and no reasons drawn from her skills, which she does not share).
    partner.goto(opening_url)
    expect(partner.get_by_role("heading", name="Applicants ranked by fit")).to_be_visible()
    row = partner.get_by_test_id("applicant-row").filter(has_text="Siti Student")
    expect(row).to_contain_text("From a programme the opening names")
    expect(row).not_to_contain_text("ROS")
    partner.get_by_role("link", name="Siti Student").click()
    profile = partner.get_by_test_id("applicant-profile")
    expect(profile).to_contain_text("BEng Mechatronics")
    expect(profile).not_to_contain_text("3.82")
    expect(partner.get_by_test_id("cgpa")).to_have_count(0)
    application_url = partner.url

    # 4. Shortlist, then offer; the student is told each time.
    partner.get_by_label("Message to the student (optional)").fill("We liked your FYP.")
    partner.get_by_role("button", name="Shortlist").click()
    expect(partner.get_by_test_id("application-status")).to_have_text("Shortlisted")
    student.goto(application_url)
    expect(student.get_by_test_id("application-status")).to_have_text("Shortlisted")
    expect(student.get_by_text("We liked your FYP.")).to_be_visible()
    expect(student.get_by_role("button", name="Shortlist")).to_have_count(0)
    partner.get_by_role("button", name="Make an offer").click()
    expect(partner.get_by_test_id("application-status")).to_have_text("Offered")
    student.goto(f"{base}/core/notifications/")
    expect(student.get_by_text(re.compile("offers you Robot vision intern"))).to_be_visible()

    # 5. The student accepts: the placement exists for both sides.
    student.goto(application_url)
    expect(partner.get_by_role("button", name="Accept the offer")).to_have_count(0)
    student.get_by_role("button", name="Accept the offer").click()
    expect(student.get_by_test_id("placement-status")).to_have_text("In progress")
    placement_url = student.url
    snap(student, "placements-03-student-placement")

    # 6. The partner names the industry supervisor and e-mails the final evaluation link.
    partner.goto(placement_url)
    partner.get_by_role("link", name="Edit").click()
    partner.get_by_label("Industry supervisor", exact=True).fill("Chen Siew Lan")
    partner.get_by_label("Industry supervisor's e-mail").fill("siewlan@hijrah.test")
    partner.get_by_role("button", name="Save").click()
    expect(partner.get_by_test_id("industry-supervisor")).to_contain_text("Chen Siew Lan")
    mail.outbox.clear()
    final = partner.get_by_test_id("evaluation-final")
    final.get_by_role("button", name=re.compile("E-mail the link")).click()
    expect(partner.get_by_test_id("evaluation-final")).to_contain_text("Link sent to")
    to_supervisor = [m for m in mail.outbox if m.to == ["siewlan@hijrah.test"]]
    assert len(to_supervisor) == 1
    link = re.search(r"https?://\S+/placements/evaluate/\S+/", to_supervisor[0].body).group(0)
    path = link.split("/placements/", 1)[1]

    # 7. The supervisor, without an account, submits the final evaluation through the link.
    supervisor = browser.new_context().new_page()
    supervisor.goto(f"{base}/placements/{path}")
    expect(
        supervisor.get_by_role("heading", name=re.compile("Final evaluation of Siti"))
    ).to_be_visible()
    for radio in supervisor.get_by_role("radio", name="4", exact=True).all():
        radio.check()
    supervisor.get_by_label("The student's strengths").fill("Careful and curious.")
    supervisor.get_by_role("button", name="Submit the evaluation").click()
    snap(supervisor, "placements-04-supervisor-submitted")
    expect(supervisor.get_by_text(re.compile("was received"))).to_be_visible()
    snap(supervisor, "placements-04-supervisor-done")
    # The link is spent.
    supervisor.goto(f"{base}/placements/{path}")
    expect(supervisor.get_by_test_id("link-state")).to_contain_text("already submitted")

    # What each side sees now: the partner the scores, the student only that it came in.
    partner.goto(placement_url)
    expect(partner.get_by_test_id("placement-status")).to_have_text("Completed")
    expect(partner.get_by_test_id("evaluation-percent")).to_have_text("80.0%")
    student.goto(placement_url)
    expect(student.get_by_test_id("evaluation-final")).to_contain_text("Submitted by Chen Siew Lan")
    expect(student.get_by_test_id("evaluation-percent")).to_have_count(0)
    officer.goto(placement_url)
    expect(officer.get_by_test_id("evaluation-percent")).to_have_text("80.0%")
    snap(officer, "placements-05-officer-sees-evaluation")
