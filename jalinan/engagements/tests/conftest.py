import datetime

import pytest

from jalinan.agreements.choices import Status
from jalinan.agreements.tests.factories import make_memo, set_dates
from jalinan.engagements.services import activity_create


@pytest.fixture
def active_memo(academic, unit_eng, org_acme):
    memo = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status=Status.ACTIVE)
    return set_dates(memo, start=datetime.date(2020, 1, 1), end=datetime.date(2030, 1, 1))


@pytest.fixture
def activity(academic, officer, org_acme, active_memo, unit_eng, student):
    return activity_create(
        by=academic,
        title="Plant visit to Acme",
        activity_type="visit",
        date=datetime.date(2025, 3, 10),
        unit=unit_eng,
        organisations=[org_acme],
        memoranda=[active_memo],
        staff=[academic],
        students=[student],
        outcome="Two internship places offered.",
    )
