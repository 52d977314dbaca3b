"""One invention from disclosure to royalty, in the browser, each step taken by the role that
owns it: an academic discloses it with two co-inventors, the office starts the assessment and
the IP committee decides to protect it, the office records the patent (its deadlines appear),
writes a non-confidential offer and publishes it, a visitor who is not signed in finds it in the
public catalogue and asks about it, the office drafts an NDA from that enquiry in one step,
records a licence and a royalty payment, and the page shows the payment split by the revenue
sharing policy. At each step the test checks what each person sees, and that a non-inventor
academic and a partner user get 404 on the confidential disclosure."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.services import types_ensure_defaults
from jalinan.core.institution import get_institution
from jalinan.experts.services import profile_create
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.partners.services import organisation_create
from jalinan.technologies.deadlines import add_months
from jalinan.technologies.models import Disclosure, Enquiry, RevenuePolicy, Technology
from jalinan.technologies.services.licences import policy_create
from tests_browser.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISCLOSURE_TITLE = "Acoustic ripeness sensor for durian"
OFFER_TITLE = "Tap-and-tell ripeness grading for durian"
NUSANTARA = "Nusantara Agro Exports Sdn. Bhd."
# Words of the confidential disclosure that must never reach the public catalogue.
CONFIDENTIAL = ["piezoelectric contact microphone", "between 180 and 240 Hz", "94% agreement"]


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    # A robot fills the enquiry form faster than a person: the form timer would refuse it.
    settings.JALINAN_ENQUIRY_MIN_SECONDS = 0
    # The flushed database of an earlier test must not leave its in-memory index behind.
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def cast(db):
    types_ensure_defaults()  # the test database is flushed between browser tests
    # The flush also takes the migration's default revenue sharing policy (inventors 50%,
    # KCDIOs 20%, university 30%, from 2000): put it back when it is gone.
    if not RevenuePolicy.objects.exists():
        policy_create(
            by=None,
            name="Default policy (inventors 50%, KCDIOs 20%, university 30%)",
            effective_from=datetime.date(2000, 1, 1),
            inventors_percent=Decimal("50"),
            units_percent=Decimal("20"),
            university_percent=Decimal("30"),
            deduct_costs=False,
        )
    koe = Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    kos = Unit.objects.create(code="kos", name="Kulliyyah of Science", kind="kulliyyah")
    org = organisation_create(by=None, legal_name=NUSANTARA, org_type="sme")

    def make(email, name, roles, **extra):
        return user_create(email=email, full_name=name, password=PASSWORD, roles=roles, **extra)

    people = {
        "org": org,
        "amina": make("amina@uni.test", "Dr Amina Anode", [Role.ACADEMIC], unit=koe),
        "badrul": make("badrul@uni.test", "Dr Badrul Sensor", [Role.ACADEMIC], unit=kos),
        "chong": make("chong@uni.test", "Dr Chong Bystander", [Role.ACADEMIC], unit=koe),
        "officer": make("omar@uni.test", "Omar Officer", [Role.OIL_OFFICER]),
        "committee": make("ida@uni.test", "Ida Committee", [Role.IP_COMMITTEE]),
        "partner": make("pat@nusantara.test", "Pat Partner", [Role.PARTNER], organisation=org),
    }
    profile_create(
        user=people["amina"],
        by=people["amina"],
        keywords=["acoustics", "agricultural sensors"],
        biography="Builds sensors for the fruit industry.",
        is_public=True,
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
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def snap(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def status_of(page):
    """The status badge under a disclosure's title."""
    return page.locator("h1 + div .badge").first


def open_notification(page, base, words):
    page.goto(f"{base}/core/notifications/")
    item = page.locator("li.list-group-item", has_text=words)
    expect(item).to_have_count(1)
    item.get_by_role("button", name="Open").click()


def split_rows(table):
    """The (party, name, amount) lines of a revenue split table."""
    rows = []
    for tr in table.locator("tbody tr").all():
        party, name, amount = (c.strip() for c in tr.locator("td").all_inner_texts())
        rows.append((party, name, amount))
    return rows


def test_an_invention_from_disclosure_to_royalty(browser, live_server, cast):
    base = live_server.url
    today = timezone.localdate()
    amina = sign_in(browser, live_server, cast["amina"])
    badrul = sign_in(browser, live_server, cast["badrul"])
    chong = sign_in(browser, live_server, cast["chong"])
    officer = sign_in(browser, live_server, cast["officer"])
    committee = sign_in(browser, live_server, cast["committee"])
    partner = sign_in(browser, live_server, cast["partner"])

    # 1. The academic discloses the invention with a co-inventor and a former postdoc (no
    # account here), 50/30/20, and the poster she showed last month.
    amina.get_by_role("link", name="Technologies", exact=True).click()
    expect(amina.get_by_role("heading", name="My invention disclosures")).to_be_visible()
    expect(amina.get_by_text("You have not disclosed an invention yet.")).to_be_visible()
    amina.get_by_role("link", name="Disclose an invention").click()
    expect(amina.get_by_role("heading", name="Disclose an invention")).to_be_visible()
    amina.get_by_label(re.compile("^Title")).fill(DISCLOSURE_TITLE)
    amina.get_by_label(re.compile("^Description of the invention")).fill(
        "A piezoelectric contact microphone taps the husk; a small neural network classifies "
        "the resonance between 180 and 240 Hz as unripe, ripe or overripe."
    )
    amina.get_by_label(re.compile("^What is new")).fill(
        "Grades whole durian without opening it in under two seconds, with 94% agreement "
        "with expert graders."
    )
    amina.get_by_label(re.compile("^Known prior art")).fill(
        "Tapping by experienced graders; near-infrared meters for thin-skinned fruit."
    )
    inventors = amina.locator("#inventors .formset-row")
    expect(inventors).to_have_count(3)  # herself, already chosen, and two spare rows
    expect(inventors.nth(0).get_by_label("Staff or student")).to_have_value(str(cast["amina"].pk))
    expect(amina.locator("#share-total")).to_have_text("100.00")
    inventors.nth(0).get_by_label("Contribution (%)").fill("50")
    inventors.nth(1).get_by_label("Staff or student").select_option(
        label="Dr Badrul Sensor (Kulliyyah of Science)"
    )
    inventors.nth(1).get_by_label("Contribution (%)").fill("30")
    expect(amina.locator("#share-total")).to_have_text("80.00")
    inventors.nth(2).get_by_label("or name").fill("Lim Wei Ming")
    inventors.nth(2).get_by_label("Contribution (%)").fill("20")
    expect(amina.locator("#share-total")).to_have_text("100.00")
    amina.get_by_label(re.compile("^Funding source")).fill("FRGS/1/2023/TK0/UIAM/01")
    expect(amina.get_by_label(re.compile("^KCDIO"))).to_have_value(str(cast["amina"].unit_id))

    public = amina.locator("#public-disclosures")
    public.get_by_label("Kind").select_option("poster")
    public.get_by_label("Where and what").fill("Poster at the national agriculture expo")
    public.get_by_label("Date").fill(day(-30))
    # The page checks the date at once: made public, so only the grace period is left.
    warnings = amina.locator("#pd-warnings")
    expect(warnings).to_contain_text("a patent is probably no longer possible")
    expect(warnings).to_contain_text("To rely on the 12-month grace period")
    amina.get_by_label(re.compile("^Technology readiness level")).select_option("4")
    amina.get_by_label(re.compile("^Target industries")).fill("Agriculture, fruit export")
    amina.get_by_label(re.compile("^Applications")).fill("Export grading; harvest timing.")
    snap(amina, "technologies-00-disclosure-form")
    amina.get_by_role("button", name="Save and send to the office").click()
    expect(amina.get_by_text("The disclosure was sent to the office.")).to_be_visible()
    expect(amina.get_by_role("heading", name=DISCLOSURE_TITLE)).to_be_visible()
    expect(status_of(amina)).to_have_text("Received")
    disclosure = Disclosure.objects.get()
    disclosure_url = amina.url
    assert disclosure_url.endswith(disclosure.get_absolute_url())
    shares = amina.get_by_role("region", name="Inventors").locator("tbody tr")
    expect(shares).to_have_count(3)
    expect(shares.nth(0)).to_contain_text(
        re.compile(r"Dr Amina Anode\s*Kulliyyah of Engineering\s*50%")
    )
    expect(shares.nth(1)).to_contain_text(
        re.compile(r"Dr Badrul Sensor\s*Kulliyyah of Science\s*30%")
    )
    expect(shares.nth(2)).to_contain_text(re.compile(r"Lim Wei Ming\s*—\s*20%"))
    expect(amina.get_by_role("region", name="Review")).to_contain_text(
        "Received by the office; the assessment has not started yet."
    )
    expect(amina.get_by_role("link", name="Edit", exact=True)).to_have_count(0)  # sent: locked

    # The co-inventor finds it among his disclosures; the bystander and the partner do not.
    badrul.get_by_role("link", name="Technologies", exact=True).click()
    expect(badrul.get_by_role("link", name=DISCLOSURE_TITLE)).to_be_visible()
    assert chong.goto(disclosure_url).status == 404
    assert partner.goto(disclosure_url).status == 404

    # 2. The office starts the assessment from the review queue ...
    officer.get_by_role("button", name="Office", exact=True).click()
    officer.get_by_role("link", name="Disclosures to review").click()
    expect(officer.get_by_role("heading", name="Invention disclosures: review")).to_be_visible()
    row = officer.locator("#results tbody tr", has_text=DISCLOSURE_TITLE)
    expect(row).to_contain_text(disclosure.reference)
    expect(row).to_contain_text("Dr Amina Anode (50%)")
    expect(row).to_contain_text("Lim Wei Ming (20%)")
    expect(row).to_contain_text("Received")
    row.get_by_role("link", name=DISCLOSURE_TITLE).click()
    officer.get_by_role("button", name="Start the assessment").click()
    expect(officer.get_by_text("The assessment has started.")).to_be_visible()
    expect(status_of(officer)).to_have_text("Under assessment")

    # ... and the IP committee decides to protect it, with its reasons.
    committee.goto(f"{base}/my-work/")
    panel = committee.get_by_role("region", name="Inventions and IP")
    expect(panel).to_contain_text("1 disclosure awaiting assessment")
    panel.get_by_role("link", name=re.compile(DISCLOSURE_TITLE)).click()
    expect(committee.get_by_role("heading", name=DISCLOSURE_TITLE)).to_be_visible()
    expect(status_of(committee)).to_have_text("Under assessment")
    review = committee.get_by_role("region", name="Review")
    review.get_by_label("Decision").select_option(label="Protect (seek IP protection)")
    review.get_by_label("Reasons").fill(
        "Novel and inventive; exporters have asked for exactly this. File at MyIPO within the "
        "grace period of the poster."
    )
    review.get_by_role("button", name="Record the decision").click()
    expect(
        committee.get_by_text("The decision was recorded; the inventors are told.")
    ).to_be_visible()
    expect(status_of(committee)).to_have_text("Decided")
    expect(committee.get_by_role("button", name="Record the decision")).to_have_count(0)
    # Only the office records IP assets.
    expect(committee.get_by_role("link", name="Record an IP asset")).to_have_count(0)

    open_notification(amina, base, f"Decision on your invention disclosure {disclosure.reference}")
    expect(amina.get_by_role("heading", name=DISCLOSURE_TITLE)).to_be_visible()
    decided = amina.get_by_role("region", name="Review")
    expect(decided).to_contain_text("Protect (seek IP protection)")
    expect(decided).to_contain_text("Ida Committee")
    expect(decided).to_contain_text("within the grace period of the poster")
    snap(amina, "technologies-01-academic-decision")

    # 3. The office records the patent application, filed today at MyIPO: its deadlines are
    # computed from the dates.
    officer.goto(disclosure_url)
    officer.get_by_role("link", name="Record an IP asset").click()
    expect(officer.get_by_role("heading", name="Record an IP asset")).to_be_visible()
    expect(officer.get_by_label(re.compile("^Title"))).to_have_value(DISCLOSURE_TITLE)
    expect(officer.get_by_label(re.compile("^Kind"))).to_have_value("patent")
    officer.get_by_label(re.compile("^Office")).select_option(label="MyIPO (Malaysia)")
    officer.get_by_label(re.compile("^Application number")).fill("PI 2025007788")
    officer.get_by_label(re.compile("^Filing date")).fill(day(0))
    officer.get_by_label(re.compile("^Priority date")).fill(day(0))
    officer.get_by_label(re.compile("^Status")).select_option(label="Filed")
    officer.get_by_label(re.compile("^Patent agent")).fill("Halim & Co. Patent Agents")
    officer.get_by_role("button", name="Save").click()
    expect(
        officer.get_by_text("The IP asset was recorded and its deadlines computed.")
    ).to_be_visible()
    expect(officer.get_by_role("heading", name=DISCLOSURE_TITLE)).to_be_visible()
    expect(officer.get_by_text(re.compile(r"Patent · MyIPO \(Malaysia\) · Filed"))).to_be_visible()
    asset_url = officer.url
    deadlines = officer.get_by_role("region", name="Deadlines").locator("tbody tr")
    expect(deadlines).to_have_count(2)
    priority_year = add_months(today, 12)
    examination = add_months(today, 48)
    expect(deadlines.nth(0)).to_contain_text("Foreign / PCT filing (12 months from priority)")
    expect(deadlines.nth(0).locator("time")).to_have_attribute(
        "datetime", priority_year.isoformat()
    )
    expect(deadlines.nth(0)).to_contain_text(f"{(priority_year - today).days} days left")
    expect(deadlines.nth(1)).to_contain_text("Request for examination")
    expect(deadlines.nth(1).locator("time")).to_have_attribute("datetime", examination.isoformat())
    snap(officer, "technologies-02-patent-deadlines")

    # The inventors see the asset on the disclosure, and that the filing beat the grace period.
    amina.goto(disclosure_url)
    expect(amina.get_by_role("region", name="IP assets")).to_contain_text(
        re.compile(r"Patent \(MyIPO \(Malaysia\)\) · Filed")
    )
    expect(amina.locator("#pd-warnings")).to_contain_text("is within the 12-month grace period")
    assert chong.goto(asset_url).status == 404

    # 4. The office writes the non-confidential offer and publishes it in the catalogue.
    officer.get_by_role("button", name="Office", exact=True).click()
    officer.get_by_role("link", name="Technology offers").click()
    expect(officer.get_by_text("No technology offers yet.")).to_be_visible()
    # From the decided disclosure: the new offer comes filled in from it.
    officer.goto(disclosure_url)
    officer.get_by_role("link", name="Prepare a technology offer").click()
    expect(officer.get_by_role("heading", name="New offer")).to_be_visible()
    expect(officer.get_by_label(re.compile("^Title"))).to_have_value(DISCLOSURE_TITLE)
    expect(officer.get_by_label(re.compile("^Disclosure"))).to_have_value(str(disclosure.pk))
    expect(officer.get_by_label(re.compile("^Disclosure")).locator("option:checked")).to_have_text(
        f"{disclosure.reference} · {DISCLOSURE_TITLE}"
    )
    officer.get_by_label(re.compile("^Title")).fill(OFFER_TITLE)
    officer.get_by_label(re.compile("^One-line summary")).fill(
        "Grades whole durian by sound in two seconds, without opening the fruit."
    )
    officer.get_by_label(re.compile("^Field")).select_option(label="Agriculture and food")
    officer.get_by_label(re.compile("^The problem")).fill(
        "Exporters open sample fruit or rely on a few expert tappers to judge whether durian "
        "is ripe; shipments are rejected when the fruit arrives overripe."
    )
    officer.get_by_label(re.compile("^The solution")).fill(
        "A handheld device that listens to the fruit and tells unripe, ripe and overripe "
        "durian apart on the spot."
    )
    officer.get_by_label(re.compile("^Advantages")).fill(
        "Non-destructive, fast, usable by packing-house staff."
    )
    officer.get_by_label(re.compile("^Technology readiness level")).select_option("4")
    officer.get_by_label(re.compile("^IP status")).fill("Patent pending (MyIPO)")
    officer.get_by_label(re.compile("^KCDIO")).select_option(label="Kulliyyah of Engineering")
    # The disclosure's patent and its inventor with a profile were chosen already.
    expect(officer.get_by_label(re.compile("^IP assets")).locator("option:checked")).to_have_text(
        [f"{DISCLOSURE_TITLE} (PI 2025007788)"]
    )
    expect(
        officer.get_by_label(re.compile("^Inventors shown")).locator("option:checked")
    ).to_have_text(["Dr Amina Anode"])
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("Offer saved as a draft.")).to_be_visible()
    expect(officer.get_by_role("heading", name=OFFER_TITLE)).to_be_visible()
    expect(officer.get_by_text(re.compile(r"TECH-\d{4}-0001 · Draft"))).to_be_visible()
    technology = Technology.objects.get()
    offer_url = officer.url
    public_url = f"{base}{technology.get_public_url()}"

    visitor = browser.new_context().new_page()
    assert visitor.goto(public_url).status == 404  # a draft is not public yet

    officer.get_by_role("button", name="Publish in the catalogue").click()
    expect(officer.get_by_text("Published in the catalogue.", exact=True)).to_be_visible()
    expect(
        officer.get_by_text(re.compile(r"· Published in the catalogue · published"))
    ).to_be_visible()
    expect(officer.get_by_role("button", name="Withdraw from the catalogue")).to_be_visible()
    snap(officer, "technologies-03-offer-published")

    # 5. A visitor, not signed in, finds it in the catalogue by describing the need, and asks.
    visitor.goto(f"{base}/")
    visitor.get_by_role("link", name="Technology catalogue").first.click()
    expect(visitor.get_by_role("heading", name="Technology catalogue")).to_be_visible()
    visitor.get_by_label("What are you looking for?").fill("tell if a durian is ripe")
    visitor.get_by_role("button", name="Search").click()
    results = visitor.locator("#results")
    expect(results).to_contain_text("1 technology · best match first")
    card = results.locator("article", has_text=OFFER_TITLE)
    expect(card).to_contain_text("Agriculture and food")
    expect(card).to_contain_text("TRL 4")
    expect(card).to_contain_text("Patent pending (MyIPO)")
    expect(card.get_by_text(re.compile("^Matched:.*durian"))).to_be_visible()
    card.get_by_role("link", name=OFFER_TITLE).click()

    expect(visitor.get_by_role("heading", name=OFFER_TITLE)).to_be_visible()
    expect(visitor.get_by_text("Grades whole durian by sound in two seconds")).to_be_visible()
    expect(
        visitor.get_by_text(re.compile("Patent pending \\(MyIPO\\) · Patent · Reference TECH-"))
    ).to_be_visible()
    expect(visitor.get_by_role("region", name="Inventors")).to_contain_text(
        re.compile(r"Dr Amina Anode\s*·\s*Kulliyyah of Engineering")
    )
    expect(visitor.get_by_role("link", name="Office view")).to_have_count(0)
    page_text = visitor.locator("main").inner_text()
    for words in [*CONFIDENTIAL, DISCLOSURE_TITLE, "PI 2025007788", "Lim Wei Ming"]:
        assert words not in page_text, words
    snap(visitor, "technologies-04-public-page")

    mail.outbox.clear()
    ask = visitor.get_by_role("region", name="Interested? Ask us")
    ask.get_by_label("I would like to").select_option(label="Express interest in licensing")
    ask.get_by_label("Your name").fill("Siti Rahman")
    ask.get_by_label("E-mail").fill("siti@nusantara-agro.test")
    ask.get_by_label("Phone").fill("+60 3-5555 1234")
    ask.get_by_label("Organisation").fill(NUSANTARA)
    ask.get_by_label("Message").fill(
        "We export 400 tonnes of durian a year and would like to license the grading device "
        "for our packing houses in Pahang."
    )
    ask.get_by_label(re.compile("^I agree that the office keeps these details")).check()
    ask.get_by_role("button", name="Send").click()
    expect(visitor.get_by_role("heading", name="Thank you: we have your enquiry")).to_be_visible()
    expect(
        visitor.get_by_text(re.compile(f"The industry office will reply about “{OFFER_TITLE}”"))
    ).to_be_visible()
    to_visitor = [m for m in mail.outbox if m.to == ["siti@nusantara-agro.test"]]
    assert len(to_visitor) == 1, [(m.to, m.subject) for m in mail.outbox]
    # The disclosure stays out of reach of a visitor too: the sign-in page, not the disclosure.
    visitor.goto(disclosure_url)
    expect(visitor).to_have_url(re.compile("/accounts/login/"))

    # 6. The office opens the enquiry and drafts the NDA from it in one step.
    enquiry = Enquiry.objects.get()
    open_notification(officer, base, f"Enquiry about {OFFER_TITLE} from {NUSANTARA}")
    expect(officer.get_by_role("heading", name=NUSANTARA)).to_be_visible()
    expect(
        officer.get_by_text(re.compile("Express interest in licensing · " + OFFER_TITLE))
    ).to_be_visible()
    message = officer.get_by_role("paragraph").filter(has_text="We export 400 tonnes of durian")
    expect(message).to_be_visible()
    details = officer.locator("main dl")
    expect(details).to_contain_text("Siti Rahman")
    expect(details).to_contain_text("siti@nusantara-agro.test")
    # A known partner, matched by name; the pipeline has the opportunity.
    expect(details.get_by_role("link", name=NUSANTARA)).to_be_visible()
    expect(details.get_by_role("link", name=enquiry.opportunity.reference)).to_be_visible()
    enquiry_url = officer.url
    officer.get_by_role("button", name="Draft an NDA").click()
    expect(officer.get_by_text("NDA drafted. Complete it and send it for review.")).to_be_visible()
    nda_title = f"NDA: {OFFER_TITLE} with {NUSANTARA}"
    expect(officer.get_by_role("heading", name=nda_title)).to_be_visible()
    expect(officer.get_by_text(re.compile(r"· Non-Disclosure Agreement$"))).to_be_visible()
    expect(officer.locator('h1 ~ div [data-status="draft"]')).to_have_text("Draft")
    expect(officer.get_by_role("region", name="Parties and signatories")).to_contain_text(NUSANTARA)
    expect(officer.get_by_role("region", name="Details")).to_contain_text(
        "Mutual non-disclosure to discuss the licensing of " + OFFER_TITLE
    )
    snap(officer, "technologies-05-nda-draft")
    enquiry.refresh_from_db()
    assert enquiry.nda.memo_type.code == "nda" and enquiry.nda.status == "draft"
    assert enquiry.organisation == cast["org"]

    officer.goto(enquiry_url)
    expect(officer.get_by_role("button", name="Open the NDA")).to_be_visible()
    expect(officer.locator("main dl").get_by_role("link", name=str(enquiry.nda))).to_be_visible()

    # 7. The office records the licence and a royalty payment; the page shows the split.
    officer.goto(offer_url)
    officer.get_by_role("link", name="Record a licence").click()
    expect(officer.get_by_role("heading", name="Record a licence")).to_be_visible()
    expect(officer.get_by_label(re.compile("^Technology"))).to_have_value(str(technology.pk))
    officer.get_by_label(re.compile("^Licensee")).select_option(label=NUSANTARA)
    officer.get_by_label(re.compile("^Exclusivity")).select_option(label="Exclusive")
    officer.get_by_label(re.compile("^Field of use")).fill("Durian export grading")
    officer.get_by_label(re.compile("^Territory")).fill("Malaysia and Thailand")
    officer.get_by_label(re.compile(r"^Upfront fee")).fill("25000")
    officer.get_by_label(re.compile(r"^Royalty rate")).fill("4")
    officer.get_by_label(re.compile("^Start date")).fill(day(-10))
    officer.get_by_label(re.compile("^Status")).select_option(label="Active")
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("Licence recorded.")).to_be_visible()
    expect(
        officer.get_by_role("heading", name=re.compile(rf"LIC-\d{{4}}-0001: {OFFER_TITLE}"))
    ).to_be_visible()
    expect(officer.get_by_text(f"Licensee: {NUSANTARA} · Active")).to_be_visible()
    expect(officer.get_by_role("region", name="Payments")).to_contain_text(
        "No payments recorded yet."
    )
    licence_url = officer.url

    officer.get_by_role("link", name="Record a payment").click()
    expect(officer.get_by_role("heading", name="Record a payment")).to_be_visible()
    expect(officer.get_by_label(re.compile("^Kind"))).to_have_value("royalty")
    expect(officer.get_by_label(re.compile("^Received on"))).to_have_value(day(0))
    officer.get_by_label(re.compile(r"^Amount \(RM\)")).fill("12345.67")
    officer.get_by_label(re.compile("^Payment reference")).fill("NAE-ROY-001")
    # The policy in force: inventors 50% by contribution (50/30/20), KCDIOs 20% in the same
    # proportions (the outside inventor's part goes to the university), university 30%.
    university = get_institution().short_name or get_institution().name
    expected = [
        ("Inventor", "Dr Amina Anode", "3,086.42"),
        ("Inventor", "Dr Badrul Sensor", "1,851.85"),
        ("Inventor", "Lim Wei Ming", "1,234.57"),
        ("Inventor's KCDIO", "Kulliyyah of Engineering", "1,234.56"),
        ("Inventor's KCDIO", "Kulliyyah of Science", "740.74"),
        ("University", university, "4,197.53"),
    ]
    officer.get_by_role("button", name="Preview the split").click()
    preview = officer.get_by_role("region", name="The split this payment would get")
    expect(preview.locator("tbody tr")).to_have_count(len(expected))
    assert split_rows(preview.locator("table")) == expected
    officer.get_by_role("button", name="Record and share").click()
    expect(officer.get_by_text("Payment recorded and shared by the policy.")).to_be_visible()
    assert officer.url == licence_url

    payments = officer.get_by_role("region", name=re.compile("^Payments"))
    expect(payments.get_by_role("heading", name=re.compile("total RM 12,345.67"))).to_be_visible()
    payment = payments.locator(".payment")
    expect(payment).to_have_count(1)
    expect(payment).to_contain_text(re.compile(r"Royalty · .* · NAE-ROY-001\s*RM 12,345.67"))
    expect(payment).to_contain_text(
        "Shared by: Default policy (inventors 50%, KCDIOs 20%, university 30%)"
    )
    split = payment.locator("table.split")
    expect(split.locator("tbody tr")).to_have_count(len(expected))
    rows = split_rows(split)
    assert rows == expected
    parts = {
        party: sum(Decimal(a.replace(",", "")) for p, _, a in rows if p == party)
        for party in ("Inventor", "Inventor's KCDIO", "University")
    }
    assert parts == {
        "Inventor": Decimal("6172.84"),
        "Inventor's KCDIO": Decimal("1975.30"),
        "University": Decimal("4197.53"),
    }
    assert sum(parts.values()) == Decimal("12345.67")
    expect(split.locator("tfoot")).to_contain_text(re.compile(r"Total\s*12,345.67"))
    snap(officer, "technologies-06-licence-split")

    # An inventor sees the licence and only her own share; the licensee, no split at all.
    open_notification(amina, base, f"Your share of a payment for {OFFER_TITLE}: RM 3086.42")
    expect(amina.get_by_role("heading", name=re.compile(OFFER_TITLE))).to_be_visible()
    own = amina.locator(".payment table.split")
    assert split_rows(own) == [("Inventor", "Dr Amina Anode", "3,086.42")]
    expect(amina.get_by_role("link", name="Record a payment")).to_have_count(0)
    partner.goto(f"{base}/my-work/")
    partner.get_by_role("link", name="Licences", exact=True).click()
    partner.get_by_role("link", name=re.compile(r"LIC-\d{4}-0001")).click()
    expect(partner.get_by_role("heading", name=re.compile(OFFER_TITLE))).to_be_visible()
    expect(partner.locator(".payment")).to_contain_text("RM 12,345.67")
    expect(partner.locator("table.split")).to_have_count(0)
    expect(partner.get_by_text("Dr Badrul Sensor")).to_have_count(0)

    # 8. Still, neither the non-inventor academic nor the partner user opens the disclosure.
    assert chong.goto(disclosure_url).status == 404
    expect(chong.get_by_text(DISCLOSURE_TITLE)).to_have_count(0)
    assert partner.goto(disclosure_url).status == 404
    expect(partner.get_by_text(DISCLOSURE_TITLE)).to_have_count(0)
    assert badrul.goto(disclosure_url).status == 200  # the co-inventor, for contrast
