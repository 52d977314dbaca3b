"""One confidential industry challenge from the partner's draft to a draft memorandum and a
project, in the browser, each step taken by the role that owns it: the partner posts and
submits it, the office publishes it and invites the experts the matching engine ranks, two
invited experts send proposals, the partner reviews them (feedback to the one declined) and
selects the other. At each step the test checks what each party sees, and that an expert who
was not invited cannot open the challenge or its proposals (404)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.services import types_ensure_defaults
from jalinan.challenges.models import Challenge, Proposal
from jalinan.experts import services as experts
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.partners.services import organisation_create
from tests_browser.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    # The flushed database of an earlier test must not leave its in-memory index behind.
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


def _expert(user, *, keywords, biography, publications):
    profile = experts.profile_create(
        user=user, by=user, keywords=keywords, biography=biography, is_public=True
    )
    for title, abstract, year in publications:
        experts.publication_create(
            profile=profile, by=user, title=title, abstract=abstract, year=year
        )
    return profile


@pytest.fixture
def cast(db):
    types_ensure_defaults()  # the test database is flushed between browser tests
    koe = Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    kos = Unit.objects.create(code="kos", name="Kulliyyah of Science", kind="kulliyyah")
    kict = Unit.objects.create(code="kict", name="Kulliyyah of ICT", kind="kulliyyah")
    org = organisation_create(by=None, legal_name="Petrolaut Offshore Sdn. Bhd.", org_type="sme")

    def make(email, name, roles, **extra):
        return user_create(email=email, full_name=name, password=PASSWORD, roles=roles, **extra)

    people = {
        "org": org,
        "partner": make("pat@petrolaut.test", "Pat Partner", [Role.PARTNER], organisation=org),
        "officer": make("omar@uni.test", "Omar Officer", [Role.OIL_OFFICER]),
        "a": make("amina@uni.test", "Dr Amina Anode", [Role.ACADEMIC], unit=koe),
        "b": make("badrul@uni.test", "Dr Badrul Sensor", [Role.ACADEMIC], unit=kos),
        "c": make("chong@uni.test", "Dr Chong Speech", [Role.ACADEMIC], unit=kict),
    }
    _expert(
        people["a"],
        keywords=["corrosion", "cathodic protection", "pipelines"],
        biography="Materials engineer working on corrosion of offshore steel structures.",
        publications=[
            (
                "Pitting corrosion of carbon steel pipelines in tropical seawater",
                "Two-year exposure tests at offshore platforms in Terengganu.",
                2023,
            ),
            ("Sacrificial anode design for offshore jetties", "Cathodic protection.", 2021),
        ],
    )
    _expert(
        people["b"],
        keywords=["corrosion monitoring", "sensors", "seawater"],
        biography="Chemist building electrochemical sensors that monitor corrosion in seawater.",
        publications=[
            (
                "Electrochemical sensors for corrosion monitoring of offshore pipelines",
                "Wireless probes that track the corrosion rate of steel in seawater.",
                2022,
            ),
        ],
    )
    _expert(
        people["c"],
        keywords=["speech recognition", "Malay language"],
        biography="Works on automatic speech recognition for Malay.",
        publications=[
            (
                "Deep learning for Malay speech recognition",
                "Acoustic models trained on broadcast news in Bahasa Melayu.",
                2023,
            ),
        ],
    )
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


def status_of(page):
    """The status badge under the challenge's title."""
    return page.locator("h1 + div .badge").first


def propose(page, challenge_url, *, title, approach, milestone, month, budget):
    page.goto(challenge_url)
    page.get_by_role("link", name="Write a proposal").click()
    expect(page.get_by_role("heading", name="Write a proposal")).to_be_visible()
    page.get_by_label(re.compile("^Title")).fill(title)
    page.get_by_label(re.compile("^Approach")).fill(approach)
    page.get_by_label(re.compile("^TRL now")).select_option("3")
    page.get_by_label(re.compile("^TRL at the end")).select_option("6")
    page.get_by_label(re.compile(r"^Duration \(months\)")).fill("12")
    page.get_by_label(re.compile(r"^Budget \(RM\)")).fill(budget)
    page.locator('[name="ms-0-title"]').fill(milestone)
    page.locator('[name="ms-0-month"]').fill(month)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.get_by_text(re.compile("Your proposal was submitted"))).to_be_visible()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator("h1 + div .badge").first).to_have_text("Submitted, to be screened")
    return page.url


def test_a_confidential_challenge_from_draft_to_memorandum(browser, live_server, cast):
    base = live_server.url
    partner = sign_in(browser, live_server, cast["partner"])
    officer = sign_in(browser, live_server, cast["officer"])
    amina = sign_in(browser, live_server, cast["a"])
    badrul = sign_in(browser, live_server, cast["b"])
    chong = sign_in(browser, live_server, cast["c"])

    # 1. The partner posts a confidential challenge, saves the draft, then submits it.
    partner.get_by_role("link", name="Challenges", exact=True).click()
    partner.get_by_role("link", name=re.compile("Post a challenge")).click()
    partner.get_by_label(re.compile("^Title")).fill("Pitting corrosion on offshore pipelines")
    partner.get_by_label(re.compile("^Problem statement")).fill(
        "Our carbon steel pipelines on offshore platforms show pitting corrosion after two "
        "years in tropical seawater. We need a better cathodic protection design and a way to "
        "monitor the corrosion rate."
    )
    partner.get_by_label(re.compile("^Desired outcome")).fill(
        "A tested anode layout and corrosion monitoring that halve the corrosion rate."
    )
    partner.get_by_label(re.compile("^TRL sought, from")).select_option("3")
    partner.get_by_label(re.compile("^TRL sought, to")).select_option("6")
    partner.get_by_label(re.compile(r"^Budget from \(RM\)")).fill("50000")
    partner.get_by_label(re.compile(r"^Budget up to \(RM\)")).fill("150000")
    partner.get_by_label(re.compile("^Proposal deadline")).fill(day(30))
    partner.get_by_label(re.compile("^Visibility")).select_option("invited")
    snap(partner, "challenges-00-partner-form")
    partner.get_by_role("button", name="Save").click()
    expect(partner.get_by_text(re.compile("saved as a draft"))).to_be_visible()
    expect(status_of(partner)).to_have_text("Draft")
    expect(partner.get_by_text("Invited experts only (confidential)")).to_be_visible()
    challenge_url = partner.url
    challenge = Challenge.objects.get()
    assert challenge_url.endswith(challenge.get_absolute_url())

    partner.get_by_role("link", name="Submit for review").click()
    partner.get_by_role("button", name="Submit for review").click()
    expect(partner.get_by_text(re.compile("sent to the industry office"))).to_be_visible()
    expect(status_of(partner)).to_have_text("Awaiting review")
    expect(partner.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    snap(partner, "challenges-01-partner-submitted")
    # Not published yet: no expert, invited or not, sees it.
    for expert in (amina, badrul, chong):
        assert expert.goto(challenge_url).status == 404

    # 2. The office finds it in My work, publishes it and invites the experts who fit.
    officer.goto(f"{base}/my-work/")
    officer.get_by_role("link", name="Pitting corrosion on offshore pipelines").first.click()
    expect(status_of(officer)).to_have_text("Awaiting review")
    officer.get_by_role("link", name="Publish", exact=True).click()
    officer.get_by_role("button", name="Publish", exact=True).click()
    expect(officer.get_by_text(re.compile("published and open for proposals"))).to_be_visible()
    expect(status_of(officer)).to_have_text("Open for proposals")

    brokerage = officer.locator("#brokerage")
    expect(brokerage.get_by_role("heading", name=re.compile("Brokerage"))).to_be_visible()
    ranked = brokerage.locator("li.expert-match")
    for name, evidence in [
        ("Dr Amina Anode", "Pitting corrosion of carbon steel pipelines"),
        ("Dr Badrul Sensor", "Electrochemical sensors for corrosion monitoring"),
    ]:
        match = ranked.filter(has=officer.get_by_role("link", name=name))
        expect(match).to_have_count(1)
        expect(match.locator("ul.evidence")).to_contain_text(evidence)
        expect(match.locator("ul.evidence mark").first).to_be_visible()
    # The two who fit rank above the speech-recognition expert (if he is listed at all).
    names = [n.strip() for n in ranked.locator("a").all_inner_texts()]
    experts_listed = [n for n in names if n.startswith("Dr ")]
    assert set(experts_listed[:2]) == {"Dr Amina Anode", "Dr Badrul Sensor"}, experts_listed
    snap(officer, "challenges-02-officer-brokerage")

    a_profile, b_profile = cast["a"].expert_profile, cast["b"].expert_profile
    brokerage.locator(f"#inv-{a_profile.pk}").check()
    brokerage.locator(f"#inv-{b_profile.pk}").check()
    brokerage.get_by_label("Message to the experts").fill("Your work fits their pipelines.")
    brokerage.get_by_role("button", name="Invite the chosen experts").click()
    expect(
        officer.get_by_text(re.compile("Invited Dr Amina Anode, Dr Badrul Sensor"))
    ).to_be_visible()
    invited = officer.locator("#invitations tbody tr")
    expect(invited).to_have_count(2)
    expect(invited.filter(has_text="Dr Amina Anode")).to_contain_text("Kulliyyah of Engineering")
    expect(invited.filter(has_text="Dr Badrul Sensor")).to_contain_text("Kulliyyah of Science")

    partner.reload()
    expect(status_of(partner)).to_have_text("Open for proposals")

    # 3. Each invited expert sees the invitation and answers with a proposal.
    amina.goto(f"{base}/challenges/for-me/")
    invitations = amina.get_by_role("region", name="Invitations waiting for your answer")
    expect(invitations).to_contain_text("Pitting corrosion on offshore pipelines")
    snap(amina, "challenges-03-expert-invitation")
    invitations.get_by_role("link", name="Pitting corrosion on offshore pipelines").click()
    expect(
        amina.get_by_text("The industry office invited you to answer this challenge.")
    ).to_be_visible()
    expect(amina.get_by_text("Your work fits their pipelines.")).to_be_visible()
    expect(amina.locator("#brokerage")).to_have_count(0)  # the ranking is the office's
    amina.get_by_role("button", name="I am interested").click()
    expect(amina.get_by_text(re.compile("the office knows you are interested"))).to_be_visible()

    a_url = propose(
        amina,
        challenge_url,
        title="Hybrid anode layout for offshore pipelines",
        approach="Model the current density along the pipeline, then trial a hybrid anode layout.",
        milestone="Anode layout tested on a pipeline section",
        month="6",
        budget="120000",
    )
    snap(amina, "challenges-04-expert-proposal")
    b_url = propose(
        badrul,
        challenge_url,
        title="Wireless corrosion sensors along the pipeline",
        approach="Install a network of wireless electrochemical probes along the pipeline.",
        milestone="Sensor network installed on one platform",
        month="9",
        budget="400000",
    )
    # Neither expert sees the other's proposal.
    assert amina.goto(b_url).status == 404
    assert badrul.goto(a_url).status == 404

    # 4. The expert who was not invited cannot see the confidential challenge or a proposal.
    assert chong.goto(challenge_url).status == 404
    assert chong.goto(a_url).status == 404
    assert chong.goto(b_url).status == 404
    assert chong.goto(f"{challenge_url}proposals/new/").status == 404
    chong.goto(f"{base}/challenges/for-me/")
    expect(chong.get_by_text("Pitting corrosion on offshore pipelines")).to_have_count(0)
    chong.goto(f"{base}/challenges/")
    expect(chong.get_by_text("Pitting corrosion on offshore pipelines")).to_have_count(0)

    # 5. The partner reviews: scores Amina's, declines Badrul's with a reason and a comment.
    partner.goto(challenge_url)
    partner.get_by_role("link", name="Open the review board").click()
    expect(partner.get_by_role("heading", name="Review board")).to_be_visible()
    column = partner.locator("section", has=partner.locator("#col-submitted-h"))
    cards = column.locator("article")
    expect(cards).to_have_count(2)
    a_card = cards.filter(has_text="Hybrid anode layout for offshore pipelines")
    b_card = cards.filter(has_text="Wireless corrosion sensors along the pipeline")
    expect(a_card).to_contain_text("Dr Amina Anode")
    expect(a_card).to_contain_text("RM 120,000")
    expect(b_card).to_contain_text("RM 400,000")
    snap(partner, "challenges-05-review-board")

    a_card.locator("summary", has_text="Score").click()
    a_card.get_by_label("Score (1–5)").select_option("5")
    a_card.get_by_role("textbox", name="Comments").fill("Clear plan and a budget we can fund.")
    a_card.get_by_role("button", name="Record the score").click()
    expect(partner.get_by_text("Your score was recorded.")).to_be_visible()
    a_card = partner.locator("article", has_text="Hybrid anode layout for offshore pipelines")
    expect(a_card).to_contain_text("Average 5.0 (1 review)")

    mail.outbox.clear()
    b_card = partner.locator("article", has_text="Wireless corrosion sensors along the pipeline")
    b_card.get_by_role("link", name=re.compile("^Decline")).click()
    expect(partner.get_by_role("heading", name="Decline a proposal")).to_be_visible()
    partner.get_by_label("Budget above what we can fund").check()
    partner.get_by_label("Comments to the proposers").fill(
        "A single platform is all we can fund this year; please come back with a pilot."
    )
    partner.get_by_role("button", name="Decline and send the feedback").click()
    expect(partner.get_by_text(re.compile("the team has your feedback"))).to_be_visible()
    declined = partner.locator("section", has=partner.locator("#col-declined-h"))
    expect(declined.locator("article")).to_contain_text("Budget above what we can fund")

    to_badrul = [m for m in mail.outbox if m.to == [cast["b"].email]]
    assert len(to_badrul) == 1, [(m.to, m.subject) for m in mail.outbox]
    assert "Wireless corrosion sensors along the pipeline" in to_badrul[0].subject
    assert "Budget above what we can fund" in to_badrul[0].body
    assert "please come back with a pilot" in to_badrul[0].body
    assert not [m for m in mail.outbox if cast["a"].email in m.to]

    badrul.goto(b_url)
    expect(badrul.locator("h1 + div .badge").first).to_have_text("Not taken forward")
    feedback = badrul.get_by_role("region", name="The partner's feedback")
    expect(feedback).to_contain_text("Budget above what we can fund")
    expect(feedback).to_contain_text("please come back with a pilot")
    expect(badrul.get_by_role("heading", name="Review")).to_have_count(0)  # scores stay private

    # 6. The partner selects Amina's proposal, which opens a draft memorandum and a project.
    mail.outbox.clear()
    a_card.get_by_role("link", name=re.compile("^Select")).click()
    expect(partner.get_by_role("heading", name="Select a proposal")).to_be_visible()
    partner.get_by_label(re.compile("I understand that a draft memorandum")).check()
    partner.get_by_role("button", name=re.compile("^Select, and create")).click()
    expect(partner.get_by_text(re.compile("The proposal was selected"))).to_be_visible()
    expect(partner.locator("h1 + div .badge").first).to_have_text("Selected")
    snap(partner, "challenges-06-partner-selected")

    proposal = Proposal.objects.get(lead=cast["a"])
    assert proposal.memorandum_id and proposal.project_id
    memo, project = proposal.memorandum, proposal.project
    # The budget is within what the partner funds: a contract research agreement.
    assert memo.memo_type.code == "cra" and memo.status == "draft"
    chosen = partner.get_by_role("region", name="Selected")
    expect(chosen.get_by_role("link", name=str(memo))).to_be_visible()
    expect(chosen.get_by_role("link", name=str(project))).to_be_visible()
    subjects = [(m.to, m.subject) for m in mail.outbox]
    assert (
        [cast["a"].email],
        "Your proposal was selected: Hybrid anode layout for offshore pipelines",
    ) in subjects, subjects
    assert not [m for m in mail.outbox if cast["b"].email in m.to], subjects  # already told

    officer.goto(a_url)
    selected = officer.get_by_role("region", name="Selected")
    expect(selected.get_by_role("link", name=str(memo))).to_be_visible()
    expect(selected.get_by_role("link", name=str(project))).to_be_visible()

    selected.get_by_role("link", name=str(memo)).click()
    expect(
        officer.get_by_role("heading", name="Hybrid anode layout for offshore pipelines")
    ).to_be_visible()
    expect(officer.locator('h1 ~ div [data-status="draft"]')).to_have_text("Draft")
    parties = officer.get_by_role("region", name="Parties and signatories")
    expect(parties).to_contain_text("Petrolaut Offshore Sdn. Bhd.")
    expect(officer.get_by_text("Dr Amina Anode").first).to_be_visible()
    snap(officer, "challenges-07-officer-memorandum")

    officer.goto(a_url)
    officer.get_by_role("region", name="Selected").get_by_role("link", name=str(project)).click()
    expect(
        officer.get_by_role("heading", name="Hybrid anode layout for offshore pipelines")
    ).to_be_visible()
    details = officer.get_by_role("region", name="Details")
    expect(details).to_contain_text(re.compile(r"Project leader\s*Dr Amina Anode"))
    expect(details).to_contain_text("Petrolaut Offshore Sdn. Bhd.")
    expect(details.get_by_role("link", name=str(memo))).to_be_visible()
    expect(officer.locator("#milestones")).to_contain_text(
        "Anode layout tested on a pipeline section"
    )

    # 7. What each party sees at the end.
    amina.goto(a_url)
    expect(amina.locator("h1 + div .badge").first).to_have_text("Selected")
    expect(amina.get_by_role("region", name="Selected")).to_contain_text(
        "The partner selected this proposal."
    )
    badrul.goto(b_url)
    expect(badrul.locator("h1 + div .badge").first).to_have_text("Not taken forward")
    expect(badrul.get_by_role("region", name="The partner's feedback")).to_contain_text(
        "Budget above what we can fund"
    )
    snap(badrul, "challenges-08-declined-expert")
    partner.goto(challenge_url)
    expect(status_of(partner)).to_have_text("Proposal selected")
    partner.goto(f"{base}/my-work/")
    panel = partner.get_by_role("region", name="Industry challenges")
    expect(panel.locator("li", has_text="Pitting corrosion on offshore pipelines")).to_contain_text(
        "Proposal selected"
    )
    assert chong.goto(challenge_url).status == 404
    assert chong.goto(a_url).status == 404
