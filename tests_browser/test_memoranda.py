"""One MoA from draft to active, each step taken in the browser by the role that owns it: the
history on the page, the notification at each hand-off, and a partner user who cannot open the
confidential document."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from conftest import PASSWORD
from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.agreements.models import Document, Memorandum
from jalinan.agreements.services import types_ensure_defaults
from jalinan.core.models import Notification
from jalinan.partners.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def cast(db):
    types_ensure_defaults()  # the test database is flushed between browser tests
    koe = Unit.objects.create(code="koe", name="Kulliyyah of Engineering", kind="kulliyyah")
    acme = Organisation.objects.create(
        legal_name="Acme Robotics Sdn. Bhd.", org_type="sme", search_name="acme robotics"
    )

    def make(email, name, roles, **extra):
        return user_create(email=email, full_name=name, password=PASSWORD, roles=roles, **extra)

    return {
        "acme": acme,
        "academic": make("amina@uni.test", "Dr Amina", [Role.ACADEMIC], unit=koe),
        "officer": make("omar@uni.test", "Omar Officer", [Role.OIL_OFFICER]),
        "legal": make("laila@uni.test", "Laila Legal", [Role.LEGAL]),
        "committee": make("kamal@uni.test", "Kamal Committee", [Role.COMMITTEE]),
        "partner": make("pat@acme.test", "Pat Partner", [Role.PARTNER], organisation=acme),
    }


@pytest.fixture
def login_as(live_server, page):
    """Sign in as a user by giving the browser a session of theirs."""

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


def told(user, words):
    """``user`` has a notification containing ``words``."""
    return Notification.objects.filter(recipient=user, title__contains=words).exists()


def step(page, action, fill=None):
    page.locator(f'a[data-action="{action}"]').click()
    for label, value in (fill or {}).items():
        page.get_by_label(re.compile(f"^{label}")).fill(value)
    page.get_by_role("button", name=re.compile("^Confirm")).click()
    expect(page.get_by_text(re.compile("Done: .* is now"))).to_be_visible()


def test_a_moa_goes_from_draft_to_active_through_every_owner(live_server, login_as, cast, shot):
    url = live_server.url
    academic, officer, legal, committee = (
        cast["academic"],
        cast["officer"],
        cast["legal"],
        cast["committee"],
    )

    # The academic in charge drafts the MoA and uploads a confidential draft.
    page = login_as(academic)
    page.goto(f"{url}/memoranda/new/")
    page.get_by_label(re.compile("^Title")).fill("Joint laboratory for collaborative robots")
    page.get_by_label(re.compile("^Type")).select_option(label="Memorandum of Agreement")
    page.get_by_label("Partner organisations").select_option(label="Acme Robotics Sdn. Bhd.")
    page.get_by_label(re.compile("^Scope")).fill("Research, internships and a shared laboratory.")
    page.get_by_label("Start date").fill("2026-01-01")
    page.get_by_label("Duration (months)").fill("36")
    page.get_by_role("button", name="Create draft").click()
    heading = page.get_by_role("heading", name="Joint laboratory for collaborative robots")
    expect(heading).to_be_visible()
    memo = Memorandum.objects.get()
    page.get_by_role("link", name="Upload a document").first.click()
    page.get_by_label("Kind").select_option("draft")
    page.get_by_label("File (PDF or DOCX)").set_input_files(
        {"name": "draft-terms.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    expect(page.get_by_label("Confidential")).to_be_checked()
    page.get_by_role("button", name="Upload").click()
    # The academic named themselves person in charge and OIL has not confirmed them yet: the
    # confidential draft is kept, but not open to them (nor listed by name) until OIL does.
    expect(page.get_by_text("Some confidential documents are open only to")).to_be_visible()
    expect(page.get_by_role("link", name="draft-terms.pdf")).to_have_count(0)
    secret = Document.objects.get(original_name="draft-terms.pdf")
    assert secret.is_confidential
    step(page, "submit")
    assert told(officer, "awaits OIL review")
    shot("memo-01-submitted")

    # OIL reviews and sends it to the legal adviser.
    page = login_as(officer)
    page.goto(f"{url}/memoranda/{memo.pk}/")
    step(page, "start_review")
    assert told(academic, "OIL started reviewing")
    step(page, "send_to_legal")
    assert told(legal, "awaits legal review")

    # The legal adviser clears it for the committee.
    page = login_as(legal)
    page.goto(f"{url}/my-work/")
    page.get_by_role("link", name=memo.reference).first.click()
    step(page, "send_to_mcom")
    assert told(committee, "awaits MCOM deliberation") and told(officer, "awaits MCOM")

    # MCOM deliberates from its agenda and records its recommendation with the minutes.
    page = login_as(committee)
    page.goto(f"{url}/my-work/")
    page.get_by_role("link", name="MCOM agenda").first.click()
    item = page.locator(f'[data-item="{memo.pk}"]')
    expect(item).to_contain_text("draft-terms.pdf")  # its papers
    item.get_by_role("link", name="Recommend").click()
    page.get_by_label("Meeting date").fill("2026-01-15")
    page.get_by_label("Minutes of the decision").fill("Recommended to UMC.")
    page.get_by_role("button", name=re.compile("^Confirm")).click()
    expect(page.get_by_text(re.compile("Done: .* is now"))).to_be_visible()
    assert told(officer, "record the UMC decision")
    shot("memo-02-mcom")

    # OIL records the UMC decision, the signatories and the signing, then activates it.
    page = login_as(officer)
    page.goto(f"{url}/memoranda/{memo.pk}/")
    step(
        page,
        "umc_approve",
        {"UMC meeting date": "2026-01-28", "UMC decision reference": "UMC 1/2026"},
    )
    assert told(academic, "UMC approved")
    for signs_for, name in [
        ("The university", "Prof. Rector"),
        ("Acme Robotics Sdn. Bhd.", "Ms Tan"),
    ]:
        page.get_by_role("link", name="Add signatory").click()
        page.get_by_label("Signs for").select_option(label=signs_for)
        page.get_by_label(re.compile("^Name")).fill(name)
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible()
    page.locator('a[data-action="record_signing"]').click()
    page.get_by_label("Signed on").fill("2026-02-02")
    page.get_by_label("Signed copy (PDF or DOCX)").set_input_files(
        {"name": "signed-moa.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name=re.compile("^Confirm")).click()
    expect(page.get_by_text(re.compile("Done: .* is now"))).to_be_visible()
    assert told(academic, "was signed")
    step(page, "activate")
    assert told(academic, "is now active")
    expect(page.locator('[data-status="active"]').first).to_be_visible()

    history = page.get_by_test_id("workflow-history")
    actions = history.locator("li[data-action]").evaluate_all(
        "items => items.map(i => i.dataset.action)"
    )
    assert actions == [
        "submit",
        "start_review",
        "send_to_legal",
        "send_to_mcom",
        "mcom_recommend",
        "umc_approve",
        "record_signing",
        "activate",
    ]
    expect(history).to_contain_text("Recommended to UMC.")
    expect(history).to_contain_text("UMC 1/2026")
    shot("memo-03-active")

    # The officer's bell and notification list show the hand-offs addressed to them.
    page.goto(f"{url}/core/notifications/")
    expect(page.get_by_text(re.compile("record the UMC decision"))).to_be_visible()

    # The partner sees its memorandum, but never the confidential document.
    page = login_as(cast["partner"])
    page.goto(f"{url}/memoranda/{memo.pk}/")
    expect(
        page.get_by_role("heading", name="Joint laboratory for collaborative robots")
    ).to_be_visible()
    expect(page.get_by_text("draft-terms.pdf")).to_have_count(0)
    expect(page.get_by_text("Recommended to UMC.")).to_have_count(0)
    response = page.goto(f"{url}/memoranda/documents/{secret.pk}/")
    assert response.status == 404
    shot("memo-04-partner")
