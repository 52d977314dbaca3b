"""Fixtures of the proposals tests (imported with ``from .proposal_fixtures import *``).

- ``colleague``: a second academic (Kulliyyah of ICT) with an expert profile.
- ``uninvited``: a third academic with a profile, invited to nothing.
- ``make_proposal(challenge, lead, status=..., **fields)``: a proposal through the services,
  brought to ``status`` (draft, submitted, assessment, finalist).
- ``capture``: runs the on-commit callbacks (the feedback e-mails) inside the test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.challenges.choices import MemberRole, ProposalStatus
from jalinan.challenges.services import proposals as svc
from jalinan.challenges.services.reviews import proposal_advance

from . import factories

__all__ = [
    "capture",
    "colleague",
    "make_proposal",
    "pipeline_opportunity",
    "uninvited",
]


@pytest.fixture
def colleague(speech_profile, ict_academic):
    return ict_academic


@pytest.fixture
def uninvited(db, unit_eng):
    user = user_create(
        email="uninvited@uni.test",
        full_name="Dr Umar Uninvited",
        password="x",
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )
    factories.make_profile(user, keywords=["welding"], biography="Welding of steel.")
    return user


PROPOSAL = {
    "title": "Graphene-enhanced anodes for offshore pipelines",
    "approach": "Lab tests of three anode layouts, then a six-month field trial at Kerteh.",
    "trl_start": 3,
    "trl_end": 6,
    "duration_months": 18,
    "budget": Decimal("250000.00"),
    "partner_provides": "Access to two platforms and corrosion logs since 2019.",
}


@pytest.fixture
def make_proposal(partner_user):
    def make(challenge, lead, *, status=ProposalStatus.DRAFT, team=None, milestones=None, **kw):
        fields = {**PROPOSAL, **kw}
        proposal = svc.proposal_create(
            challenge=challenge,
            by=lead,
            team=team if team is not None else [{"name": "Siti (MSc student)", "role": "student"}],
            milestones=milestones
            if milestones is not None
            else [{"title": "Lab results", "month": 6}, {"title": "Field trial", "month": 18}],
            **fields,
        )
        order = [ProposalStatus.SUBMITTED, ProposalStatus.ASSESSMENT, ProposalStatus.FINALIST]
        if status in order:
            proposal = svc.proposal_submit(proposal=proposal, by=lead)
            for _ in range(order.index(status)):
                proposal = proposal_advance(proposal=proposal, by=partner_user)
        return proposal

    return make


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def pipeline_opportunity(officer):
    def make(challenge):
        from jalinan.pipeline.selectors import opportunity_for_object
        from jalinan.pipeline.services import opportunity_create

        return opportunity_for_object(challenge) or opportunity_create(
            by=officer,
            source="challenge",
            title=challenge.title,
            organisation=challenge.organisation,
            source_object=challenge,
        )

    return make


def member_row(user, role=MemberRole.CO_RESEARCHER, contribution=""):
    return {"user": user, "role": role, "contribution": contribution}
