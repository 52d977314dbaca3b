"""The SDG pages: goals (public), the office's review queue, trying the classifier."""

import pytest

from jalinan.sdgs.models import SdgTag
from jalinan.sdgs.services import sdg_apply_classification, sdg_tag_add


@pytest.fixture
def tagged(framework, fake_classifier, org_acme, org_other, officer):
    """Acme accepted for SDG 9; Borneo Timber with two suggestions awaiting a decision."""
    sdg_tag_add(obj=org_acme, goal=9, by=officer)
    org_other.description = "solar powered factory"
    sdg_apply_classification(obj=org_other)
    return org_acme, org_other


def test_goal_index_is_public(client, framework):
    page = client.get("/sdgs/").content.decode()
    assert page.count('class="card h-100') == 17
    assert "Industry, innovation and infrastructure" in page
    assert 'lang="ar"' in page


def test_goal_page_shows_targets_in_english_and_arabic(client, framework):
    r = client.get("/sdgs/9/")
    page = r.content.decode()
    assert r.status_code == 200
    assert "9.5" in page and "Enhance scientific research" in page
    assert 'dir="rtl"' in page and "9.5.1" in page
    assert client.get("/sdgs/18/").status_code == 404


def test_goal_page_lists_only_records_the_visitor_may_see(
    client, client_for, tagged, officer, outsider, partner_user, other_partner
):
    acme, _other = tagged
    for user, sees in [
        (None, False),
        (outsider, False),
        (other_partner, False),
        (partner_user, True),
        (officer, True),
    ]:
        c = client_for(user) if user else client
        page = c.get("/sdgs/9/").content.decode()
        assert (acme.legal_name in page) is sees, user
        client.logout()
    # suggestions are not listed: only accepted tags count
    assert "Borneo Timber" not in client_for(officer).get("/sdgs/7/").content.decode()


def test_goal_page_filters_and_exports(client_for, tagged, officer):
    c = client_for(officer)
    assert "Acme" in c.get("/sdgs/9/?type=partners.organisation").content.decode()
    assert "Acme" not in c.get("/sdgs/9/?type=nosuch.model").content.decode()
    assert "Acme" not in c.get("/sdgs/9/?q=zzz").content.decode()
    r = c.get("/sdgs/9/?export=csv")
    assert r.status_code == 200 and "Acme Robotics" in r.content.decode()


def test_review_queue_is_the_office_s(client_for, tagged, officer, academic, outsider, coordinator):
    for user in (outsider, academic, coordinator):
        assert client_for(user).get("/sdgs/review/").status_code == 404
    page = client_for(officer).get("/sdgs/review/").content.decode()
    assert "Borneo Timber" in page and page.count('name="tag"') == 2
    # filter by goal, by type, by confidence
    assert client_for(officer).get("/sdgs/review/?goal=7").content.decode().count('name="tag"') == 1
    assert (
        client_for(officer).get("/sdgs/review/?min=0.8").content.decode().count('name="tag"') == 1
    )
    r = client_for(officer).get("/sdgs/review/?export=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd")


def test_review_bulk_accept_and_reject(client_for, tagged, officer, outsider):
    _acme, other = tagged
    ids = list(SdgTag.objects.filter(status="suggested").values_list("pk", flat=True))
    assert (
        client_for(outsider).post("/sdgs/review/", {"tag": ids, "decision": "accept"}).status_code
        == 404
    )
    c = client_for(officer)
    r = c.post(
        "/sdgs/review/", {"tag": ids[:1], "decision": "accept", "next": "/sdgs/review/?goal=7"}
    )
    assert r.status_code == 302 and r["Location"] == "/sdgs/review/?goal=7"
    r = c.post("/sdgs/review/", {"tag": ids[1:], "decision": "reject"}, follow=True)
    assert "1 suggestion rejected." in r.content.decode()
    assert sorted(SdgTag.objects.values_list("status", flat=True)) == [
        "accepted",
        "accepted",
        "rejected",
    ]
    # the next page shows nothing left to decide
    assert "No suggestion is awaiting a decision." in c.get("/sdgs/review/").content.decode()


def test_review_page_query_count_is_bounded(
    client_for, framework, fake_classifier, officer, db, django_assert_max_num_queries
):
    from jalinan.partners.models import Organisation

    for i in range(30):
        org = Organisation.objects.create(
            legal_name=f"Solar Factory {i}", org_type="sme", search_name=f"solar factory {i}"
        )
        sdg_apply_classification(obj=org)
    c = client_for(officer)
    c.get("/sdgs/review/")
    with django_assert_max_num_queries(15):
        page = c.get("/sdgs/review/").content.decode()
    assert page.count('name="tag"') == 25  # one page of 60 suggestions
    for goal in (7, 9):
        SdgTag.objects.filter(goal=goal).update(status="accepted")
    with django_assert_max_num_queries(15):
        page = c.get("/sdgs/9/").content.decode()
    assert page.count("data-record=") == 25


def test_record_page_accept_all(client_for, tagged, officer, academic):
    from django.contrib.contenttypes.models import ContentType

    _acme, other = tagged
    ct = ContentType.objects.get_for_model(other).pk
    url = f"/sdgs/tags/{ct}/{other.pk}/decide-all/"
    assert client_for(academic).post(url, {"decision": "accept"}).status_code == 403
    r = client_for(officer).post(url, {"decision": "accept"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r.content.decode().count('data-status="accepted"') == 2


def test_try_the_classifier(client, client_for, db, academic, fake_classifier):
    assert client.get("/sdgs/classify/").status_code == 302  # sign in first
    c = client_for(academic)
    page = c.post(
        "/sdgs/classify/", {"text": "A solar farm beside the old factory"}
    ).content.decode()
    assert 'data-goal="7"' in page and 'data-goal="9"' in page
    page = c.post("/sdgs/classify/", {"text": "short"}).content.decode()
    assert "is-invalid" in page and "short" in page  # error beside the field, text kept


def test_nav_items(client_for, framework, officer, academic):
    page = client_for(officer).get("/sdgs/").content.decode()
    assert 'href="/sdgs/review/"' in page
    page = client_for(academic).get("/sdgs/").content.decode()
    assert 'href="/sdgs/review/"' not in page and 'href="/sdgs/"' in page


def test_a_record_type_whose_permissions_fail_for_visitors_is_hidden_from_them(
    client, client_for, tagged, officer, monkeypatch
):
    import dataclasses

    from jalinan.sdgs import registry

    entry = registry.taggable_by_key("partners.organisation")

    def needs_a_unit(user, obj):  # as if written for signed-in staff only
        return user.unit_id is not None or user.is_superuser or bool(user.groups.all())

    monkeypatch.setitem(
        registry._REGISTRY, entry.key, dataclasses.replace(entry, can_view=needs_a_unit)
    )
    r = client.get("/sdgs/9/")
    assert r.status_code == 200 and "Acme" not in r.content.decode()
    assert "Acme" in client_for(officer).get("/sdgs/9/").content.decode()
