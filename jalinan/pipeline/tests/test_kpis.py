from jalinan.pipeline.services import opportunity_create, opportunity_move
from jalinan.reports.registry import Scope, figures, trends

from .factories import at


def test_figures_count_enquiries_and_conversions(officer, coordinator, opp, other_opp, unit_eng):
    opportunity_create(by=None, source="enquiry", title="From the web", unit=unit_eng, at=at(3))
    opportunity_move(opportunity=opp, to_stage="agreement", by=officer, at=at(9))
    scope = Scope(user=officer, year_from=2025, year_to=2025)
    values = {f.key: f.compute(scope) for f in figures()}
    assert values["pipeline.enquiries"] == 1
    assert values["pipeline.opened"] == 3
    assert values["pipeline.to_agreement"] == 1
    assert values["pipeline.agreement_rate"] == 33.3
    trend = {t.key: t.compute(scope) for t in trends()}
    assert trend["pipeline.enquiries"] == {2025: 1}
    assert trend["pipeline.to_agreement"] == {2025: 1}
    mine = Scope(user=coordinator, year_from=2025, year_to=2025)
    assert {f.key: f.compute(mine) for f in figures()}["pipeline.opened"] == 2
