"""The demo's challenges: every status, the demo partner's own set, invitations, idempotent."""

import pytest
from django.core.management import call_command

from jalinan.accounts.models import User
from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.challenges.models import Challenge, Invitation
from jalinan.challenges.permissions import can_view_challenge
from jalinan.pipeline.selectors import opportunity_for_object

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_challenges(django_capture_on_commit_callbacks):
    call_command("seed_demo", academics=20, scale=0.3, verbosity=0)
    first = (Challenge.objects.count(), Invitation.objects.count())
    call_command("seed_demo", academics=20, scale=0.3, verbosity=0)
    assert (Challenge.objects.count(), Invitation.objects.count()) == first
    logins = {u.email.split("@")[0]: u for u in User.objects.filter(email__contains="@demo.")}
    own = Challenge.objects.filter(organisation=logins["partner"].organisation)
    statuses = set(own.values_list("status", flat=True))
    assert {"draft", "returned", "submitted", "published"} <= statuses
    returned = own.get(status=ChallengeStatus.RETURNED)
    assert returned.review_comments
    assert Invitation.objects.filter(challenge__organisation=logins["partner"].organisation)
    assert opportunity_for_object(own.get(status=ChallengeStatus.SUBMITTED)) is not None
    confidential = own.get(visibility=Visibility.INVITED)
    assert can_view_challenge(logins["academic"], confidential)
    assert Challenge.objects.filter(status=ChallengeStatus.PUBLISHED).count() >= 5
    assert len(set(Challenge.objects.values_list("organisation", flat=True))) > 3
