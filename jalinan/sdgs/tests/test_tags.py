"""SDG tags on a record: suggestions from the classifier, decisions by people that survive
re-classification, permissions on the decision views."""

from django.contrib.contenttypes.models import ContentType

from jalinan.core.models import AuditEntry
from jalinan.partners.services import organisation_update
from jalinan.sdgs.models import SdgTag
from jalinan.sdgs.selectors import accepted_goals_for, filter_by_goal, tags_for
from jalinan.sdgs.services import sdg_apply_classification


def goals(org, status=None):
    return sorted(
        t.goal for t in tags_for(org, include_rejected=True) if not status or t.status == status
    )


def test_saving_a_record_suggests_tags_in_the_background(
    fake_classifier, officer, org_acme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=org_acme, by=officer, description="Solar panels for smart factories"
        )
    assert goals(org_acme) == [7, 9]
    assert all(t.status == "suggested" for t in tags_for(org_acme))


def test_unchanged_text_is_not_classified_again(fake_classifier, org_acme):
    org_acme.description = "solar"
    sdg_apply_classification(obj=org_acme)
    sdg_apply_classification(obj=org_acme)
    assert len(fake_classifier) == 1


def test_human_decisions_survive_reclassification(fake_classifier, officer, org_acme, client_for):
    org_acme.description = "Solar panels for smart factories"
    sdg_apply_classification(obj=org_acme)
    tag7 = SdgTag.objects.get(goal=7)
    tag9 = SdgTag.objects.get(goal=9)
    client = client_for(officer)
    assert client.post(f"/sdgs/tags/{tag7.pk}/decide/", {"decision": "accept"}).status_code == 302
    assert client.post(f"/sdgs/tags/{tag9.pk}/decide/", {"decision": "reject"}).status_code == 302
    # The text changes so that neither goal is suggested any more ...
    org_acme.description = "A bakery"
    sdg_apply_classification(obj=org_acme)
    # ... but both decisions stand, and the rejected tag is not offered again.
    assert goals(org_acme, "accepted") == [7]
    assert goals(org_acme, "rejected") == [9]
    assert AuditEntry.objects.filter(object_id=str(org_acme.pk), changes__has_key="SDG 7").exists()


def test_a_stale_suggestion_is_withdrawn(fake_classifier, org_acme):
    org_acme.description = "solar"
    sdg_apply_classification(obj=org_acme)
    org_acme.description = "factory"
    sdg_apply_classification(obj=org_acme)
    assert goals(org_acme) == [9]


def test_accepted_tags_filter_lists(fake_classifier, officer, org_acme, org_other):
    from jalinan.partners.models import Organisation
    from jalinan.sdgs.services import sdg_tag_add

    sdg_tag_add(obj=org_acme, goal=9, by=officer)
    org_other.description = "factory"
    sdg_apply_classification(obj=org_other)  # suggested only: does not count
    assert list(filter_by_goal(Organisation.objects.all(), 9)) == [org_acme]
    assert accepted_goals_for([org_acme, org_other]) == {org_acme.pk: [9]}


def test_who_may_decide(fake_classifier, org_acme, client_for, academic, outsider, partner_user):
    org_acme.description = "solar"
    sdg_apply_classification(obj=org_acme)
    tag = SdgTag.objects.get()
    ct = ContentType.objects.get_for_model(org_acme).pk
    # An outsider cannot see the organisation: 404, nothing leaks.
    c = client_for(outsider)
    assert c.post(f"/sdgs/tags/{tag.pk}/decide/", {"decision": "accept"}).status_code == 404
    assert c.post(f"/sdgs/tags/{ct}/{org_acme.pk}/add/", {"goal": 4}).status_code == 404
    # An academic may see it but not change it: 403.
    c = client_for(academic)
    assert c.post(f"/sdgs/tags/{tag.pk}/decide/", {"decision": "accept"}).status_code == 403
    # The partner's own user may change its organisation, so may decide.
    c = client_for(partner_user)
    r = c.post(f"/sdgs/tags/{ct}/{org_acme.pk}/add/", {"goal": 4}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and 'data-goal="4"' in r.content.decode()
    assert goals(org_acme, "accepted") == [4]


def test_the_organisation_page_shows_tags_with_buttons_for_editors(
    fake_classifier, org_acme, client_for, officer, academic
):
    org_acme.description = "solar"
    sdg_apply_classification(obj=org_acme)
    page = client_for(officer).get(f"/partners/{org_acme.pk}/").content.decode()
    assert 'data-goal="7"' in page and "Accept" in page
    page = client_for(academic).get(f"/partners/{org_acme.pk}/").content.decode()
    assert 'data-goal="7"' in page and ">Accept<" not in page
