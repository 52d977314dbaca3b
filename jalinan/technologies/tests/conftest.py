"""Fixtures of the technologies app, shared by both halves of its tests.

- ``draft_disclosure``: the ``academic`` (60%) and the ``student`` (40%), still a draft;
- ``received_disclosure``: the same, submitted;
- ``decided_disclosure``: the same, assessed and decided "protect" by the ``officer``;
- ``patent_asset``: a granted MyIPO patent of ``decided_disclosure`` (filed 1 March 2021,
  granted 15 June 2024), with its computed deadlines;
- ``pct_asset``: a PCT application in the same family (priority 1 March 2021);
- ``other_academic``: an academic of the same KCDIO who is not an inventor (must get 404).

The second half (offers, catalogue, enquiries, licences, spin-offs):

- ``academic_profile``: Dr Amina's public expert profile;
- ``private_profile``: a private profile of another academic (never shown in the catalogue);
- ``offer``: a *published* offer of ``decided_disclosure`` ("Halal gelatin detection kit"),
  linked to ``patent_asset``, showing both profiles as inventors;
- ``draft_offer``: an unpublished offer;
- ``licence``: ``offer`` licensed to Acme (the ``partner_user``'s organisation).

Every test has the stand-in embedder and a clean in-memory index (``_index``). The texts and
helpers the tests share are in ``factories.py``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UserFactory
from jalinan.matching.backends.memory import MemoryBackend
from jalinan.technologies import services
from jalinan.technologies.choices import AssetKind, AssetStatus, Decision, IPOffice
from jalinan.technologies.services.assets import asset_create
from jalinan.technologies.services.disclosures import (
    disclosure_create,
    disclosure_decide,
    disclosure_start_assessment,
    disclosure_submit,
)

from .factories import DISCLOSURE_FIELDS, OFFER_FIELDS, inventors_of


@pytest.fixture(autouse=True)
def _index(settings):
    settings.JALINAN_EMBEDDER = "hashing"
    MemoryBackend.reset()
    yield
    MemoryBackend.reset()


@pytest.fixture
def other_academic(db, unit_eng):
    return UserFactory(
        email="other.academic@uni.test",
        full_name="Dr Bakar Bystander",
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )


@pytest.fixture
def draft_disclosure(academic, student, unit_eng):
    return disclosure_create(
        by=academic,
        inventors=inventors_of(academic, student),
        public_disclosures=[],
        unit=unit_eng,
        **DISCLOSURE_FIELDS,
    )


@pytest.fixture
def received_disclosure(draft_disclosure, academic):
    return disclosure_submit(disclosure=draft_disclosure, by=academic)


@pytest.fixture
def decided_disclosure(received_disclosure, officer):
    disclosure_start_assessment(disclosure=received_disclosure, by=officer)
    return disclosure_decide(
        disclosure=received_disclosure,
        by=officer,
        decision=Decision.PROTECT,
        reasons="Novel, with a clear market in halal certification.",
    )


@pytest.fixture
def patent_asset(decided_disclosure, officer):
    return asset_create(
        by=officer,
        disclosure=decided_disclosure,
        kind=AssetKind.PATENT,
        title="Immunoassay strip for detecting porcine gelatin",
        office=IPOffice.MYIPO,
        application_number="PI 2021001234",
        filing_date=datetime.date(2021, 3, 1),
        priority_date=datetime.date(2021, 3, 1),
        status=AssetStatus.GRANTED,
        granted_on=datetime.date(2024, 6, 15),
        grant_number="MY-190001-A",
    )


@pytest.fixture
def pct_asset(patent_asset, officer):
    return asset_create(
        by=officer,
        disclosure=patent_asset.disclosure,
        kind=AssetKind.PATENT,
        title=patent_asset.title,
        office=IPOffice.PCT,
        application_number="PCT/MY2022/050012",
        filing_date=datetime.date(2022, 2, 28),
        priority_date=datetime.date(2021, 3, 1),
        status=AssetStatus.PUBLISHED,
        family=patent_asset,
    )


@pytest.fixture
def academic_profile(academic):
    from jalinan.experts.services import profile_create

    return profile_create(
        user=academic, by=academic, keywords=["food science", "halal"], is_public=True
    )


@pytest.fixture
def private_profile(db, unit_eng):
    from jalinan.experts.services import profile_create

    user = UserFactory(
        email="hidden@uni.test",
        full_name="Dr Hidden Inventor",
        roles=[Role.ACADEMIC],
        unit=unit_eng,
    )
    return profile_create(user=user, by=user, is_public=False)


@pytest.fixture
def draft_offer(officer, decided_disclosure, patent_asset, academic_profile, private_profile):
    return services.offers.technology_create(
        by=officer,
        disclosure=decided_disclosure,
        assets=[patent_asset],
        inventors=[academic_profile, private_profile],
        **OFFER_FIELDS,
    )


@pytest.fixture
def offer(draft_offer, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.offers.technology_publish(technology=draft_offer, by=officer)


@pytest.fixture
def licence(offer, officer, org_acme):
    return services.licences.licence_create(
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
