"""Test data for challenges: factory-boy factories for direct rows standing in a given status
(the workflow tests go through the services), proposals through the services where their
history matters (``make_proposal``), and expert profiles indexed for matching."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UserFactory
from jalinan.challenges.choices import ChallengeStatus, MemberRole, ProposalStatus, Visibility
from jalinan.challenges.models import Challenge, Invitation, Proposal, ProposalMember, Question
from jalinan.experts.tests.factories import ExpertProfileFactory, make_profile
from jalinan.partners.tests.factories import OrganisationFactory

__all__ = ["make_profile"]  # here too, as the challenges tests have always found it

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

CORROSION = {
    "title": "Corrosion of offshore pipelines",
    "problem_statement": (
        "Our carbon steel pipelines on offshore platforms show pitting corrosion in tropical "
        "seawater; we need a better cathodic protection design."
    ),
    "desired_outcome": "A tested anode layout that halves the corrosion rate.",
}
SPEECH = {
    "title": "Malay speech recognition for call centres",
    "problem_statement": (
        "Our call centre needs automatic speech recognition of Malay language calls, with "
        "code-switching between Bahasa Melayu and English."
    ),
    "desired_outcome": "A speech recognition model with a word error rate below 15%.",
}


def pdf_upload(name="spec.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


_PUBLISHED = (ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED, ChallengeStatus.AWARDED)


class ChallengeFactory(DjangoModelFactory):
    """A STAFF challenge (the corrosion one) standing in ``status``, published by default, its
    proposals due in 30 days; not indexed (``make_challenge`` indexes)."""

    class Meta:
        model = Challenge

    reference = factory.Sequence(lambda n: f"CH-TEST-{n:05d}")
    organisation = factory.SubFactory(OrganisationFactory)
    posted_by = None
    status = ChallengeStatus.PUBLISHED
    visibility = Visibility.STAFF
    proposal_deadline = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )
    title = CORROSION["title"]
    problem_statement = CORROSION["problem_statement"]
    desired_outcome = CORROSION["desired_outcome"]
    submitted_at = factory.LazyAttribute(
        lambda c: timezone.now() if c.status != ChallengeStatus.DRAFT else None
    )
    published_at = factory.LazyAttribute(
        lambda c: timezone.now() if c.status in _PUBLISHED else None
    )


class InvitationFactory(DjangoModelFactory):
    """A direct invitation row (the brokerage tests go through ``invitation_create``)."""

    class Meta:
        model = Invitation

    challenge = factory.SubFactory(ChallengeFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    invited_by = None


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    challenge = factory.SubFactory(ChallengeFactory)
    text = "Which steel grade are the pipelines?"


class ProposalFactory(DjangoModelFactory):
    """A draft proposal row, without the services' team, milestones and history
    (``make_proposal`` goes through them)."""

    class Meta:
        model = Proposal

    challenge = factory.SubFactory(ChallengeFactory)
    lead = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    title = "Graphene-enhanced anodes for offshore pipelines"
    approach = "Lab tests of three anode layouts, then a six-month field trial at Kerteh."


class ProposalMemberFactory(DjangoModelFactory):
    class Meta:
        model = ProposalMember

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory, roles=[Role.ACADEMIC])
    role = MemberRole.CO_RESEARCHER


def make_challenge(
    *,
    organisation,
    posted_by=None,
    status: str = ChallengeStatus.PUBLISHED,
    visibility: str = Visibility.STAFF,
    deadline: datetime.date | None | str = "default",
    index: bool = True,
    **fields,
) -> Challenge:
    """A challenge standing in ``status`` (published by default, deadline in 30 days), indexed
    for experts' "challenges for me" when published."""
    if deadline != "default":
        fields["proposal_deadline"] = deadline
    challenge = ChallengeFactory(
        organisation=organisation,
        posted_by=posted_by,
        status=status,
        visibility=visibility,
        **fields,
    )
    if index and status == ChallengeStatus.PUBLISHED:
        from jalinan.challenges.services.challenges import challenge_reindex

        challenge_reindex(challenge)
    return challenge


def invite(challenge: Challenge, profile, *, by=None) -> Invitation:
    """A direct invitation row (the brokerage tests go through ``invitation_create``)."""
    return InvitationFactory(challenge=challenge, expert=profile, invited_by=by)


PROPOSAL = {
    "title": "Graphene-enhanced anodes for offshore pipelines",
    "approach": "Lab tests of three anode layouts, then a six-month field trial at Kerteh.",
    "trl_start": 3,
    "trl_end": 6,
    "duration_months": 18,
    "budget": Decimal("250000.00"),
    "partner_provides": "Access to two platforms and corrosion logs since 2019.",
}


def make_proposal(
    challenge, lead, *, advanced_by, status=ProposalStatus.DRAFT, team=None, milestones=None, **kw
):
    """A proposal through the services (team, milestones, history), brought to ``status``
    (draft, submitted, assessment, finalist); ``advanced_by`` moves it past submitted."""
    from jalinan.challenges.services import proposals as svc
    from jalinan.challenges.services.reviews import proposal_advance

    proposal = svc.proposal_create(
        challenge=challenge,
        by=lead,
        team=team if team is not None else [{"name": "Siti (MSc student)", "role": "student"}],
        milestones=milestones
        if milestones is not None
        else [{"title": "Lab results", "month": 6}, {"title": "Field trial", "month": 18}],
        **{**PROPOSAL, **kw},
    )
    order = [ProposalStatus.SUBMITTED, ProposalStatus.ASSESSMENT, ProposalStatus.FINALIST]
    if status in order:
        proposal = svc.proposal_submit(proposal=proposal, by=lead)
        for _ in range(order.index(status)):
            proposal = proposal_advance(proposal=proposal, by=advanced_by)
    return proposal


def member_row(user, role=MemberRole.CO_RESEARCHER, contribution=""):
    """A team member as ``proposal_create``'s ``team`` takes it."""
    return {"user": user, "role": role, "contribution": contribution}
