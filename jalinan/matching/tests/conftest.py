import pytest

from jalinan.matching.backends.memory import MemoryBackend


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()
