import pytest

from jalinan.experts.tests.factories import make_corrosion_expert, make_speech_expert
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.pipeline.services import opportunity_create

from .factories import at


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def profile(academic):
    """Dr Amina's public expert profile (corrosion), for the enquiry form's suggestions."""
    return make_corrosion_expert(academic)


@pytest.fixture
def private_profile(ict_academic):
    """Dr Ravi's private expert profile (speech recognition): never suggested."""
    return make_speech_expert(ict_academic, is_public=False)


@pytest.fixture
def opp(officer, org_acme, unit_eng):
    return opportunity_create(
        by=officer,
        source="direct",
        title="Corrosion of offshore pipelines",
        description="Acme sees pitting on its pipelines.",
        organisation=org_acme,
        contact_name="Ali Acme",
        contact_email="ali@acme.test",
        unit=unit_eng,
        owner=officer,
        at=at(1),
    )


@pytest.fixture
def other_opp(officer, org_other, unit_ict):
    return opportunity_create(
        by=officer,
        source="direct",
        title="Timber drying kilns",
        organisation=org_other,
        unit=unit_ict,
        at=at(2),
    )
