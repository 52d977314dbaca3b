import pytest

from jalinan.matching.backends.memory import MemoryBackend

from .factories import make_corrosion_expert, make_speech_expert


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def profile(academic):
    """Dr Amina (Kulliyyah of Engineering): a public profile with two publications."""
    return make_corrosion_expert(academic)


@pytest.fixture
def private_profile(ict_academic):
    """Dr Ravi (Kulliyyah of ICT): a private profile."""
    return make_speech_expert(ict_academic, is_public=False)
