"""The demo's proposals: deterministic, idempotent, every stage present, a selection with its
memorandum and project."""

from jalinan.challenges.choices import ChallengeStatus, ProposalStatus
from jalinan.challenges.demo.proposals import seed_proposals
from jalinan.challenges.models import Proposal, Question
from jalinan.core.demo import DemoContext


def test_seed_proposals_is_idempotent_and_covers_the_stages(
    make_challenge, expert_profile, academic, colleague, uninvited, partner_user, officer
):
    open_one = make_challenge(title="Open challenge")
    closed = make_challenge(title="To close")
    closed.demo_target = ChallengeStatus.CLOSED
    awarded = make_challenge(title="To award")
    awarded.demo_target = ChallengeStatus.AWARDED
    ctx = DemoContext(
        seed=7,
        scale=0.1,
        units={},
        organisations=[],
        logins={"officer": officer, "partner": partner_user, "academic": academic},
        academics=[colleague, uninvited],
    )
    seed_proposals(ctx, [open_one, closed, awarded])
    awarded.refresh_from_db()
    closed.refresh_from_db()
    assert closed.status == ChallengeStatus.CLOSED
    assert awarded.status == ChallengeStatus.AWARDED
    chosen = Proposal.objects.get(challenge=awarded, status=ProposalStatus.SELECTED)
    assert chosen.memorandum.status == "draft" and chosen.project.memorandum == chosen.memorandum
    for p in Proposal.objects.filter(challenge__in=[closed, awarded]):
        assert p.submitted_at is not None
        if p.status == ProposalStatus.DECLINED:
            assert p.feedback_reasons and p.feedback_sent_at
    assert Question.objects.exists()
    made = Proposal.objects.count()
    seed_proposals(ctx, [open_one, closed, awarded])
    assert Proposal.objects.count() == made
    assert ctx.counts["challenge proposals"][1] >= made
