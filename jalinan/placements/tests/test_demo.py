"""The demo data: deterministic, idempotent, scaled, and something to see for each login."""

import pytest
from django.core.management import call_command

from jalinan import matching
from jalinan.accounts.models import User
from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.models import Memorandum, Party
from jalinan.core.models import Notification
from jalinan.placements import ranking
from jalinan.placements.demo.planning import plan
from jalinan.placements.models import (
    Application,
    Evaluation,
    LogbookEntry,
    Opening,
    Placement,
    StudentProfile,
)


def counts():
    return tuple(
        m.objects.count()
        for m in (StudentProfile, Opening, Application, Placement, LogbookEntry, Evaluation)
    )


def test_the_plan_is_deterministic_and_scaled():
    a, b = plan(7, 1.0, 150, 3), plan(7, 1.0, 150, 3)
    assert a == b and len(a.students) == 400 and len(a.openings) == 150
    assert plan(8, 1.0, 150, 3) != a
    small = plan(7, 0.1, 150, 3)
    assert len(small.students) == 40 and len(small.openings) == 15
    paths = {tuple(x.path) for x in a.applications}
    ends = {p[-1] if p else "submitted" for p in paths}
    assert ends >= {"submitted", "shortlisted", "interview", "offered", "accepted",
                    "declined", "rejected", "withdrawn"}  # fmt: skip


@pytest.mark.slow
def test_seed_is_idempotent_and_each_login_has_something(db, client):
    call_command("seed_demo", academics=20, scale=0.15, verbosity=0)
    first = counts()
    call_command("seed_demo", academics=20, scale=0.15, verbosity=0)
    assert counts() == first
    profiles, openings, applications, placements, entries, evaluations = first
    assert profiles >= 60 and openings >= 20 and placements >= 15
    assert entries > placements and evaluations > 0
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses >= {"submitted", "shortlisted", "accepted", "rejected", "withdrawn"}
    assert Placement.objects.filter(status="completed").exists()
    assert Placement.objects.filter(status="active").exists()
    # Published openings and the students are indexed for the recommendations.
    published = set(Opening.objects.filter(status="published").values_list("pk", flat=True))
    indexed = {r.entity_id for r in matching.search(ranking.OPENINGS, "intern", k=500)}
    assert indexed == published
    assert len(matching.search(ranking.STUDENTS, "Python", k=500)) == profiles
    # Open openings fall under their organisation's Internship Agreement in force, if any.
    in_force = Memorandum.objects.filter(memo_type__code="ia", status__in=IN_FORCE)
    with_agreement = set(
        Party.objects.filter(memorandum__in=in_force).values_list("organisation_id", flat=True)
    )
    open_ones = Opening.objects.filter(status__in=["published", "pending"])
    assert not open_ones.filter(
        organisation_id__in=with_agreement, memorandum__isnull=True
    ).exists()
    for o in Opening.objects.exclude(memorandum=None).select_related("memorandum__memo_type"):
        assert o.memorandum.memo_type.code == "ia"
        assert o.memorandum.parties.filter(organisation_id=o.organisation_id).exists()
    # No mail was sent for the demo's notifications.
    assert not Notification.objects.filter(
        kind__startswith="placements.", emailed_at__isnull=True
    ).exists()
    for who, url, expect in [
        ("student", "/placements/placements/", "Pinang Semiconductor"),
        ("student", "/placements/applications/", "Graduate test engineer"),
        ("student", "/placements/eligible/", "Recommended openings"),
        ("partner", "/placements/applications/", "Test automation intern"),
        ("coordinator", "/placements/overview/", "students"),
        ("academic", "/my-work/", "Logbooks to review"),
        ("officer", "/placements/placements/", "In progress"),
    ]:
        client.force_login(User.objects.get(email=f"{who}@demo.iium.example"))
        resp = client.get(url)
        assert resp.status_code == 200 and expect in resp.content.decode(), (who, url)


def test_the_demo_links_openings_to_their_partners_internship_agreement(
    opening, other_opening, officer, unit_eng, academic, org_acme, org_other
):
    from jalinan.agreements.tests.factories import make_memo
    from jalinan.placements.demo.openings import link_memoranda

    class Ctx:
        counted: list = []

        def count(self, key, created):
            self.counted.append((key, created))

    ia = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], type_code="ia", status="active")
    make_memo(unit=unit_eng, pic=academic, parties=[org_other], type_code="moa", status="active")
    make_memo(unit=unit_eng, pic=academic, parties=[org_other], type_code="ia", status="draft")
    ctx = Ctx()
    link_memoranda(ctx, officer)
    link_memoranda(ctx, officer)
    assert Opening.objects.get(pk=opening.pk).memorandum == ia
    assert Opening.objects.get(pk=other_opening.pk).memorandum is None
    assert ctx.counted == [("memorandum links", True), ("memorandum links", False)]
