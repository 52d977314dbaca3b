"""The partner's staged review: scores, stages, and the feedback e-mail of a decline."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from jalinan.challenges.choices import ProposalStatus, ReviewStage
from jalinan.challenges.selectors.proposals import board, proposals_for_review, stage_counts
from jalinan.challenges.services import reviews as svc
from jalinan.challenges.services.proposals import proposal_submit
from jalinan.core.models import AuditEntry, Notification

from .factories import member_row


def test_scores_at_each_stage_and_advance_to_finalist(
    challenge, expert_profile, academic, partner_user, officer, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    svc.proposal_review(proposal=p, by=partner_user, stage=ReviewStage.SCREEN, score=4)
    svc.proposal_advance(proposal=p, by=partner_user)
    assert p.status == ProposalStatus.ASSESSMENT
    svc.proposal_review(
        proposal=p,
        by=officer,
        stage=ReviewStage.ASSESS,
        score=2,
        reasons=["budget"],
        comments="Costly field trial.",
    )
    svc.proposal_advance(proposal=p, by=officer)
    assert p.status == ProposalStatus.FINALIST
    with pytest.raises(ValidationError):
        svc.proposal_advance(proposal=p, by=officer)
    row = proposals_for_review(partner_user, challenge).get()
    assert row.avg_score == 3 and row.review_count == 2
    columns = {status: items for status, _label, items in board(partner_user, challenge)}
    assert [x.pk for x in columns["finalist"]] == [p.pk]
    assert stage_counts(partner_user, challenge)["finalist"] == 1
    # The team heard of each step.
    titles = list(
        Notification.objects.filter(recipient=academic, kind=svc.KIND_PROGRESS).values_list(
            "title", flat=True
        )
    )
    assert any("passed screening" in t for t in titles) and any("finalist" in t for t in titles)
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="review").count() == 2


def test_score_must_be_one_to_five_and_reasons_known(
    challenge, expert_profile, academic, partner_user, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        svc.proposal_review(proposal=p, by=partner_user, stage="screen", score=6)
    with pytest.raises(ValidationError):
        svc.proposal_review(proposal=p, by=partner_user, stage="screen", score=3, reasons=["x"])
    assert not p.reviews.exists()


def test_drafts_are_not_reviewed_and_outsiders_never_review(
    challenge, expert_profile, academic, partner_user, other_partner, outsider, make_proposal
):
    draft = make_proposal(challenge, academic)
    with pytest.raises(ValidationError):
        svc.proposal_review(proposal=draft, by=partner_user, stage="screen", score=3)
    assert list(proposals_for_review(partner_user, challenge)) == []
    proposal_submit(proposal=draft, by=academic)
    for user in (other_partner, outsider, academic):
        with pytest.raises(PermissionDenied):
            svc.proposal_review(proposal=draft, by=user, stage="screen", score=3)
        with pytest.raises(PermissionDenied):
            svc.proposal_decline(proposal=draft, by=user, reasons=["fit"])
        assert list(proposals_for_review(user, challenge)) == []


def test_decline_requires_a_reason(
    challenge, expert_profile, academic, partner_user, make_proposal
):
    p = make_proposal(challenge, academic, status=ProposalStatus.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        svc.proposal_decline(proposal=p, by=partner_user, reasons=[], comments="No.")
    assert "reasons" in exc.value.message_dict
    p.refresh_from_db()
    assert p.status == ProposalStatus.SUBMITTED


def test_the_feedback_email_reaches_the_whole_team_with_the_reasons(
    challenge, expert_profile, academic, colleague, partner_user, make_proposal, capture
):
    colleague.language = "ms"
    colleague.save()
    p = make_proposal(
        challenge, academic, status=ProposalStatus.ASSESSMENT, team=[member_row(colleague)]
    )
    mail.outbox.clear()
    with capture():
        svc.proposal_decline(
            proposal=p,
            by=partner_user,
            reasons=["too_early", "budget"],
            comments="Come back once the field trial data exist.",
        )
    p.refresh_from_db()
    assert p.status == ProposalStatus.DECLINED and p.feedback_sent_at is not None
    assert p.feedback_reasons == ["too_early", "budget"]
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {academic.email, colleague.email}
    english = by_to[academic.email]
    assert p.title in english.subject
    assert "Too early stage for our needs" in english.body
    assert "Budget above what we can fund" in english.body
    assert "Come back once the field trial data exist." in english.body
    malay = by_to[colleague.email]
    assert "Too early stage for our needs" not in malay.body  # in the recipient's language
    assert "Come back once the field trial data exist." in malay.body
    entry = AuditEntry.objects.get(object_id=str(p.pk), action="decline")
    assert entry.changes["status"] == ["assessment", "declined"]
    # In the app too, without a second e-mail by default.
    assert Notification.objects.filter(recipient=academic, kind=svc.KIND_DECISION).exists()
    with pytest.raises(ValidationError):
        svc.proposal_decline(proposal=p, by=partner_user, reasons=["fit"])


def test_cancelling_the_challenge_answers_every_proposal_under_review(
    challenge, expert_profile, academic, colleague, partner_user, make_proposal, capture
):
    from jalinan.challenges.services.challenges import challenge_cancel

    submitted = make_proposal(challenge, academic, status=ProposalStatus.FINALIST)
    draft = make_proposal(challenge, colleague, title="A draft never sent")
    mail.outbox.clear()
    with capture():
        challenge_cancel(challenge=challenge, by=partner_user, reason="Our plant closes next year.")
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.DECLINED
    assert submitted.feedback_reasons == ["cancelled"]
    # The team gets the feedback e-mail, with the reason and the partner's words.
    (email,) = [m for m in mail.outbox if m.to == [academic.email]]
    assert submitted.title in email.subject
    assert "The challenge was withdrawn" in email.body
    assert "Our plant closes next year." in email.body
    # The draft stays a draft, and its author is told in the app.
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.DRAFT
    note = Notification.objects.get(recipient=colleague, kind=svc.KIND_DECISION)
    assert "A draft never sent" in note.title
    assert AuditEntry.objects.filter(object_id=str(submitted.pk), action="decline").exists()


def test_a_reviewer_cannot_give_the_cancellation_reason(challenge, partner_user):
    from jalinan.challenges.forms.proposals import REVIEWER_REASONS

    assert "cancelled" not in [code for code, _label in REVIEWER_REASONS]
    assert "stronger" in [code for code, _label in REVIEWER_REASONS]
