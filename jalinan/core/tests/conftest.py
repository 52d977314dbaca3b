"""The world the visibility and authorization tests visit (see ``world.py``)."""

from __future__ import annotations

import pytest

from jalinan.partners.tests.factories import OrganisationFactory

from .world import build_world, extra_cast


@pytest.fixture
def org_third(db):
    return OrganisationFactory(
        legal_name="Third Party Industries Bhd", org_type="mnc", search_name="third party"
    )


@pytest.fixture
def cast(
    oil_admin,
    officer,
    coordinator,
    academic,
    student,
    committee,
    legal,
    ip_committee,
    management,
    partner_user,
    other_partner,
    outsider,
    unit_eng,
    unit_ict,
    org_acme,
    org_other,
    org_third,
):
    c = dict(locals())
    c |= extra_cast(unit_eng, unit_ict, org_third)
    return c


@pytest.fixture
def world(cast, settings, django_capture_on_commit_callbacks):
    from jalinan.matching.backends.memory import MemoryBackend

    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    with django_capture_on_commit_callbacks(execute=True):
        built = build_world(cast)
    yield built
    MemoryBackend.reset()
