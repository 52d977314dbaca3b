"""Reads of proposals, questions and reviews, each limited to what the user may see."""

from __future__ import annotations

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from jalinan.accounts.roles import is_oil, is_partner_user

from ..choices import ChallengeStatus, ProposalStatus
from ..models import Challenge, Proposal, ProposalMember, Question
from ..permissions import REVIEWABLE, can_review_proposals, can_see_questions

# The review board's columns, in order.
BOARD_STAGES = [
    ProposalStatus.SUBMITTED,
    ProposalStatus.ASSESSMENT,
    ProposalStatus.FINALIST,
    ProposalStatus.SELECTED,
    ProposalStatus.DECLINED,
]


def with_scores(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return qs.annotate(
        avg_score=Avg("reviews__score"), review_count=Count("reviews", distinct=True)
    )


def proposals_for_review(user, challenge: Challenge) -> QuerySet[Proposal]:
    """The submitted proposals of ``challenge`` (never drafts), for its partner and OIL."""
    if not can_review_proposals(user, challenge):
        return Proposal.objects.none()
    return (
        with_scores(Proposal.objects.filter(challenge=challenge, submitted_at__isnull=False))
        .select_related("lead", "lead__unit")
        .prefetch_related(Prefetch("members", ProposalMember.objects.select_related("user")))
        .order_by("-submitted_at", "pk")
    )


def board(user, challenge: Challenge) -> list[tuple[str, str, list[Proposal]]]:
    """The review board: ``(status, label, proposals)`` per column (withdrawn ones last)."""
    rows = list(proposals_for_review(user, challenge))
    columns = []
    for status in [*BOARD_STAGES, ProposalStatus.WITHDRAWN]:
        items = [p for p in rows if p.status == status]
        if status == ProposalStatus.WITHDRAWN and not items:
            continue
        columns.append((status, ProposalStatus(status).label, items))
    return columns


def stage_counts(user, challenge: Challenge) -> dict[str, int]:
    """``{status: number}`` of the submitted proposals, for the partner and OIL."""
    if not can_review_proposals(user, challenge):
        return {}
    rows = (
        Proposal.objects.filter(challenge=challenge, submitted_at__isnull=False)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(BOARD_STAGES, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def my_proposals(user) -> QuerySet[Proposal]:
    """Proposals ``user`` leads or is on the team of (none for someone who has left, as
    ``can_view_proposal``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(
            Q(lead=user) | Q(pk__in=ProposalMember.objects.filter(user=user).values("proposal_id"))
        )
        .select_related("challenge", "challenge__organisation")
        .order_by("-updated_at", "-pk")
    )


def my_proposal_for(user, challenge: Challenge) -> Proposal | None:
    """The proposal ``user`` leads for ``challenge`` (the latest not withdrawn, else any)."""
    if not getattr(user, "is_authenticated", False):
        return None
    qs = Proposal.objects.filter(challenge=challenge, lead=user).order_by("-created_at", "-pk")
    return qs.exclude(status=ProposalStatus.WITHDRAWN).first() or qs.first()


def proposals_on_team(user, challenge: Challenge) -> QuerySet[Proposal]:
    """Proposals to ``challenge`` that ``user`` leads or is on the team of."""
    return my_proposals(user).filter(challenge=challenge)


def awaiting_review(user) -> QuerySet[Proposal]:
    """Proposals under review on challenges ``user`` reviews: their organisation's for a
    partner user, all for OIL."""
    qs = Proposal.objects.filter(
        status__in=REVIEWABLE,
        challenge__status__in=[ChallengeStatus.PUBLISHED, ChallengeStatus.CLOSED],
    )
    if is_oil(user):
        pass
    elif is_partner_user(user):
        qs = qs.filter(challenge__organisation_id=user.organisation_id)
    else:
        return Proposal.objects.none()
    return qs.select_related("challenge").order_by("submitted_at", "pk")


def questions_for(user, challenge: Challenge) -> QuerySet[Question]:
    if not can_see_questions(user, challenge):
        return Question.objects.none()
    return challenge.questions.select_related("asked_by", "answered_by").order_by("asked_at", "pk")


def reviews_of(user, proposal: Proposal):
    """The review history, for the partner and OIL only."""
    if not can_review_proposals(user, proposal.challenge):
        return proposal.reviews.none()
    return proposal.reviews.select_related("reviewer").order_by("created_at", "pk")


def score_summary(proposal: Proposal) -> dict:
    agg = proposal.reviews.aggregate(avg=Avg("score"), n=Count("pk"))
    return {"avg": agg["avg"], "count": agg["n"]}


def team_candidates():
    """Staff who may be picked as team members: users with an expert profile."""
    from jalinan.accounts.models import User

    return (
        User.objects.filter(expert_profile__isnull=False, is_active=True)
        .select_related("unit")
        .order_by("full_name", "pk")
    )
