"""Fixtures of the second half of the technologies app (offers, catalogue, enquiries,
licences, spin-offs). Test modules import the ones they use.

- ``academic_profile``: Dr Amina's public expert profile;
- ``private_profile``: a private profile of another academic (never shown in the catalogue);
- ``offer``: a *published* offer of ``decided_disclosure`` ("Halal gelatin detection kit"),
  linked to ``patent_asset``, showing both profiles as inventors;
- ``draft_offer``: an unpublished offer;
- ``licence``: ``offer`` licensed to Acme (the ``partner_user``'s organisation).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.technologies import services

# Words of the confidential disclosure (conftest.DISCLOSURE_FIELDS) that must never be public.
CONFIDENTIAL = [
    "paper-strip immunoassay",
    "0.1% in processed food",
    "PCR-based methods need a laboratory",
]

OFFER_FIELDS = {
    "title": "Rapid halal authentication test for food gelatin",
    "tagline": "Tells the animal source of gelatin on the factory floor.",
    "field": "halal",
    "problem": "Food makers and halal certifiers must verify the animal origin of gelatin, "
    "and laboratory tests take days.",
    "solution": "A portable test kit that gives a clear answer in minutes, with no lab.",
    "advantages": "Fast, cheap, usable by non-specialists.",
    "applications": "Halal certification, food manufacturing, import inspection.",
    "trl": 5,
    "ip_status": "Patent granted (MyIPO)",
}


@pytest.fixture(autouse=True)
def _index(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def academic_profile(academic):
    from jalinan.experts.services import profile_create

    return profile_create(
        user=academic, by=academic, keywords=["food science", "halal"], is_public=True
    )


@pytest.fixture
def private_profile(db, unit_eng):
    from jalinan.experts.services import profile_create

    user = user_create(
        email="hidden@uni.test",
        full_name="Dr Hidden Inventor",
        password="x",
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )
    return profile_create(user=user, by=user, is_public=False)


@pytest.fixture
def draft_offer(officer, decided_disclosure, patent_asset, academic_profile, private_profile):
    return services.technology_create(
        by=officer,
        disclosure=decided_disclosure,
        assets=[patent_asset],
        inventors=[academic_profile, private_profile],
        **OFFER_FIELDS,
    )


@pytest.fixture
def offer(draft_offer, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.technology_publish(technology=draft_offer, by=officer)


@pytest.fixture
def licence(offer, officer, org_acme):
    return services.licence_create(
        by=officer,
        technology=offer,
        licensee=org_acme,
        exclusivity="exclusive",
        field_of_use="Food testing",
        territory="Malaysia",
        upfront_fee=Decimal("20000.00"),
        royalty_rate=Decimal("3.50"),
        start_date=datetime.date(2024, 1, 1),
        status="active",
    )


def make_offer(officer, title, problem, solution, **extra):
    tech = services.technology_create(
        by=officer,
        title=title,
        problem=problem,
        solution=solution,
        trl=extra.pop("trl", 4),
        **extra,
    )
    return services.technology_publish(technology=tech, by=officer)
