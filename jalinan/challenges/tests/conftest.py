"""Shared fixtures of the challenges app (also used by the proposals and teams tests).

- ``challenge``: a published STAFF challenge of org_acme posted by partner_user, open 30 days.
- ``confidential_challenge``: the same, visible to invited experts only.
- ``draft_challenge``: org_acme's draft.
- ``expert_profile``: the ``academic``'s profile (corrosion, indexed); ``ict_academic`` and
  ``speech_profile``: a second academic (speech recognition, indexed).
- ``make_challenge(**fields)``: any other challenge (see factories.make_challenge).

The proposals' fixtures:

- ``colleague``: a second academic (Kulliyyah of ICT) with an expert profile.
- ``uninvited``: a third academic with a profile, invited to nothing.
- ``make_proposal(challenge, lead, status=..., **fields)``: a proposal through the services,
  brought to ``status`` (draft, submitted, assessment, finalist) by the ``partner_user``.
- ``capture``: runs the on-commit callbacks (the feedback e-mails) inside the test.
- ``pipeline_opportunity(challenge)``: the challenge's opportunity in the pipeline.
"""

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UserFactory
from jalinan.challenges.choices import ChallengeStatus, Visibility
from jalinan.matching.backends.memory import MemoryBackend

from . import factories


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def make_challenge(org_acme, partner_user):
    def make(**fields):
        fields.setdefault("organisation", org_acme)
        fields.setdefault("posted_by", partner_user)
        return factories.make_challenge(**fields)

    return make


@pytest.fixture
def challenge(make_challenge):
    return make_challenge()


@pytest.fixture
def confidential_challenge(make_challenge):
    return make_challenge(visibility=Visibility.INVITED, title="Confidential corrosion problem")


@pytest.fixture
def public_challenge(make_challenge):
    return make_challenge(visibility=Visibility.PUBLIC, title="Public corrosion problem")


@pytest.fixture
def draft_challenge(make_challenge):
    return make_challenge(status=ChallengeStatus.DRAFT, title="Draft corrosion problem")


@pytest.fixture
def expert_profile(academic):
    """Dr Amina (Kulliyyah of Engineering): corrosion and cathodic protection."""
    return factories.make_profile(
        academic,
        keywords=["corrosion", "cathodic protection", "pipelines"],
        biography="Materials engineer working on corrosion of offshore structures.",
        publications=[
            (
                "Pitting corrosion of carbon steel pipelines in tropical seawater",
                "Two-year exposure tests at three offshore platforms in Terengganu.",
                2022,
            ),
            ("Sacrificial anode design for jetties", "Cathodic protection of piles.", 2019),
        ],
    )


@pytest.fixture
def speech_profile(ict_academic):
    """Dr Ravi (Kulliyyah of ICT): Malay speech recognition."""
    return factories.make_profile(
        ict_academic,
        keywords=["speech recognition", "Malay language"],
        biography="Works on automatic speech recognition for Malay.",
        publications=[
            (
                "Deep learning for Malay speech recognition",
                "Acoustic models trained on broadcast news in Bahasa Melayu.",
                2023,
            )
        ],
    )


@pytest.fixture
def colleague(speech_profile, ict_academic):
    return ict_academic


@pytest.fixture
def uninvited(db, unit_eng):
    user = UserFactory(
        email="uninvited@uni.test",
        full_name="Dr Umar Uninvited",
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )
    factories.make_profile(user, keywords=["welding"], biography="Welding of steel.")
    return user


@pytest.fixture
def make_proposal(partner_user):
    def make(challenge, lead, **kw):
        return factories.make_proposal(challenge, lead, advanced_by=partner_user, **kw)

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
