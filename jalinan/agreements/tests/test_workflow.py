"""The workflow table: every transition allowed for exactly the roles that own it, refused for
everyone else and from every other status; what each step needs; a whole walk with its
history, audit and notifications."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from jalinan.agreements.choices import Status
from jalinan.agreements.models import Document, Memorandum, StatusChange
from jalinan.agreements.tests.factories import (
    make_document,
    make_memo,
    make_ready_to_sign,
    pdf_upload,
    set_dates,
)
from jalinan.agreements.workflow import (
    TRANSITIONS,
    TransitionError,
    TransitionNotPermitted,
    apply_transition,
)
from jalinan.core.models import AuditEntry, Notification

CAST = [
    "oil_admin",
    "officer",
    "coordinator",
    "academic",
    "student",
    "committee",
    "legal",
    "ip_committee",
    "management",
    "partner_user",
    "outsider",
]
OIL = {"oil_admin", "officer"}
INITIATOR = {
    "academic",
    "coordinator",
}  # the person in charge (and creator), the unit's coordinator
# Written out by hand from the issue, not computed from the table, so that a wrong row fails.
EXPECTED = {
    "submit": INITIATOR,
    "resubmit": INITIATOR,
    "start_review": OIL,
    "return_changes": OIL,
    "send_to_legal": OIL,
    "legal_return": {"legal"},
    "send_to_mcom": {"legal"},
    "clear_for_signing": {"legal"},
    "mcom_recommend": OIL | {"committee"},
    "mcom_defer": OIL | {"committee"},
    "mcom_reject": OIL | {"committee"},
    "umc_approve": OIL,
    "umc_reject": OIL,
    "record_signing": OIL,
    "activate": OIL,
    "renew": OIL | INITIATOR,
    "terminate": OIL,
    "withdraw": OIL | INITIATOR,
    "mark_expiring": set(),
    "expire": set(),
}
STEP_INPUT = {
    "comment": "Reviewed; see the minutes.",
    "meeting_date": datetime.date(2025, 3, 4),
    "reference": "UMC 3/2025",
    "signed_on": datetime.date(2025, 3, 20),
}


def ready_memo(t, academic, unit_eng, org_acme):
    """A memorandum standing in ``t.source`` with what ``t`` needs."""
    type_code = "nda" if t.action == "clear_for_signing" else "moa"
    memo = make_memo(
        unit=unit_eng, pic=academic, parties=[org_acme], status=t.source, type_code=type_code
    )
    if t.action == "record_signing":
        make_ready_to_sign(memo)
        make_document(memo, kind="signed")
    if t.action in ("activate", "renew", "terminate", "expire", "mark_expiring"):
        set_dates(memo)
    return memo


def test_the_table_covers_every_expected_action():
    assert {t.action for t in TRANSITIONS} == set(EXPECTED)


@pytest.mark.parametrize("t", TRANSITIONS, ids=[f"{t.source}-{t.action}" for t in TRANSITIONS])
def test_each_transition_is_allowed_to_its_owners_only(
    request, t, academic, coordinator, unit_eng, org_acme
):
    people = {name: request.getfixturevalue(name) for name in CAST}
    mismatches = []
    for name, user in people.items():
        memo = ready_memo(t, academic, unit_eng, org_acme)
        sid = transaction.savepoint()
        try:
            applied = apply_transition(memorandum=memo, action=t.action, by=user, **STEP_INPUT)
        except TransitionNotPermitted as exc:
            allowed = False
            assert "Only" in str(exc)
            assert Memorandum.objects.get(pk=memo.pk).status == t.source
        else:
            allowed = True
            assert applied.memorandum.status == t.target
            change = StatusChange.objects.get(memorandum=memo, action=t.action)
            assert (change.from_status, change.to_status, change.actor) == (
                t.source,
                t.target,
                user,
            )
        transaction.savepoint_rollback(sid)
        if allowed != (name in EXPECTED[t.action]):
            mismatches.append((name, allowed))
    assert not mismatches, f"{t.action} from {t.source}: {mismatches}"


@pytest.mark.parametrize(
    "t", [t for t in TRANSITIONS if t.actors == ("system",)], ids=lambda t: t.action
)
def test_system_steps_are_taken_by_the_daily_job_only(t, officer, academic, unit_eng, org_acme):
    memo = ready_memo(t, academic, unit_eng, org_acme)
    with pytest.raises(TransitionNotPermitted):
        apply_transition(memorandum=memo, action=t.action, by=officer)
    assert apply_transition(memorandum=memo, action=t.action, by=None).memorandum.status == (
        t.target
    )


@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_each_action_is_refused_from_every_other_status(action, oil_admin, memo_factory):
    sources = {t.source for t in TRANSITIONS if t.action == action}
    memo = memo_factory()
    for status in Status.values:
        if status in sources:
            continue
        Memorandum.objects.filter(pk=memo.pk).update(status=status)
        memo.refresh_from_db()
        with pytest.raises(TransitionError) as exc:
            apply_transition(memorandum=memo, action=action, by=oil_admin, **STEP_INPUT)
        assert "is not possible while the memorandum is" in " ".join(exc.value.messages)
        assert Memorandum.objects.get(pk=memo.pk).status == status


def test_an_unknown_action_is_refused(officer, memo):
    with pytest.raises(TransitionError, match="Unknown action"):
        apply_transition(memorandum=memo, action="approve_everything", by=officer)


# -- what steps need ---------------------------------------------------------------------------


def test_submit_needs_a_party(academic, memo):
    memo.parties.all().delete()
    with pytest.raises(TransitionError, match="partner organisation"):
        apply_transition(memorandum=memo, action="submit", by=academic)


@pytest.mark.parametrize(
    "action,status",
    [
        ("return_changes", Status.OIL_REVIEW),
        ("legal_return", Status.LEGAL_REVIEW),
        ("mcom_recommend", Status.AWAITING_MCOM),
        ("mcom_defer", Status.AWAITING_MCOM),
        ("mcom_reject", Status.AWAITING_MCOM),
        ("umc_reject", Status.AWAITING_UMC),
        ("terminate", Status.ACTIVE),
    ],
)
def test_steps_that_need_a_comment_refuse_without_one(action, status, oil_admin, legal, memo):
    Memorandum.objects.filter(pk=memo.pk).update(status=status)
    memo.refresh_from_db()
    by = legal if action == "legal_return" else oil_admin
    with pytest.raises(TransitionError) as exc:
        apply_transition(
            memorandum=memo,
            action=action,
            by=by,
            meeting_date=STEP_INPUT["meeting_date"],
            reference="R",
        )
    assert "comment" in exc.value.message_dict


def test_umc_decision_needs_its_date_and_reference(officer, memo):
    Memorandum.objects.filter(pk=memo.pk).update(status=Status.AWAITING_UMC)
    memo.refresh_from_db()
    with pytest.raises(TransitionError) as exc:
        apply_transition(memorandum=memo, action="umc_approve", by=officer)
    assert set(exc.value.message_dict) == {"meeting_date", "reference"}
    applied = apply_transition(
        memorandum=memo,
        action="umc_approve",
        by=officer,
        meeting_date=datetime.date(2025, 5, 2),
        reference="UMC 5/2025",
    )
    assert applied.memorandum.umc_reference == "UMC 5/2025"
    assert applied.change.reference == "UMC 5/2025"


def test_the_committee_is_skipped_only_by_types_that_skip_it(legal, memo_factory):
    moa = memo_factory(status=Status.LEGAL_REVIEW)
    nda = memo_factory(status=Status.LEGAL_REVIEW, type_code="nda")
    with pytest.raises(TransitionError, match="must go to MCOM"):
        apply_transition(memorandum=moa, action="clear_for_signing", by=legal)
    with pytest.raises(TransitionError, match="does not go to MCOM"):
        apply_transition(memorandum=nda, action="send_to_mcom", by=legal)
    assert apply_transition(
        memorandum=nda, action="clear_for_signing", by=legal
    ).memorandum.status == (Status.APPROVED)


def test_signing_needs_signatories_and_the_signed_copy(officer, memo_factory):
    memo = memo_factory(status=Status.APPROVED, duration_months=24)
    with pytest.raises(TransitionError) as exc:
        apply_transition(memorandum=memo, action="record_signing", by=officer)
    assert set(exc.value.message_dict) == {"signed_on", "signed_copy"}
    with pytest.raises(TransitionError, match="university's signatory"):
        apply_transition(
            memorandum=memo,
            action="record_signing",
            by=officer,
            signed_on=datetime.date(2025, 1, 10),
            signed_copy=pdf_upload("signed.pdf"),
        )
    assert not Document.objects.filter(memorandum=memo).exists()  # nothing half-done
    make_ready_to_sign(memo)
    applied = apply_transition(
        memorandum=memo,
        action="record_signing",
        by=officer,
        signed_on=datetime.date(2025, 1, 10),
        signed_copy=pdf_upload("signed.pdf"),
    )
    memo = applied.memorandum
    assert memo.status == Status.SIGNED and memo.signed_on == datetime.date(2025, 1, 10)
    # the start date defaults to the signing date and the end comes from the duration
    assert (memo.start_date, memo.end_date) == (
        datetime.date(2025, 1, 10),
        datetime.date(2027, 1, 9),
    )
    doc = Document.objects.get(memorandum=memo)
    assert (doc.kind, doc.version, doc.is_confidential) == ("signed", 1, True)


def test_activation_needs_its_dates(officer, memo_factory):
    memo = memo_factory(status=Status.SIGNED)
    with pytest.raises(TransitionError, match="start date"):
        apply_transition(memorandum=memo, action="activate", by=officer)


def test_defer_keeps_the_item_on_the_agenda_with_its_minutes(committee, memo_factory):
    memo = memo_factory(status=Status.AWAITING_MCOM)
    applied = apply_transition(
        memorandum=memo,
        action="mcom_defer",
        by=committee,
        comment="Ask for the budget.",
        meeting_date=datetime.date(2025, 4, 1),
    )
    assert applied.memorandum.status == Status.AWAITING_MCOM
    assert applied.change.meeting_date == datetime.date(2025, 4, 1)
    assert applied.change.comment == "Ask for the budget."


def test_renewal_opens_a_linked_successor_draft(officer, memo_factory, org_other):
    memo = memo_factory(status=Status.EXPIRING, duration_months=36)
    memo.parties.create(organisation=org_other, order=1)
    set_dates(memo, start=datetime.date(2023, 1, 1), end=datetime.date(2025, 12, 31))
    applied = apply_transition(memorandum=memo, action="renew", by=officer)
    assert applied.memorandum.status == Status.RENEWED
    successor = applied.successor
    assert successor.status == Status.DRAFT and successor.renews == memo
    assert successor.start_date == datetime.date(2026, 1, 1)
    assert successor.end_date == datetime.date(2028, 12, 31)
    assert [p.organisation for p in successor.parties.all()] == [
        p.organisation for p in memo.parties.all()
    ]
    assert successor.reference != memo.reference


def test_termination_keeps_its_reason(officer, memo_factory):
    memo = set_dates(memo_factory(status=Status.ACTIVE))
    applied = apply_transition(
        memorandum=memo, action="terminate", by=officer, comment="Partner wound up."
    )
    assert applied.memorandum.termination_reason == "Partner wound up."
    assert applied.memorandum.terminated_on == timezone.localdate()


# -- a whole walk ------------------------------------------------------------------------------


def inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_a_moa_walks_from_draft_to_active_and_each_next_owner_is_told(
    academic, coordinator, officer, oil_admin, legal, committee, management, memo
):
    mail.outbox.clear()
    steps = [
        (academic, "submit", {}, [officer, oil_admin], "awaits OIL review"),
        (officer, "start_review", {}, [academic], "started reviewing"),
        (officer, "send_to_legal", {}, [legal], "awaits legal review"),
        (legal, "send_to_mcom", {}, [committee, officer, oil_admin], "awaits MCOM"),
        (
            committee,
            "mcom_recommend",
            {"comment": "Recommended.", "meeting_date": datetime.date(2025, 2, 3)},
            [officer, oil_admin, academic],
            "record the UMC decision",
        ),
        (
            officer,
            "umc_approve",
            {"meeting_date": datetime.date(2025, 2, 20), "reference": "UMC 2/2025"},
            [academic, coordinator],
            "it can be signed",
        ),
    ]
    for by, action, extra, told, words in steps:
        before = {u.pk: len(inbox(u)) for u in told}
        with django_capture_on_commit():
            applied = apply_transition(memorandum=memo, action=action, by=by, **extra)
        for u in told:
            assert len(inbox(u)) == before[u.pk] + 1, (action, u)
            assert words in inbox(u)[0], (action, inbox(u)[0])
        assert by.pk not in [n.recipient_id for n in applied.notified]
        assert not Notification.objects.filter(recipient=management).exists()
    make_ready_to_sign(memo)
    apply_transition(
        memorandum=memo,
        action="record_signing",
        by=officer,
        signed_on=datetime.date(2025, 3, 1),
        signed_copy=pdf_upload("signed.pdf"),
    )
    memo.refresh_from_db()
    set_dates(memo, start=datetime.date(2025, 3, 1), end=datetime.date(2028, 2, 28))
    apply_transition(memorandum=memo, action="activate", by=officer)
    memo.refresh_from_db()
    assert memo.status == Status.ACTIVE
    history = list(memo.status_changes.values_list("action", "to_status"))
    assert history == [
        ("submit", "submitted"),
        ("start_review", "oil_review"),
        ("send_to_legal", "legal_review"),
        ("send_to_mcom", "awaiting_mcom"),
        ("mcom_recommend", "awaiting_umc"),
        ("umc_approve", "approved"),
        ("record_signing", "signed"),
        ("activate", "active"),
    ]
    assert AuditEntry.objects.filter(object_id=str(memo.pk), action="transition").count() == 8
    assert memo.version == 9  # every step is a new version
    # e-mail went out for the hand-offs (immediate delivery by default)
    assert any(legal.email in m.to for m in mail.outbox)


class django_capture_on_commit:
    """Run on_commit callbacks (the e-mails) inside the test transaction."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


# -- recording steps taken before (an earlier register, the demo) --------------------------


def test_earlier_steps_are_recorded_through_the_same_table(academic, officer, legal, memo):
    from jalinan.agreements.workflow import PastStep, record_history

    at = timezone.now() - datetime.timedelta(days=30)
    steps = [
        PastStep("submit", academic, at),
        PastStep("start_review", officer, at + datetime.timedelta(days=1)),
        PastStep("send_to_legal", officer, at + datetime.timedelta(days=2)),
    ]
    record_history(memorandum=memo, steps=steps)
    assert memo.status == Status.LEGAL_REVIEW and memo.version == 2
    assert list(memo.status_changes.values_list("action", "actor")) == [
        ("submit", academic.pk),
        ("start_review", officer.pk),
        ("send_to_legal", officer.pk),
    ]
    assert memo.status_changed_at == at + datetime.timedelta(days=2)
    assert not Notification.objects.exists()
    with pytest.raises(TransitionNotPermitted):  # only the legal adviser sends it on
        record_history(memorandum=memo, steps=[PastStep("send_to_mcom", officer, at)])
    with pytest.raises(TransitionError, match="comment"):
        record_history(memorandum=memo, steps=[PastStep("legal_return", legal, at)])
    with pytest.raises(TransitionError, match="not possible"):
        record_history(memorandum=memo, steps=[PastStep("activate", officer, at)])
    assert Memorandum.objects.get(pk=memo.pk).status == Status.LEGAL_REVIEW
