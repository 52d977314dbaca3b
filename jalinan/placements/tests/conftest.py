from datetime import timedelta

import pytest

from jalinan.matching.backends.memory import MemoryBackend
from jalinan.placements import services

from .factories import (
    make_opening,
    make_placement,
    make_profile,
    make_programme,
    make_student,
    today,
)


@pytest.fixture(autouse=True)
def _stand_in_embedder(settings):
    """The deterministic stand-in embedder, and no in-memory index left over from another
    test's (rolled back) database."""
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def mech(unit_eng):
    return make_programme(unit_eng)


@pytest.fixture
def ict_programme(unit_ict):
    return make_programme(unit_ict, code="bit", name="Bachelor of Information Technology")


@pytest.fixture
def profile(student, mech):
    return make_profile(student, mech, consent=True)


@pytest.fixture
def student2(unit_eng, mech):
    user = make_student("student2@uni.test", "Badrul Second", unit_eng)
    make_profile(user, mech, year=3, cgpa="3.02", consent=False)
    return user


@pytest.fixture
def opening(org_acme, officer, mech, partner_user):
    # Posted by an officer for Acme: published at once. (partner_user: Acme has a user.)
    return make_opening(org_acme, officer, programmes=[mech])


@pytest.fixture
def other_opening(org_other, officer, other_partner):
    return make_opening(org_other, officer, title="Timber analyst")


@pytest.fixture
def application(opening, student, profile):
    from .factories import make_application

    return make_application(opening, student, consent=True)


@pytest.fixture
def placement(opening, student, profile, partner_user, academic, coordinator):
    p = make_placement(opening, student, partner_user)
    return services.placements.placement_update(
        placement=p,
        by=coordinator,
        academic_supervisor=academic,
        industry_supervisor_name="Lim Wei",
        industry_supervisor_email="lim.wei@acme.test",
    )


@pytest.fixture
def running_placement(placement, coordinator):
    """The placement moved into the past: five weeks in, ending in ten."""
    return services.placements.placement_update(
        placement=placement,
        by=coordinator,
        starts_on=today() - timedelta(days=35),
        ends_on=today() + timedelta(days=70),
    )
