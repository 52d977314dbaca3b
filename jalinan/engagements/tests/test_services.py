"""Logging activities keeps each memorandum's latest activity (its health) right."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalinan.agreements.models import Deliverable, Memorandum
from jalinan.agreements.selectors import health_of
from jalinan.agreements.tests.factories import make_memo
from jalinan.core.audit import history_for
from jalinan.core.models import AuditEntry
from jalinan.engagements.services import (
    activity_create,
    activity_delete,
    activity_update,
    refresh_recent,
)

TODAY = datetime.date.today()


def last(memo):
    return Memorandum.objects.get(pk=memo.pk).last_activity_on


def test_an_activity_wakes_a_dormant_memorandum(active_memo, academic, org_acme):
    assert health_of(active_memo) == "dormant"
    a = activity_create(
        by=academic,
        title="Talk",
        activity_type="talk",
        date=TODAY,
        organisations=[org_acme],
        memoranda=[active_memo],
    )
    assert last(active_memo) == TODAY and health_of(active_memo) == "engaged"
    entry = history_for(a).get(action="create")
    assert entry.changes["memoranda"][1] == [str(active_memo)]


def test_planned_activities_count_once_they_happen(active_memo, academic, org_acme):
    activity_create(
        by=academic,
        title="Advisory panel",
        activity_type="advisory_panel",
        date=TODAY + datetime.timedelta(days=3),
        organisations=[org_acme],
        memoranda=[active_memo],
    )
    assert last(active_memo) is None
    assert refresh_recent(today=TODAY + datetime.timedelta(days=3)) == 1
    assert last(active_memo) == TODAY + datetime.timedelta(days=3)
    assert refresh_recent(today=TODAY + datetime.timedelta(days=3)) == 0  # idempotent


def test_moving_or_deleting_an_activity_recomputes(
    activity, active_memo, academic, org_acme, unit_eng
):
    other = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status="active")
    assert last(active_memo) == datetime.date(2025, 3, 10)
    activity_update(
        activity=activity, by=academic, memoranda=[other], date=datetime.date(2025, 4, 1)
    )
    assert last(active_memo) is None and last(other) == datetime.date(2025, 4, 1)
    activity_delete(activity=activity, by=academic)
    assert last(other) is None
    assert AuditEntry.objects.filter(action="delete", object_repr__startswith="Plant visit")


def test_deliverables_must_belong_to_a_linked_memorandum(active_memo, academic, org_acme, unit_eng):
    other = make_memo(unit=unit_eng, pic=academic, parties=[org_acme], status="active")
    d = Deliverable.objects.create(memorandum=other, title="Joint paper")
    with pytest.raises(ValidationError) as exc:
        activity_create(
            by=academic,
            title="Workshop",
            activity_type="training",
            date=TODAY,
            organisations=[org_acme],
            memoranda=[active_memo],
            deliverables=[d],
        )
    assert "deliverables" in exc.value.message_dict
    with pytest.raises(ValidationError):
        activity_create(
            by=academic, title="No partner", activity_type="talk", date=TODAY, organisations=[]
        )
