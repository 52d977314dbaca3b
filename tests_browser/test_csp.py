"""Under the Content-Security-Policy the pages' behaviour still works in Chromium: the
confirmation before a removal, Django's admin with its inlines, the API's docs page.
(The autouse fixture in conftest fails a test on any refused script or style.)"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from jalinan.accounts.models import User
from jalinan.partners.models import Contact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    return page


def test_removing_a_contact_asks_first(live_server, page, officer, org_acme):
    Contact.objects.create(organisation=org_acme, name="Lim", email="lim@acme.test")
    signed_in(page, live_server, officer).goto(live_server.url + org_acme.get_absolute_url())
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("lim@acme.test")).to_be_visible()
    assert Contact.objects.count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("The contact was removed.")).to_be_visible()
    assert Contact.objects.count() == 0


def test_the_admin_and_its_inlines_work(live_server, page, org_acme):
    root = User.objects.create_superuser("root@uni.test", "x-long-password-1")
    url = f"{live_server.url}/admin/partners/organisation/{org_acme.pk}/change/"
    signed_in(page, live_server, root).goto(url)
    page.get_by_text(re.compile("Add another Contact", re.I)).click()  # inlines.js
    page.locator("input[name='contacts-0-name']").fill("Lim Mei Ling")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text(re.compile("was changed successfully"))).to_be_visible()
    assert Contact.objects.get().name == "Lim Mei Ling"


def test_the_api_docs_page_renders(live_server, page, officer):
    signed_in(page, live_server, officer).goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_text("Jalinan API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
