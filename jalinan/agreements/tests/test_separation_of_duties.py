"""Separation of duties: whoever submitted a memorandum does not record its legal or committee
decision (page, API and service alike); somebody else does."""

import datetime

import pytest
from django.contrib.messages import get_messages

from jalinan.agreements.choices import Status
from jalinan.agreements.models import Memorandum
from jalinan.agreements.tests.factories import make_memo
from jalinan.agreements.tests.test_api import bearer
from jalinan.agreements.workflow import TransitionNotPermitted, apply_transition
from jalinan.core.models import AuditEntry

REFUSED = "You submitted this memorandum"
MINUTES = {"comment": "Recommended.", "meeting_date": "2026-11-03"}


@pytest.fixture
def awaiting_mcom(officer, legal, unit_eng, org_acme):
    """A memorandum an officer created and submitted, now before MCOM."""
    memo = make_memo(unit=unit_eng, pic=officer, parties=[org_acme], created_by=officer)
    for action, by in [
        ("submit", officer),
        ("start_review", officer),
        ("send_to_legal", officer),
        ("send_to_mcom", legal),
    ]:
        apply_transition(memorandum=memo, action=action, by=by, quiet=True)
    memo.refresh_from_db()
    assert memo.submitted_by == officer and memo.status == Status.AWAITING_MCOM
    return memo


def test_the_submitter_cannot_record_the_committee_decision_on_the_page(
    client_for, officer, awaiting_mcom
):
    memo = awaiting_mcom
    client = client_for(officer)
    page = client.get(memo.get_absolute_url()).content.decode()
    assert REFUSED in page  # the step is shown with the reason it is not theirs
    resp = client.post(f"/memoranda/{memo.pk}/step/mcom_recommend/", MINUTES)
    assert resp.status_code == 302
    assert any(REFUSED in str(m) for m in get_messages(resp.wsgi_request))
    memo.refresh_from_db()
    assert memo.status == Status.AWAITING_MCOM
    assert not memo.status_changes.filter(action="mcom_recommend").exists()


def test_the_submitter_cannot_record_the_committee_decision_through_the_api(
    client, officer, awaiting_mcom
):
    memo = awaiting_mcom
    resp = client.post(
        f"/api/v1/memoranda/{memo.pk}/transitions/mcom_recommend",
        data={"comment": "Recommended.", "meeting_date": "2026-11-03"},
        content_type="application/json",
        **bearer(officer),
    )
    assert resp.status_code == 403 and REFUSED in resp.json()["detail"]
    assert Memorandum.objects.get(pk=memo.pk).status == Status.AWAITING_MCOM


def test_someone_else_records_it_and_the_submitter_not_the_umc_decision_either(
    client_for, officer, oil_admin, committee, awaiting_mcom
):
    memo = awaiting_mcom
    resp = client_for(committee).post(f"/memoranda/{memo.pk}/step/mcom_recommend/", MINUTES)
    assert resp.status_code == 302
    memo.refresh_from_db()
    assert memo.status == Status.AWAITING_UMC
    with pytest.raises(TransitionNotPermitted):
        apply_transition(
            memorandum=memo,
            action="umc_approve",
            by=officer,
            meeting_date=datetime.date(2026, 11, 20),
            reference="UMC 12/2026",
        )
    apply_transition(
        memorandum=memo,
        action="umc_approve",
        by=oil_admin,
        meeting_date=datetime.date(2026, 11, 20),
        reference="UMC 12/2026",
    )
    assert Memorandum.objects.get(pk=memo.pk).status == Status.APPROVED


def test_the_legal_decision_too_and_the_submitter_is_audited(legal, officer, unit_eng, org_acme):
    # a legal adviser who also holds an academic post and submitted the memorandum themselves
    from django.contrib.auth.models import Group

    from jalinan.accounts.roles import Role

    legal.groups.add(Group.objects.get(name=Role.ACADEMIC))
    memo = make_memo(unit=unit_eng, pic=legal, parties=[org_acme], created_by=legal)
    apply_transition(memorandum=memo, action="submit", by=legal, quiet=True)
    entry = AuditEntry.objects.filter(object_id=str(memo.pk), action="transition").first()
    assert entry.changes["submitted_by"] == [None, str(legal)]
    apply_transition(memorandum=memo, action="start_review", by=officer, quiet=True)
    apply_transition(memorandum=memo, action="send_to_legal", by=officer, quiet=True)
    with pytest.raises(TransitionNotPermitted) as exc:
        apply_transition(memorandum=memo, action="send_to_mcom", by=legal, quiet=True)
    assert REFUSED in str(exc.value)
    assert Memorandum.objects.get(pk=memo.pk).status == Status.LEGAL_REVIEW
