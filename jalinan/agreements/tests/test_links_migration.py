"""The memorandum's project and proposal numbers become the projects' and proposals' foreign
keys (projects 0002, challenges 0003), then go (agreements 0006): every link that pointed at
an existing row is kept; a foreign key already naming another memorandum wins; a number
naming nothing is dropped. Backwards, the numbers come back from the foreign keys."""

import logging

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jalinan.agreements.tests.factories import make_memo
from jalinan.challenges.models import Proposal
from jalinan.challenges.tests.factories import make_challenge
from jalinan.projects.models import Project
from jalinan.projects.services import project_create

BEFORE = [
    ("agreements", "0005_backfill_pic_assigned_by_and_submitted_by"),
    ("projects", "0001_initial"),
    ("challenges", "0002_proposal_project"),
]


def _project(title, *, by, unit, org, memorandum=None):
    return project_create(
        by=by,
        title=title,
        kind="collaborative",
        lead=by,
        unit=unit,
        organisations=[org],
        memorandum=memorandum,
        quiet=True,
    )


def _proposal(title, *, challenge, lead, memorandum=None):
    return Proposal.objects.create(
        challenge=challenge, lead=lead, title=title, approach="Tests.", memorandum=memorandum
    )


@pytest.mark.django_db(transaction=True)
def test_numbers_become_foreign_keys_and_back(academic, unit_eng, org_acme, caplog):
    memos = {
        name: make_memo(unit=unit_eng, pic=academic, parties=[org_acme], title=name)
        for name in ("typed", "clashing", "linked", "dangling")
    }
    challenge = make_challenge(organisation=org_acme, index=False)
    free_project = _project("Free", by=academic, unit=unit_eng, org=org_acme)
    linked_project = _project(
        "Linked", by=academic, unit=unit_eng, org=org_acme, memorandum=memos["linked"]
    )
    free_proposal = _proposal("Free", challenge=challenge, lead=academic)
    linked_proposal = _proposal(
        "Linked", challenge=challenge, lead=academic, memorandum=memos["linked"]
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldMemorandum = old.get_model("agreements", "Memorandum")
    # backwards: the foreign keys came back as numbers
    none = dict.fromkeys(memos)
    assert dict(OldMemorandum.objects.values_list("title", "project_id")) == {
        **none,
        "linked": linked_project.pk,
    }
    assert dict(OldMemorandum.objects.values_list("title", "proposal_id")) == {
        **none,
        "linked": linked_proposal.pk,
    }
    # numbers as the old form let anyone type them
    OldMemorandum.objects.filter(title="typed").update(
        project_id=free_project.pk, proposal_id=free_proposal.pk
    )
    OldMemorandum.objects.filter(title="clashing").update(
        project_id=linked_project.pk, proposal_id=linked_proposal.pk
    )
    OldMemorandum.objects.filter(title="dangling").update(project_id=999999, proposal_id=999999)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    with caplog.at_level(logging.WARNING):
        executor.migrate(executor.loader.graph.leaf_nodes())

    project_memo = dict(Project.objects.values_list("title", "memorandum__title"))
    proposal_memo = dict(Proposal.objects.values_list("title", "memorandum__title"))
    assert project_memo == {"Free": "typed", "Linked": "linked"}
    assert proposal_memo == {"Free": "typed", "Linked": "linked"}
    assert not memos["dangling"].projects.exists()
    assert not memos["dangling"].challenge_proposals.exists()
    assert not memos["clashing"].projects.exists()
    warned = caplog.text
    clashing = memos["clashing"].pk
    assert f"Memorandum {clashing} named project {linked_project.pk}, which stays" in warned
    assert f"Memorandum {clashing} named proposal {linked_proposal.pk}, which stays" in warned
    assert f"Memorandum {memos['dangling'].pk} named project 999999, which does not" in warned
