"""Shared fixtures of the challenges app (also used by the proposals and teams tests).

- ``challenge``: a published STAFF challenge of org_acme posted by partner_user, open 30 days.
- ``confidential_challenge``: the same, visible to invited experts only.
- ``draft_challenge``: org_acme's draft.
- ``expert_profile``: the ``academic``'s profile (corrosion, indexed); ``ict_academic`` and
  ``speech_profile``: a second academic (speech recognition, indexed).
- ``make_challenge(**fields)``: any other challenge (see factories.make_challenge).
"""

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
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
def ict_academic(db, unit_ict):
    return user_create(
        email="ict@uni.test",
        full_name="Dr Ravi ICT",
        password="x",
        roles=[Role.ACADEMIC],
        unit=unit_ict,
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
