import datetime
from decimal import Decimal

import pytest

from jalinan.projects.services import project_create


@pytest.fixture
def project(academic, officer, student, unit_eng, org_acme):
    """Led by the academic (Engineering), with Acme as partner and the student on the team."""
    return project_create(
        by=officer,
        title="Robotic welding cell",
        kind="contract",
        lead=academic,
        unit=unit_eng,
        organisations=[org_acme],
        summary="Automated welding for automotive parts.",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date.today() + datetime.timedelta(days=365),
        status="active",
        team=[
            {"user": student, "role": "student"},
            {"name": "Ir. Ahmad Fauzi", "role": "partner_staff"},
        ],
        funding=[
            {"year": 2025, "organisation": org_acme, "cash": Decimal("100000"), "in_kind": 0},
            {"year": 2026, "organisation": org_acme, "cash": "50000", "in_kind": "20000"},
            {"year": 2025, "organisation": None, "cash": "10000", "in_kind": 0},
        ],
        milestones=[
            {"title": "Cell design", "due_date": datetime.date(2025, 6, 30)},
            {
                "title": "Final report",
                "due_date": datetime.date.today() + datetime.timedelta(days=60),
            },
        ],
        quiet=True,
    )
