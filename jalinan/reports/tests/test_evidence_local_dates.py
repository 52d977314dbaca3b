"""Evidence dates are the office's local dates: a challenge submitted, or an opening
published, at 04:00 on New Year's Day in Kuala Lumpur (20:00 UTC the evening before) counts
as the new year's evidence, as every other app's records do."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import override_settings

from jalinan.challenges.kpis import CHALLENGES
from jalinan.placements.kpis import OPENINGS

NEW_YEAR_KL = datetime.datetime(2025, 12, 31, 20, 0, tzinfo=datetime.UTC)


@override_settings(TIME_ZONE="Asia/Kuala_Lumpur")
@pytest.mark.parametrize(
    "records, field",
    [(CHALLENGES, "submitted_at"), (OPENINGS, "published_at")],
    ids=["challenge", "opening"],
)
def test_an_evidence_date_is_the_local_date(records, field):
    record = SimpleNamespace(**{field: NEW_YEAR_KL})
    assert records.date(record) == datetime.date(2026, 1, 1)
    assert records.date(SimpleNamespace(**{field: None})) is None
