"""A small world with known counts for 2024 (a past year, so the figures do not move with
today's date). The expected figures are written next to each record.

Memoranda (2024, whole university): signed 3 (m1, m3, m6); in force on 31 Dec 2024: 3 (m1, m2,
m3: MOA 1, MOU 2); expiring within 180 days of it: 1 (m2); value signed RM 120,000 (m1).
Kulliyyah of Engineering (with its department of Mechanical Engineering): signed 2 (m1, m6),
in force 2 (m1, m2).
Activities in 2024: 3 (a1 meeting, a2 visit, a3 talk), partners engaged 3, staff 1,
students 1; engineering 2 (a1, a2).
Partners by the end of 2024: 4 active (acme, borneo, tokyo, yayasan), industry 3, new 2.
Placements starting in 2024: 2 (s1 at acme, completed, internship; s2 at tokyo, industry
project), the cancelled one and the 2023 one left out; openings published starting in 2024:
3; graduates of 2024: 3, employable 2 (66.7%).
Accepted SDG tags: SDG 17 on m1, m3, a1; SDG 9 on m1, m4 (in force in January 2024), a3.
Not counted: a suggested SDG 17 on m2 and a rejected SDG 9 on a2.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import UnitFactory, UserFactory
from jalinan.agreements.models import MemorandumType
from jalinan.agreements.services import types_ensure_defaults
from jalinan.agreements.tests.factories import MemorandumFactory
from jalinan.engagements.tests.factories import ActivityFactory
from jalinan.partners.models import Organisation
from jalinan.partners.tests.factories import OrganisationFactory
from jalinan.placements.tests.factories import (
    ApplicationFactory,
    GraduateOutcomeFactory,
    OpeningFactory,
    PlacementFactory,
    ProgrammeFactory,
    StudentProfileFactory,
)
from jalinan.sdgs.tests.factories import SdgTagFactory

YEAR = 2024
D = datetime.date


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@pytest.fixture
def unit_mech(unit_eng):
    return UnitFactory(
        code="koe-mech",
        name="Department of Mechanical Engineering",
        kind="department",
        parent=unit_eng,
    )


@pytest.fixture
def world(db, unit_eng, unit_mech, unit_ict, org_acme, org_other, officer, academic, student):
    types_ensure_defaults()
    mtype = {t.code: t for t in MemorandumType.objects.all()}
    orgs = {"acme": org_acme, "borneo": org_other}
    Organisation.objects.filter(pk=org_acme.pk).update(
        msic_section="C", lead_unit=unit_eng, created_at=_at(D(2023, 6, 1))
    )
    Organisation.objects.filter(pk=org_other.pk).update(
        msic_section="A", created_at=_at(D(2024, 2, 1))
    )
    orgs["tokyo"] = OrganisationFactory(
        legal_name="Tokyo Denki K.K.",
        org_type="mnc",
        search_name="tokyo denki",
        country="JP",
        msic_section="C",
        lead_unit=unit_ict,
    )
    orgs["yayasan"] = OrganisationFactory(
        legal_name="Yayasan Hijau", org_type="ngo", search_name="yayasan hijau"
    )
    orgs["prospect"] = OrganisationFactory(
        legal_name="Maybe Later Bhd.", org_type="sme", search_name="maybe later", status="prospect"
    )
    Organisation.objects.filter(pk=orgs["tokyo"].pk).update(created_at=_at(D(2024, 8, 1)))
    Organisation.objects.filter(pk=orgs["yayasan"].pk).update(created_at=_at(D(2022, 1, 1)))
    Organisation.objects.filter(pk=orgs["prospect"].pk).update(created_at=_at(D(2024, 3, 1)))

    def memo(ref, code, unit, status, parties, **fields):
        return MemorandumFactory(
            reference=ref,
            title=f"Memorandum {ref}",
            memo_type=mtype[code],
            initiating_unit=unit,
            person_in_charge=academic,
            scope="Joint work.",
            status=status,
            parties=parties,
            **fields,
        )

    m = {
        "m1": memo(
            "MOA/1",
            "moa",
            unit_eng,
            "active",
            [org_acme],
            signed_on=D(2024, 3, 1),
            start_date=D(2024, 3, 1),
            end_date=D(2027, 2, 28),
            value_cash=Decimal("100000"),
            value_in_kind=Decimal("20000"),
        ),
        "m2": memo(
            "MOU/2",
            "mou",
            unit_mech,
            "expiring",
            [org_acme, org_other],
            signed_on=D(2023, 5, 1),
            start_date=D(2023, 5, 1),
            end_date=D(2025, 4, 30),
        ),
        "m3": memo(
            "MOU/3",
            "mou",
            unit_ict,
            "active",
            [orgs["tokyo"]],
            signed_on=D(2024, 6, 15),
            start_date=D(2024, 7, 1),
            end_date=D(2026, 6, 30),
        ),
        "m4": memo(
            "MOA/4",
            "moa",
            unit_eng,
            "expired",
            [org_other],
            signed_on=D(2021, 1, 10),
            start_date=D(2021, 1, 10),
            end_date=D(2024, 1, 9),
        ),
        "m5": memo("MOA/5", "moa", unit_ict, "draft", [orgs["tokyo"]]),
        "m6": memo(
            "NDA/6",
            "nda",
            unit_eng,
            "terminated",
            [org_acme],
            signed_on=D(2024, 9, 1),
            start_date=D(2024, 9, 1),
            end_date=D(2025, 8, 31),
            terminated_on=D(2024, 11, 30),
        ),
    }

    def activity(title, kind, day, unit, partners, staff=(), students=()):
        return ActivityFactory(
            title=title,
            activity_type=kind,
            date=day,
            unit=unit,
            organisations=partners,
            staff=staff,
            students=students,
        )

    a = {
        "a1": activity(
            "Robotics meeting",
            "meeting",
            D(2024, 2, 10),
            unit_eng,
            [org_acme],
            staff=[academic],
            students=[student],
        ),
        "a2": activity("Plant visit", "visit", D(2024, 5, 5), unit_mech, [org_acme, org_other]),
        "a3": activity("Industry talk", "talk", D(2024, 5, 20), unit_ict, [orgs["tokyo"]]),
        "a4": activity("New Year's Eve meeting", "meeting", D(2023, 12, 31), unit_eng, [org_acme]),
        "a5": activity("Kick-off talk", "talk", D(2025, 1, 2), unit_eng, [org_acme]),
    }

    # Placements: students of engineering (s1–s3) and of ICT (s4).
    programme = ProgrammeFactory(code="beng", name="BEng", unit=unit_eng)
    students = {}
    for key, unit in (("s1", unit_eng), ("s2", unit_eng), ("s3", unit_eng), ("s4", unit_ict)):
        s = UserFactory(
            email=f"{key}@uni.test",
            full_name=f"Student {key}",
            password=None,
            roles=[Role.STUDENT],
            unit=unit,
        )
        StudentProfileFactory(user=s, programme=programme, kulliyyah=unit, year_of_study=3)
        students[key] = s

    def placement(key, org, kind, start, end, status):
        opening = OpeningFactory(
            organisation=org,
            kind=kind,
            title=f"Opening for {key}",
            description="Work.",
            starts_on=start,
            ends_on=end,
            deadline=start - datetime.timedelta(days=30),
            status="closed",
            published_at=_at(start - datetime.timedelta(days=60)),
        )
        app = ApplicationFactory(
            opening=opening, student=students[key], cover_note="Hello.", status="accepted"
        )
        return PlacementFactory(
            application=app,
            student=students[key],
            organisation=org,
            starts_on=start,
            ends_on=end,
            status=status,
        )

    p = {
        "s1": placement("s1", org_acme, "internship", D(2024, 6, 1), D(2024, 8, 31), "completed"),
        "s2": placement(
            "s2", orgs["tokyo"], "industry_project", D(2024, 7, 1), D(2024, 12, 31), "active"
        ),
        "s3": placement("s3", org_acme, "internship", D(2024, 3, 1), D(2024, 5, 31), "cancelled"),
        "s4": placement("s4", org_acme, "internship", D(2023, 6, 1), D(2023, 8, 31), "completed"),
    }
    for key, day, status, within in (
        ("s1", D(2024, 7, 1), "employed", True),
        ("s2", D(2024, 9, 1), "further_study", True),
        ("s3", D(2024, 10, 1), "not_working", False),
    ):
        GraduateOutcomeFactory(
            student=students[key],
            graduated_on=day,
            status=status,
            within_six_months=within,
            started_on=day + datetime.timedelta(days=30) if within else None,
            employer_organisation=org_acme if status == "employed" else None,
            with_placement_partner=status == "employed",
        )

    def tag(obj, goal, status="accepted", terms=()):
        return SdgTagFactory(
            record=obj,
            goal=goal,
            status=status,
            confidence=0.87,
            decided_by=officer if status != "suggested" else None,
            decided_at=_at(D(2024, 12, 1)) if status != "suggested" else None,
            evidence={
                "targets": [
                    {"code": f"{goal}.17" if goal == 17 else f"{goal}.5", "text": "", "score": 0.6}
                ],
                "terms": list(terms),
            },
        )

    tag(m["m1"], 17, terms=["partnership"])
    tag(m["m1"], 9, terms=["innovation"])
    tag(m["m3"], 17)
    tag(m["m4"], 9)
    tag(m["m2"], 17, status="suggested")
    tag(a["a1"], 17)
    tag(a["a3"], 9, terms=["industry"])
    tag(a["a2"], 9, status="rejected")
    return SimpleNamespace(
        orgs=orgs,
        memoranda=m,
        activities=a,
        placements=p,
        students=students,
        eng=unit_eng,
        mech=unit_mech,
        ict=unit_ict,
    )
