import datetime

import pytest
from django.utils import timezone

from jalinan.experts.tests.conftest import (  # noqa: F401 - fixtures for the enquiry form
    _stand_in_embedder,
    ict_academic,
    private_profile,
    profile,
)
from jalinan.pipeline.services import opportunity_create


def at(day: int, hour: int = 9) -> datetime.datetime:
    """A fixed moment in 2025: ``at(10)`` is 10 January 2025 plus (day - 10) days."""
    return timezone.make_aware(datetime.datetime(2025, 1, 1, hour)) + datetime.timedelta(
        days=day - 1
    )


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
