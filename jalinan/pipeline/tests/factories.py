"""Test data for the pipeline: ``OpportunityFactory`` for a row standing in some stage (no
stage history: ``opportunity_create`` and ``opportunity_move`` write it), and ``at``, the
fixed moments the pipeline tests are dated by."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jalinan.pipeline.models import Opportunity


def at(day: int, hour: int = 9) -> datetime.datetime:
    """A fixed moment in 2025: ``at(10)`` is 10 January 2025 plus (day - 10) days."""
    return timezone.make_aware(datetime.datetime(2025, 1, 1, hour)) + datetime.timedelta(
        days=day - 1
    )


class OpportunityFactory(DjangoModelFactory):
    """A direct opportunity, in the pipeline's first stage, of no organisation unless given."""

    class Meta:
        model = Opportunity

    reference = factory.Sequence(lambda n: f"OPP-TEST-{n:05d}")
    title = "Corrosion of offshore pipelines"
    source = "direct"
