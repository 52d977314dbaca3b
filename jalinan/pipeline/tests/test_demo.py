import pytest
from django.core.management import call_command

from jalinan.pipeline.models import Opportunity, StageChange
from jalinan.pipeline.selectors import funnel


@pytest.mark.slow
def test_demo_pipeline_is_populated_and_idempotent(db):
    skip = ["experts", "engagements", "challenges", "technologies", "placements", "reports"]
    call_command("seed_demo", academics=10, scale=0.15, skip=skip, verbosity=0)
    counts = (Opportunity.objects.count(), StageChange.objects.count())
    assert counts[0] >= 20 and counts[1] > counts[0]
    figures = funnel(Opportunity.objects.all())
    assert figures["lost"]["total"] > 0 and figures["stages"][3]["reached"] > 0
    assert Opportunity.objects.filter(source="enquiry").exists()
    assert Opportunity.objects.filter(source="direct").exists()
    call_command("seed_demo", academics=10, scale=0.15, skip=skip, verbosity=0)
    assert (Opportunity.objects.count(), StageChange.objects.count()) == counts
