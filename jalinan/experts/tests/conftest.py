import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.experts import services
from jalinan.matching.backends.memory import MemoryBackend


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def profile(academic):
    """Dr Amina (Kulliyyah of Engineering): a public profile with two publications."""
    p = services.profile_create(
        user=academic,
        by=academic,
        keywords=["corrosion", "cathodic protection", "pipelines"],
        biography="Materials engineer working on corrosion of offshore structures.",
        is_public=True,
    )
    services.publication_create(
        profile=p,
        by=academic,
        title="Pitting corrosion of carbon steel pipelines in tropical seawater",
        abstract="Two-year exposure tests at three offshore platforms in Terengganu.",
        year=2022,
        doi="10.1000/corr.2022.1",
    )
    services.publication_create(
        profile=p,
        by=academic,
        title="Sacrificial anode design for jetties",
        abstract="Cathodic protection of marine concrete piles.",
        year=2019,
    )
    return p


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
def private_profile(ict_academic):
    """Dr Ravi (Kulliyyah of ICT): a private profile."""
    p = services.profile_create(
        user=ict_academic,
        by=ict_academic,
        keywords=["speech recognition", "Malay language"],
        is_public=False,
    )
    services.publication_create(
        profile=p,
        by=ict_academic,
        title="Deep learning for Malay speech recognition",
        abstract="Acoustic models trained on broadcast news in Bahasa Melayu.",
        year=2023,
    )
    return p
