"""A challenge's life: created, submitted, returned, published, closed, cancelled."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jalinan import matching
from jalinan.challenges.choices import ChallengeStatus
from jalinan.challenges.models import Challenge
from jalinan.challenges.services import challenges as services
from jalinan.core.models import AuditEntry, Notification
from jalinan.core.registry import daily_jobs
from jalinan.pipeline.choices import Source, Stage
from jalinan.pipeline.selectors import opportunity_for_object

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Halal traceability for frozen poultry",
    "problem_statement": "We cannot prove the halal status of every carton along our cold chain.",
    "desired_outcome": "A traceability prototype our auditors accept.",
    "trl_min": 4,
    "trl_max": 7,
    "budget_min": 50000,
    "budget_max": 150000,
}


def _future(days=30):
    return timezone.localdate() + datetime.timedelta(days=days)


def _draft(partner_user, org_acme, **extra):
    return services.challenge_create(by=partner_user, organisation=org_acme, **{**FIELDS, **extra})


def test_partner_creates_for_own_organisation_only(partner_user, org_acme, org_other):
    c = _draft(partner_user, org_acme)
    assert c.status == ChallengeStatus.DRAFT
    assert c.reference.startswith(f"CH-{timezone.localdate().year}-")
    assert c.posted_by == partner_user
    assert AuditEntry.objects.filter(object_id=str(c.pk), action="create").exists()
    with pytest.raises(PermissionDenied):
        services.challenge_create(by=partner_user, organisation=org_other, **FIELDS)


def test_officer_posts_for_any_organisation(officer, org_other):
    c = services.challenge_create(by=officer, organisation=org_other, **FIELDS)
    assert c.organisation == org_other


def test_academic_cannot_post(academic, org_acme):
    with pytest.raises(PermissionDenied):
        services.challenge_create(by=academic, organisation=org_acme, **FIELDS)


def test_bad_trl_and_budget_rejected(partner_user, org_acme):
    with pytest.raises(ValidationError) as e:
        _draft(partner_user, org_acme, trl_min=7, trl_max=3, budget_min=9, budget_max=1)
    assert "trl_max" in e.value.message_dict and "budget_max" in e.value.message_dict
    assert not Challenge.objects.exists()


def test_submit_notifies_office_and_opens_opportunity(
    partner_user, org_acme, officer, oil_admin, django_capture_on_commit_callbacks
):
    c = _draft(partner_user, org_acme)
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_submit(challenge=c, by=partner_user)
    c.refresh_from_db()
    assert c.status == ChallengeStatus.SUBMITTED and c.submitted_at
    assert Notification.objects.filter(recipient=officer, kind="challenges.submitted").exists()
    assert Notification.objects.filter(recipient=oil_admin, kind="challenges.submitted").exists()
    assert any(officer.email in m.to for m in mail.outbox)
    opp = opportunity_for_object(c)
    assert opp is not None and opp.source == Source.CHALLENGE
    assert opp.organisation == org_acme and opp.stage == Stage.ENQUIRY
    # Returned and submitted again: the same opportunity.
    services.challenge_return(challenge=c, by=officer, comments="Give the volumes.")
    services.challenge_submit(challenge=c, by=partner_user)
    from jalinan.pipeline.models import Opportunity

    assert Opportunity.objects.filter(source_id=c.pk).count() == 1


def test_return_requires_comments_and_tells_the_poster(partner_user, org_acme, officer):
    c = _draft(partner_user, org_acme)
    services.challenge_submit(challenge=c, by=partner_user)
    with pytest.raises(ValidationError):
        services.challenge_return(challenge=c, by=officer, comments="  ")
    services.challenge_return(challenge=c, by=officer, comments="Say how many cartons a day.")
    c.refresh_from_db()
    assert c.status == ChallengeStatus.RETURNED
    assert c.review_comments == "Say how many cartons a day."
    n = Notification.objects.get(recipient=partner_user, kind="challenges.returned")
    assert "cartons" in n.body
    # The partner may change it again, then resubmit.
    services.challenge_update(challenge=c, by=partner_user, timeline="Pilot in 6 months")
    assert AuditEntry.objects.filter(object_id=str(c.pk), action="returned").exists()


def test_partner_cannot_change_after_submitting(partner_user, org_acme, officer):
    c = _draft(partner_user, org_acme)
    services.challenge_submit(challenge=c, by=partner_user)
    with pytest.raises(PermissionDenied):
        services.challenge_update(challenge=c, by=partner_user, title="Changed")
    services.challenge_update(challenge=c, by=officer, title="Tidied by the office")


def test_publish_requires_a_future_deadline(partner_user, org_acme, officer):
    c = _draft(partner_user, org_acme, proposal_deadline=timezone.localdate())
    services.challenge_submit(challenge=c, by=partner_user)
    with pytest.raises(ValidationError) as e:
        services.challenge_publish(challenge=c, by=officer)
    assert "proposal_deadline" in e.value.message_dict
    services.challenge_update(challenge=c, by=officer, proposal_deadline=_future())
    services.challenge_publish(challenge=c, by=officer)
    c.refresh_from_db()
    assert c.status == ChallengeStatus.PUBLISHED and c.published_by == officer
    assert Notification.objects.filter(recipient=partner_user, kind="challenges.published").exists()
    assert opportunity_for_object(c).stage == Stage.MATCHING
    assert [r.entity_id for r in matching.search("challenges", "halal traceability")] == [c.pk]


def test_partner_cannot_publish(partner_user, org_acme):
    c = _draft(partner_user, org_acme, proposal_deadline=_future())
    services.challenge_submit(challenge=c, by=partner_user)
    with pytest.raises(PermissionDenied):
        services.challenge_publish(challenge=c, by=partner_user)


def test_daily_job_closes_after_the_deadline_idempotently(partner_user, org_acme, officer):
    c = _draft(partner_user, org_acme, proposal_deadline=_future(3))
    services.challenge_submit(challenge=c, by=partner_user)
    services.challenge_publish(challenge=c, by=officer)
    assert services.challenges_close_expired(today=_future(3)) == 0  # the last day is open
    assert services.challenges_close_expired(today=_future(4)) == 1
    c.refresh_from_db()
    assert c.status == ChallengeStatus.CLOSED
    assert matching.search("challenges", "halal traceability") == []
    assert services.challenges_close_expired(today=_future(5)) == 0
    assert (
        Notification.objects.filter(recipient=partner_user, kind="challenges.closed").count() == 1
    )
    assert "challenges.close_expired" in {j.key for j in daily_jobs()}


def test_cancel_requires_a_reason_and_marks_the_opportunity_lost(partner_user, org_acme, officer):
    c = _draft(partner_user, org_acme, proposal_deadline=_future())
    services.challenge_submit(challenge=c, by=partner_user)
    services.challenge_publish(challenge=c, by=officer)
    with pytest.raises(ValidationError):
        services.challenge_cancel(challenge=c, by=partner_user, reason="")
    services.challenge_cancel(challenge=c, by=partner_user, reason="Solved in-house.")
    c.refresh_from_db()
    assert c.status == ChallengeStatus.CANCELLED
    assert opportunity_for_object(c).stage == Stage.LOST
    assert matching.search("challenges", "halal traceability") == []


# -- through the pages ------------------------------------------------------------------------


def test_partner_creates_through_the_form_and_keeps_typed_data(client_for, partner_user):
    client = client_for(partner_user)
    url = reverse("challenges:challenge_create")
    response = client.post(
        url,
        {
            **FIELDS,
            "trl_min": 7,
            "trl_max": 3,
            "visibility": "staff",
            "ip_expectation": "negotiable",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The highest TRL sought cannot be below the lowest." in body
    assert "Halal traceability for frozen poultry" in body
    response = client.post(url, {**FIELDS, "visibility": "staff", "ip_expectation": "negotiable"})
    c = Challenge.objects.get()
    assert response.status_code == 302 and response["Location"] == c.get_absolute_url()
    assert c.organisation == partner_user.organisation


def test_officer_form_has_organisation_field(client_for, officer, org_acme):
    client = client_for(officer)
    body = client.get(reverse("challenges:challenge_create")).content.decode()
    assert 'name="organisation"' in body
    client.post(
        reverse("challenges:challenge_create"),
        {**FIELDS, "organisation": org_acme.pk, "visibility": "public", "ip_expectation": "joint"},
    )
    assert Challenge.objects.get().organisation == org_acme


def test_create_refused_to_academic_and_outsider(client_for, academic, outsider):
    assert client_for(academic).get(reverse("challenges:challenge_create")).status_code == 403
    assert client_for(outsider).get(reverse("challenges:challenge_create")).status_code == 404


def test_actions_through_the_pages(client_for, partner_user, org_acme, officer, outsider):
    c = _draft(partner_user, org_acme, proposal_deadline=_future())
    client = client_for(partner_user)
    assert client.get(reverse("challenges:challenge_submit", args=[c.pk])).status_code == 200
    client.post(reverse("challenges:challenge_submit", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == ChallengeStatus.SUBMITTED
    assert client.post(reverse("challenges:challenge_publish", args=[c.pk])).status_code == 403
    client = client_for(officer)
    response = client.post(reverse("challenges:challenge_return", args=[c.pk]), {"comments": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(reverse("challenges:challenge_publish", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == ChallengeStatus.PUBLISHED
    client = client_for(outsider)
    assert client.post(reverse("challenges:challenge_close", args=[c.pk])).status_code == 404
    client = client_for(officer)
    client.post(reverse("challenges:challenge_close", args=[c.pk]))
    c.refresh_from_db()
    assert c.status == ChallengeStatus.CLOSED


def test_detail_shows_fields_days_left_and_history_for_office(
    client_for, officer, challenge, academic
):
    body = client_for(officer).get(challenge.get_absolute_url()).content.decode()
    assert "30 days left" in body
    assert "TRL 3–6" in body
    assert 'id="history-heading"' in body
    body = client_for(academic).get(challenge.get_absolute_url()).content.decode()
    assert 'id="history-heading"' not in body
