"""Cards the challenges app contributes to shared pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.db.models import Count, Q

from jalinan.accounts.roles import is_academic, is_oil, is_partner_user

from .choices import ChallengeStatus, ProposalStatus
from .models import Proposal
from .permissions import can_see_challenges, can_view_challenge, can_view_proposal
from .selectors import challenges as selectors
from .selectors import proposals as proposal_selectors


def my_challenges(request, obj=None):
    """My work: a partner's challenges and what waits on them; the office's challenges
    awaiting review; an academic's open invitations."""
    user = request.user
    ctx: dict = {}
    if is_partner_user(user):
        qs = (
            selectors.challenges_for(user)
            .filter(organisation_id=user.organisation_id)
            .exclude(status=ChallengeStatus.CANCELLED)
            .order_by("-created_at", "-pk")
            .annotate(
                n_to_review=Count(
                    "proposals",
                    filter=Q(
                        proposals__status__in=[
                            ProposalStatus.SUBMITTED,
                            ProposalStatus.ASSESSMENT,
                            ProposalStatus.FINALIST,
                        ]
                    ),
                )
            )
        )
        ctx["partner_challenges"] = list(qs[:10])
        ctx["returned"] = [c for c in ctx["partner_challenges"] if c.status == "returned"]
    if is_oil(user):
        ctx["awaiting_review"] = list(selectors.awaiting_review()[:10])
    if is_academic(user):
        ctx["invitations"] = list(selectors.open_invitations_for(user)[:10])
    if not any(ctx.values()):
        return None
    return ctx


def partner_challenges(request, org):
    """An organisation's page: its challenges this user may see."""
    user = request.user
    if org is None or not can_see_challenges(user):
        return None
    qs = selectors.challenges_of_organisation(user, org.pk)
    count = qs.count()
    if not count:
        return None
    return {"challenges": list(qs[:10]), "count": count, "org": org}


def home_challenges(request, obj=None):
    """The public front page: a few public challenges open for proposals."""
    items = list(selectors.public_open_challenges()[:5])
    if not items:
        return None
    return {"challenges": items}


def memorandum_proposals(request, memo):
    """A memorandum's page: the proposal it came from, if this user may see the proposal
    (and the challenge it answered, if they may see that too)."""
    user = request.user
    if memo is None:
        return None
    proposals = [
        p
        for p in Proposal.objects.filter(memorandum=memo)
        .select_related("challenge", "challenge__organisation", "lead")
        .order_by("pk")
        if can_view_proposal(user, p)
    ]
    if not proposals:
        return None
    for p in proposals:
        p.challenge_visible = can_view_challenge(user, p.challenge)
    return {"proposals": proposals}


def my_proposals_panel(request, obj=None):
    """My work: an academic's drafts, proposals under review and decisions received; a partner
    user's (or the office's) challenges with proposals awaiting review."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    mine = list(proposal_selectors.my_proposals(user)[:30])
    to_review: dict = {}
    for p in proposal_selectors.awaiting_review(user)[:200]:
        c, n = to_review.get(p.challenge_id, (p.challenge, 0))
        to_review[p.challenge_id] = (c, n + 1)
    ctx = {
        "drafts": [p for p in mine if p.status == ProposalStatus.DRAFT][:8],
        "under_review": [
            p
            for p in mine
            if p.status
            in (ProposalStatus.SUBMITTED, ProposalStatus.ASSESSMENT, ProposalStatus.FINALIST)
        ][:8],
        "decided": [
            p for p in mine if p.status in (ProposalStatus.SELECTED, ProposalStatus.DECLINED)
        ][:8],
        "to_review": list(to_review.values())[:10],
    }
    if not any(ctx.values()):
        return None
    return ctx
