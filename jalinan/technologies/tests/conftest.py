"""Fixtures of the technologies app, shared by both halves of its tests.

- ``draft_disclosure``: the ``academic`` (60%) and the ``student`` (40%), still a draft;
- ``received_disclosure``: the same, submitted;
- ``decided_disclosure``: the same, assessed and decided "protect" by the ``officer``;
- ``patent_asset``: a granted MyIPO patent of ``decided_disclosure`` (filed 1 March 2021,
  granted 15 June 2024), with its computed deadlines;
- ``pct_asset``: a PCT application in the same family (priority 1 March 2021);
- ``other_academic``: an academic of the same KCDIO who is not an inventor (must get 404).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jalinan.accounts.roles import Role
from jalinan.accounts.services import user_create
from jalinan.technologies.choices import AssetKind, AssetStatus, Decision, IPOffice
from jalinan.technologies.services import (
    asset_create,
    disclosure_create,
    disclosure_decide,
    disclosure_start_assessment,
    disclosure_submit,
)

PASSWORD = "correct-horse-battery-staple"  # noqa: S105

DISCLOSURE_FIELDS = {
    "title": "Halal gelatin detection kit",
    "description": "A paper-strip immunoassay that tells porcine from bovine gelatin.",
    "novelty": "Detects porcine gelatin at 0.1% in processed food within ten minutes.",
    "prior_art": "PCR-based methods need a laboratory.",
    "funding_source": "FRGS",
    "trl": 4,
    "applications": "Halal certification, food factories.",
    "target_industries": "Food, halal certification",
}


def inventors_of(academic, student):
    return [
        {"user": academic, "share": Decimal("60")},
        {"user": student, "is_student": True, "share": Decimal("40")},
    ]


@pytest.fixture
def other_academic(db, unit_eng):
    return user_create(
        email="other.academic@uni.test",
        full_name="Dr Bakar Bystander",
        password=PASSWORD,
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
