"""The brokerage: ranked experts with evidence for the office, invitations, and experts'
"challenges for me"."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jalinan.challenges.choices import ChallengeStatus, InvitationStatus, Visibility
from jalinan.challenges.models import Invitation
from jalinan.challenges.selectors import challenges as selectors
from jalinan.challenges.services import invitations as services
from jalinan.core.models import AuditEntry, Notification
from jalinan.pipeline.choices import Stage
from jalinan.pipeline.selectors import opportunity_for_object

from .factories import SPEECH

pytestmark = pytest.mark.django_db


def test_ranked_experts_put_the_fitting_one_first(
    challenge, officer, expert_profile, speech_profile
):
    matches = selectors.ranked_experts(challenge, officer)
    assert matches[0].profile == expert_profile
    assert matches[0].evidence and "corrosion" in matches[0].evidence[0].terms
    assert matches[0].invitation is None


def test_brokerage_section_for_the_office_only(
    client_for, challenge, officer, academic, partner_user, expert_profile, speech_profile
):
    body = client_for(officer).get(challenge.get_absolute_url()).content.decode()
    assert 'id="brokerage"' in body
    assert "Dr Amina Academic" in body
    # The evidence: the matching publication, its matched words highlighted.
    assert "<mark>Pitting</mark>" in body or "<mark>corrosion</mark>" in body
    assert "carbon steel pipelines" in body
    for user in (academic, partner_user):
        body = client_for(user).get(challenge.get_absolute_url()).content.decode()
        assert 'id="brokerage"' not in body
        assert "Sacrificial anode design" not in body


def test_brokerage_unit_filter(
    client_for, challenge, officer, expert_profile, speech_profile, unit_ict
):
    url = challenge.get_absolute_url() + f"?unit={unit_ict.pk}"
    body = client_for(officer).get(url).content.decode()
    assert "Dr Ravi ICT" in body
    assert f'id="inv-{expert_profile.pk}"' not in body


def test_invitation_notifies_the_expert_and_is_idempotent(
    challenge, officer, expert_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_create(
            challenge=challenge, expert=expert_profile, by=officer, message="You fit.", score=0.8
        )
    again = services.invitation_create(challenge=challenge, expert=expert_profile, by=officer)
    assert first.pk == again.pk
    assert Invitation.objects.count() == 1
    n = Notification.objects.get(recipient=expert_profile.user, kind="challenges.invitation")
    assert n.url == challenge.get_absolute_url() and "You fit." in n.body
    assert [m.to for m in mail.outbox] == [[expert_profile.user.email]]
    assert AuditEntry.objects.filter(object_id=str(challenge.pk), action="invite").count() == 1
    assert opportunity_for_object(challenge).stage == Stage.INTRODUCED


def test_only_the_office_invites_and_only_to_live_challenges(
    challenge, draft_challenge, partner_user, officer, expert_profile
):
    with pytest.raises(PermissionDenied):
        services.invitation_create(challenge=challenge, expert=expert_profile, by=partner_user)
    with pytest.raises(ValidationError):
        services.invitation_create(challenge=draft_challenge, expert=expert_profile, by=officer)


def test_invite_through_the_page(
    client_for, challenge, officer, expert_profile, speech_profile, outsider, academic
):
    url = reverse("challenges:challenge_invite", args=[challenge.pk])
    assert client_for(outsider).post(url, {"experts": [expert_profile.pk]}).status_code == 404
    assert client_for(academic).post(url, {"experts": [expert_profile.pk]}).status_code == 403
    client = client_for(officer)
    response = client.post(
        url,
        {
            "experts": [expert_profile.pk, speech_profile.pk],
            "message": "Please look",
            f"score_{expert_profile.pk}": "0.71",
        },
    )
    assert response.status_code == 302
    invs = {i.expert_id: i for i in Invitation.objects.all()}
    assert set(invs) == {expert_profile.pk, speech_profile.pk}
    assert invs[expert_profile.pk].score == pytest.approx(0.71)
    body = client.get(challenge.get_absolute_url()).content.decode()
    assert 'id="invitations"' in body and "Dr Ravi ICT" in body


def test_invited_expert_sees_banner_and_responds(
    client_for, confidential_challenge, officer, expert_profile, academic
):
    inv = services.invitation_create(
        challenge=confidential_challenge, expert=expert_profile, by=officer
    )
    client = client_for(academic)
    body = client.get(confidential_challenge.get_absolute_url()).content.decode()
    assert "invited you to answer this challenge" in body
    client.post(reverse("challenges:invitation_respond", args=[inv.pk]), {"accept": "1"})
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ACCEPTED
    assert Notification.objects.filter(
        recipient=officer, kind="challenges.invitation_response"
    ).exists()


def test_only_the_invitee_responds(client_for, challenge, officer, expert_profile, outsider):
    inv = services.invitation_create(challenge=challenge, expert=expert_profile, by=officer)
    url = reverse("challenges:invitation_respond", args=[inv.pk])
    assert client_for(outsider).post(url, {"accept": "1"}).status_code == 404
    assert client_for(officer).post(url, {"accept": "1"}).status_code == 404


def test_challenges_for_me_ranks_the_fitting_one_first(
    client_for, make_challenge, expert_profile, speech_profile, academic, ict_academic
):
    corrosion = make_challenge()
    speech = make_challenge(**SPEECH)
    confidential = make_challenge(
        **{**SPEECH, "title": "Secret speech project"}, visibility=Visibility.INVITED
    )
    make_challenge(status=ChallengeStatus.DRAFT, title="Draft pipelines corrosion")
    ranked = selectors.challenges_for_me(academic)
    assert ranked[0].challenge == corrosion
    assert "corrosion" in ranked[0].terms
    assert confidential.pk not in {m.challenge.pk for m in ranked}
    ranked = selectors.challenges_for_me(ict_academic)
    assert ranked[0].challenge == speech
    body = client_for(ict_academic).get(reverse("challenges:challenge_for_me")).content.decode()
    assert body.index(f'href="{speech.get_absolute_url()}"') < body.index(
        f'href="{corrosion.get_absolute_url()}"'
    )
    assert "<mark>" in body
    assert "Secret speech project" not in body


def test_challenges_for_me_page_refused_to_non_academics(client_for, partner_user, outsider):
    url = reverse("challenges:challenge_for_me")
    assert client_for(partner_user).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
