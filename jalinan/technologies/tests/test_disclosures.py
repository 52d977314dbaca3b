"""Disclosure services: inventors and their contribution shares, and the review
draft -> received -> under assessment -> decided, with the notifications and audit rows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from jalinan.core.audit import history_for
from jalinan.core.models import Notification
from jalinan.technologies.choices import Decision, DisclosureStatus
from jalinan.technologies.models import Disclosure, Inventor
from jalinan.technologies.services.disclosures import (
    NOTIFY_DECIDED,
    NOTIFY_SUBMITTED,
    disclosure_create,
    disclosure_decide,
    disclosure_start_assessment,
    disclosure_submit,
    disclosure_update,
)

from .factories import DISCLOSURE_FIELDS


def _create(by, inventors, **extra):
    return disclosure_create(by=by, inventors=inventors, **{**DISCLOSURE_FIELDS, **extra})


def _shares(disclosure):
    return [(str(i), i.share) for i in disclosure.inventors.all()]


# --- contribution shares -------------------------------------------------------------------


def test_create_keeps_inventors_in_order_with_their_shares(draft_disclosure, academic, student):
    assert draft_disclosure.status == DisclosureStatus.DRAFT
    year = timezone.localdate().year
    assert draft_disclosure.reference == f"IDF-{year}-{draft_disclosure.pk:04d}"
    assert _shares(draft_disclosure) == [
        ("Dr Amina Academic", Decimal("60.00")),
        ("Siti Student", Decimal("40.00")),
    ]
    student_row = draft_disclosure.inventors.get(user=student)
    assert student_row.is_student and student_row.unit == student.unit
    entry = history_for(draft_disclosure).get()
    assert entry.action == "create" and entry.actor == academic
    assert entry.changes["inventors"] == [
        None,
        ["Dr Amina Academic (60.00%)", "Siti Student (40.00%)"],
    ]


def test_shares_may_be_thirds_to_two_decimals_and_outside_inventors_by_name(academic):
    disclosure = _create(
        academic,
        [
            {"user": academic, "share": "33.33"},
            {"name": "Prof. Lim (Universiti Malaya)", "share": "33.33%"},
            {"name": "Encik Rahman", "share": Decimal("33.34")},
        ],
    )
    assert sum(i.share for i in disclosure.inventors.all()) == Decimal("100")
    assert [str(i) for i in disclosure.inventors.all()] == [
        "Dr Amina Academic",
        "Prof. Lim (Universiti Malaya)",
        "Encik Rahman",
    ]


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (["60", "30"], "must total exactly 100% (they total 90.00%)"),
        (["60", "40.01"], "must total exactly 100% (they total 100.01%)"),
        (["100", "0"], "more than 0% and at most 100%"),
        (["110", "-10"], "more than 0% and at most 100%"),
        (["33.333", "66.667"], "at most two decimal places"),
        (["sixty", "40"], "is not a percentage"),
        (["NaN", "40"], "more than 0% and at most 100%"),
    ],
)
def test_bad_shares_are_refused_and_nothing_is_saved(academic, student, shares, message):
    inventors = [
        {"user": academic, "share": shares[0]},
        {"user": student, "share": shares[1]},
    ]
    with pytest.raises(ValidationError) as exc:
        _create(academic, inventors)
    assert message in " ".join(exc.value.message_dict["inventors"])
    assert not Disclosure.objects.exists() and not Inventor.objects.exists()


@pytest.mark.parametrize(
    ("inventors", "message"),
    [
        ([], "Name at least one inventor."),
        ([{"name": "  ", "share": "100"}], "Give each inventor's name or choose them."),
        (
            [{"name": "Encik Rahman", "share": "50"}, {"name": "encik rahman ", "share": "50"}],
            "encik rahman is listed twice as an inventor.",
        ),
    ],
)
def test_missing_or_repeated_inventors_are_refused(academic, inventors, message):
    with pytest.raises(ValidationError) as exc:
        _create(academic, inventors)
    assert exc.value.message_dict["inventors"] == [message]
    assert not Disclosure.objects.exists()


def test_the_same_person_twice_is_refused(academic):
    with pytest.raises(ValidationError) as exc:
        _create(academic, [{"user": academic, "share": "50"}, {"user": academic, "share": "50"}])
    assert exc.value.message_dict["inventors"] == [
        "Dr Amina Academic is listed twice as an inventor."
    ]


def test_update_replaces_the_shares_and_audits_the_change(draft_disclosure, academic, student):
    disclosure_update(
        disclosure=draft_disclosure,
        by=academic,
        inventors=[{"user": academic, "share": "75"}, {"user": student, "share": "25"}],
    )
    assert _shares(draft_disclosure) == [
        ("Dr Amina Academic", Decimal("75.00")),
        ("Siti Student", Decimal("25.00")),
    ]
    entry = history_for(draft_disclosure).filter(action="update").get()
    assert entry.changes["inventors"] == [
        ["Dr Amina Academic (60.00%)", "Siti Student (40.00%)"],
        ["Dr Amina Academic (75.00%)", "Siti Student (25.00%)"],
    ]


def test_a_bad_update_leaves_title_and_shares_as_they_were(draft_disclosure, academic, student):
    with pytest.raises(ValidationError):
        disclosure_update(
            disclosure=draft_disclosure,
            by=academic,
            title="A new title",
            inventors=[{"user": academic, "share": "75"}, {"user": student, "share": "20"}],
        )
    draft_disclosure.refresh_from_db()
    assert draft_disclosure.title == DISCLOSURE_FIELDS["title"]
    assert [i.share for i in draft_disclosure.inventors.all()] == [Decimal("60"), Decimal("40")]
    assert not history_for(draft_disclosure).filter(action="update").exists()


def test_public_disclosures_need_kind_and_date(academic):
    with pytest.raises(ValidationError) as exc:
        _create(
            academic,
            [{"user": academic, "share": "100"}],
            public_disclosures=[{"kind": "paper", "date": None}],
        )
    assert "public_disclosures" in exc.value.message_dict
    disclosure = _create(
        academic,
        [{"user": academic, "share": "100"}],
        public_disclosures=[{"kind": "talk", "date": datetime.date(2025, 3, 15), "details": " X "}],
    )
    talk = disclosure.public_disclosures.get()
    assert (talk.kind, talk.date, talk.details) == ("talk", datetime.date(2025, 3, 15), "X")


# --- the review ----------------------------------------------------------------------------


def test_submit_tells_oil_and_the_ip_committee_once(
    draft_disclosure,
    academic,
    officer,
    ip_committee,
    other_academic,
    partner_user,
    outsider,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_submit(disclosure=draft_disclosure, by=academic)
    assert draft_disclosure.status == DisclosureStatus.RECEIVED
    assert draft_disclosure.submitted_at is not None
    told = Notification.objects.filter(kind=NOTIFY_SUBMITTED)
    assert {n.recipient for n in told} == {officer, ip_committee}
    assert all(draft_disclosure.reference in n.title for n in told)
    assert sorted(m.to[0] for m in mail.outbox) == [ip_committee.email, officer.email]
    assert all(draft_disclosure.title in m.subject for m in mail.outbox)
    entry = history_for(draft_disclosure).get(message="submitted")
    assert entry.actor == academic and entry.changes == {"status": ["draft", "received"]}


def test_submit_by_an_officer_does_not_tell_the_officer(draft_disclosure, officer, ip_committee):
    disclosure_submit(disclosure=draft_disclosure, by=officer)
    told = Notification.objects.filter(kind=NOTIFY_SUBMITTED)
    assert [n.recipient for n in told] == [ip_committee]


def test_submit_twice_is_refused_and_nobody_is_told_twice(officer, received_disclosure, academic):
    with pytest.raises(ValidationError, match="is received; it cannot be moved that way"):
        disclosure_submit(disclosure=received_disclosure, by=academic)
    assert Notification.objects.filter(kind=NOTIFY_SUBMITTED, recipient=officer).count() == 1


def test_decide_needs_an_assessment_first(received_disclosure, officer):
    with pytest.raises(ValidationError, match="is received"):
        disclosure_decide(
            disclosure=received_disclosure, by=officer, decision=Decision.PROTECT, reasons="Go."
        )
    received_disclosure.refresh_from_db()
    assert received_disclosure.status == DisclosureStatus.RECEIVED
    assert received_disclosure.decision == ""


@pytest.mark.parametrize(
    ("decision", "reasons", "field", "message"),
    [
        (Decision.PUBLISH, "   ", "reasons", "Give the reasons for the decision."),
        ("patent-it", "Novel.", "decision", "Choose a decision."),
    ],
)
def test_decide_needs_a_decision_and_reasons(
    received_disclosure, officer, academic, decision, reasons, field, message
):
    disclosure_start_assessment(disclosure=received_disclosure, by=officer)
    with pytest.raises(ValidationError) as exc:
        disclosure_decide(
            disclosure=received_disclosure, by=officer, decision=decision, reasons=reasons
        )
    assert exc.value.message_dict[field] == [message]
    received_disclosure.refresh_from_db()
    assert received_disclosure.status == DisclosureStatus.ASSESSMENT
    assert not Notification.objects.filter(kind=NOTIFY_DECIDED).exists()


def test_the_whole_review_with_reasons_told_to_the_inventors(
    received_disclosure,
    officer,
    ip_committee,
    academic,
    student,
    other_academic,
    django_capture_on_commit_callbacks,
):
    disclosure_start_assessment(disclosure=received_disclosure, by=ip_committee)
    assert received_disclosure.status == DisclosureStatus.ASSESSMENT
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_decide(
            disclosure=received_disclosure,
            by=officer,
            decision=Decision.RELEASE,
            reasons="  No commercial partner in sight; the inventors may publish.  ",
        )
    d = Disclosure.objects.get(pk=received_disclosure.pk)
    assert (d.status, d.decision, d.decided_by) == ("decided", "release", officer)
    assert d.decision_reasons == "No commercial partner in sight; the inventors may publish."
    told = Notification.objects.filter(kind=NOTIFY_DECIDED).order_by("recipient__email")
    assert [n.recipient for n in told] == [academic, student]
    assert all("Release to the inventors" in n.title for n in told)
    assert all(n.body == d.decision_reasons for n in told)
    assert sorted(m.to[0] for m in mail.outbox) == [academic.email, student.email]

    messages = list(history_for(d).values_list("message", flat=True))
    assert messages == ["decided", "assessment started", "submitted", ""]
    decided = history_for(d).get(message="decided")
    assert decided.actor == officer
    assert decided.changes["decision"] == [None, "release"]
    assert decided.changes["decision_reasons"] == [None, d.decision_reasons]
    assert history_for(d).get(message="assessment started").actor == ip_committee


def test_a_decided_disclosure_cannot_be_decided_again(decided_disclosure, officer):
    with pytest.raises(ValidationError, match="is decided"):
        disclosure_decide(
            disclosure=decided_disclosure, by=officer, decision=Decision.HOLD, reasons="Wait."
        )
    decided_disclosure.refresh_from_db()
    assert decided_disclosure.decision == Decision.PROTECT
