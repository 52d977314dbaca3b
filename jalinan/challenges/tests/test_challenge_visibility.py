"""Who sees which challenge: every role against every visibility and status."""

import pytest
from django.test import Client
from django.urls import reverse

from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.permissions import can_answer_challenge, can_view_challenge
from jalinan.challenges.selectors import challenges as selectors

from .factories import invite

pytestmark = pytest.mark.django_db


def _status(client, challenge):
    return client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).status_code


def test_public_challenge_is_read_by_anonymous_visitors(client, public_challenge):
    response = client.get(public_challenge.get_absolute_url())
    assert response.status_code == 200
    assert "Public corrosion problem" in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "cancelled"])
def test_unpublished_public_challenge_hidden_from_visitors_and_staff(
    client, client_for, make_challenge, academic, status
):
    c = make_challenge(status=status, visibility=Visibility.PUBLIC)
    assert _status(client, c) == 404
    assert _status(client_for(academic), c) == 404


def test_staff_challenge(
    client, client_for, challenge, academic, student, partner_user, other_partner, outsider, officer
):
    assert _status(client, challenge) == 404
    assert _status(client_for(outsider), challenge) == 404
    assert _status(client_for(student), challenge) == 404
    assert _status(client_for(other_partner), challenge) == 404
    assert _status(client_for(academic), challenge) == 200
    assert _status(client_for(partner_user), challenge) == 200
    assert _status(client_for(officer), challenge) == 200


def test_confidential_challenge_only_for_invitees(
    client,
    client_for,
    confidential_challenge,
    expert_profile,
    speech_profile,
    academic,
    ict_academic,
    partner_user,
    other_partner,
    outsider,
    officer,
    coordinator,
):
    c = confidential_challenge
    invite(c, expert_profile)
    assert _status(client_for(academic), c) == 200  # invited
    assert _status(client_for(ict_academic), c) == 404  # uninvited academic
    assert _status(client_for(coordinator), c) == 404
    assert _status(client_for(other_partner), c) == 404
    assert _status(client_for(outsider), c) == 404
    assert _status(client_for(partner_user), c) == 200
    assert _status(client_for(officer), c) == 200
    client.logout()
    assert _status(client, c) == 404


def test_confidential_challenge_visible_to_proposal_team_members(
    confidential_challenge, ict_academic, student
):
    from .factories import ProposalFactory, ProposalMemberFactory

    assert not can_view_challenge(student, confidential_challenge)
    proposal = ProposalFactory(challenge=confidential_challenge, lead=ict_academic)
    ProposalMemberFactory(proposal=proposal, user=student)
    assert can_view_challenge(ict_academic, confidential_challenge)
    assert can_view_challenge(student, confidential_challenge)
    assert confidential_challenge in selectors.challenges_for(student)


def test_drafts_only_for_the_partner_and_the_office(
    client_for, draft_challenge, partner_user, other_partner, officer, academic
):
    assert _status(client_for(partner_user), draft_challenge) == 200
    assert _status(client_for(officer), draft_challenge) == 200
    assert _status(client_for(other_partner), draft_challenge) == 404
    assert _status(client_for(academic), draft_challenge) == 404


def test_challenges_for_agrees_with_can_view(
    make_challenge,
    expert_profile,
    academic,
    ict_academic,
    partner_user,
    other_partner,
    outsider,
    officer,
    student,
    speech_profile,
):
    from django.contrib.auth.models import AnonymousUser

    made = []
    for status in ChallengeStatus.values:
        for visibility in Visibility.values:
            made.append(make_challenge(status=status, visibility=visibility, title=status))
    for c in made:
        if c.visibility == Visibility.INVITED:
            invite(c, expert_profile)
    for user in (
        academic,
        ict_academic,
        partner_user,
        other_partner,
        outsider,
        officer,
        student,
        AnonymousUser(),
    ):
        listed = set(selectors.challenges_for(user).values_list("pk", flat=True))
        expected = {c.pk for c in made if can_view_challenge(user, c)}
        assert listed == expected, user


def test_list_page_shows_only_what_one_may_see(
    client_for, challenge, confidential_challenge, draft_challenge, academic, outsider
):
    page = client_for(academic).get(reverse("challenges:challenge_list")).content.decode()
    assert challenge.title in page
    assert confidential_challenge.title not in page
    assert draft_challenge.title not in page


def test_list_refuses_outsider(client_for, outsider, challenge):
    assert client_for(outsider).get(reverse("challenges:challenge_list")).status_code == 404


def test_open_calls_for_anonymous_list_public_open_ones(
    client, public_challenge, challenge, make_challenge
):
    import datetime

    past = make_challenge(
        visibility=Visibility.PUBLIC, title="Past public call", deadline=datetime.date(2020, 1, 1)
    )
    page = client.get(reverse("challenges:challenge_open")).content.decode()
    assert public_challenge.title in page
    assert challenge.title not in page  # staff only
    assert past.title not in page


def test_can_answer(
    challenge,
    confidential_challenge,
    expert_profile,
    speech_profile,
    academic,
    ict_academic,
    partner_user,
    student,
    make_challenge,
):
    import datetime

    assert can_answer_challenge(academic, challenge)
    assert not can_answer_challenge(partner_user, challenge)
    assert not can_answer_challenge(student, challenge)
    invite(confidential_challenge, expert_profile)
    assert can_answer_challenge(academic, confidential_challenge)
    assert not can_answer_challenge(ict_academic, confidential_challenge)
    past = make_challenge(deadline=datetime.date(2020, 1, 1))
    assert not can_answer_challenge(academic, past)


def test_academic_without_profile_cannot_answer(challenge, academic):
    assert not can_answer_challenge(academic, challenge)


def test_the_outsider_sees_the_open_calls_a_visitor_sees(
    client_for, outsider, challenge, draft_challenge, public_challenge, make_challenge
):
    """The open calls list, signed in with no role: the public challenge, as for a visitor,
    and not the staff-only, draft or submitted ones."""
    submitted = make_challenge(
        status=ChallengeStatus.SUBMITTED, title="Submitted corrosion problem"
    )
    url = reverse("challenges:challenge_open")
    seen, as_visitor = client_for(outsider).get(url), Client().get(url)
    assert seen.status_code == as_visitor.status_code == 200
    body, visitor_body = seen.content.decode(), as_visitor.content.decode()
    assert public_challenge.title in body
    for hidden in (challenge, draft_challenge, submitted):
        assert (hidden.title in body) == (hidden.title in visitor_body), hidden.title
        assert hidden.reference not in body, hidden.title


def test_a_public_challenge_page_is_the_visitors_for_the_outsider(
    client_for, outsider, public_challenge
):
    url = public_challenge.get_absolute_url()
    assert client_for(outsider).get(url).status_code == Client().get(url).status_code == 200
