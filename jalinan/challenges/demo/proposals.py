"""Demo proposals, questions, reviews and feedback for the demo challenges.

``demo.seed`` calls :func:`seed_proposals` with the challenges ``seed_challenges`` made.
Proposals can only be written and submitted while a challenge takes them, so a challenge meant
to end **closed** or **awarded** should be handed over while still published, with
``challenge.demo_target`` set to ``"closed"`` or ``"awarded"``: this module then submits its
proposals, closes it, reviews them and (for "awarded") selects one through
``proposal_select``, which opens the draft memorandum and the project. A challenge already
closed or awarded without proposals is left as it is (nothing can be submitted to it any more).

Deterministic (``ctx.rng("challenges.proposals")``) and idempotent: a proposal's natural key
is (challenge, lead); a question's is (challenge, text).
"""

from __future__ import annotations

from decimal import Decimal

from ..choices import ChallengeStatus, ProposalStatus, Visibility
from ..models import Proposal
from ..permissions import can_answer_challenge, can_review_proposals, has_expert_profile
from ..services.challenges import challenge_close
from ..services.proposals import proposal_create, proposal_submit
from ..services.questions import question_answer, question_ask
from ..services.reviews import proposal_advance, proposal_decline, proposal_review, proposal_select

APPROACHES = [
    "We would start with a site survey and a literature review, build a laboratory prototype "
    "in the first six months, and validate it on the partner's premises.",
    "A data-driven approach: collect six months of the partner's operating data, train and "
    "compare three models, and deploy the best one as a pilot.",
    "A design study with the partner's engineers, followed by simulation, bench tests and a "
    "field trial with a written evaluation.",
    "We adapt a method our group published and tested elsewhere, then tune it to the "
    "partner's conditions with two rounds of trials.",
]
MILESTONES = [
    ("Inception report and test plan", 2),
    ("Laboratory prototype", 6),
    ("Pilot on the partner's site", 10),
    ("Final report and handover", 12),
]
PROVIDES = [
    "Access to the site and two engineers' time for the trials.",
    "Historical operating data and samples.",
    "Equipment for the pilot and a contact person.",
    "",
]
QUESTIONS = [
    ("Can you share the operating data from the last two years?", "Yes, under an NDA."),
    ("Is a pilot on your premises possible in the first year?", "Yes, from month six."),
    ("Who would own improvements to our existing process?", "To be agreed in the contract."),
]
DECLINE = [
    (["too_early"], "Interesting idea, but we need something closer to deployment."),
    (["budget", "timeline"], "The cost and the schedule are beyond what we can commit to."),
    (["benefit_unclear"], "We could not see how this would reduce our costs."),
    (["fit", "team"], "The approach addresses a different problem from ours."),
]


def _reviewer(ctx, challenge):
    partner = ctx.logins.get("partner")
    if partner is not None and partner.organisation_id == challenge.organisation_id:
        return partner
    posted = challenge.posted_by
    if posted is not None and can_review_proposals(posted, challenge):
        return posted
    return ctx.logins["officer"]


def _candidates(ctx, challenge, rng) -> list:
    """Who may propose: the invited experts first, then (unless confidential) the demo
    academic and a few fitting academics (same KCDIO first)."""
    invited = [i.expert.user for i in challenge.invitations.select_related("expert__user")]
    people = list(invited)
    if challenge.visibility != Visibility.INVITED:
        academic = ctx.logins.get("academic")
        if academic is not None:
            people.append(academic)
        pool = [u for u in ctx.academics if has_expert_profile(u)]
        same = [u for u in pool if challenge.unit_id and u.unit_id == challenge.unit_id]
        others = [u for u in pool if u not in same]
        rng.shuffle(same)
        rng.shuffle(others)
        people += same[:2] + others[:3]
    seen, out = set(), []
    for u in people:
        if u.pk not in seen and can_answer_challenge(u, challenge):
            seen.add(u.pk)
            out.append(u)
    return out


def _fields(challenge, rng, i) -> dict:
    lo = challenge.budget_min or Decimal("60000")
    hi = challenge.budget_max or Decimal("400000")
    if hi < lo:
        hi = lo
    budget = (lo + (hi - lo) * Decimal(rng.randint(40, 110)) / 100).quantize(Decimal("1000"))
    trl_start = max(1, min(challenge.trl_min, 8))
    return {
        "title": f"{challenge.title[:200]}: {['a pilot', 'a study', 'a prototype', 'a model'][i]}",
        "approach": rng.choice(APPROACHES),
        "trl_start": trl_start,
        "trl_end": max(trl_start, min(9, challenge.trl_max)),
        "duration_months": 12,
        "budget": budget,
        "partner_provides": rng.choice(PROVIDES),
    }


def _team(ctx, lead, rng) -> list[dict]:
    pool = [u for u in ctx.academics if u.pk != lead.pk and has_expert_profile(u)]
    team = []
    if pool and rng.random() < 0.7:
        team.append({"user": rng.choice(pool), "role": "co_researcher", "contribution": "Analysis"})
    if rng.random() < 0.5:
        team.append({"name": "Research student (MSc)", "role": "student"})
    return team


def _questions(ctx, challenge, askers, rng) -> None:
    reviewer = _reviewer(ctx, challenge)
    existing = set(challenge.questions.values_list("text", flat=True))
    for (text, answer), asker in zip(
        rng.sample(QUESTIONS, k=min(len(QUESTIONS), 2)), askers, strict=False
    ):
        if text in existing:
            ctx.count("challenge questions", False)
            continue
        q = question_ask(challenge=challenge, by=asker, text=text)
        ctx.count("challenge questions", True)
        if rng.random() < 0.8:
            question_answer(question=q, by=reviewer, answer=answer)


def seed_proposals(ctx, challenges) -> None:
    """Called by ``demo.seed`` with the demo challenges made (published or later)."""
    for challenge in sorted(challenges, key=lambda c: c.pk):
        # A generator per challenge: the draws made only for new proposals (teams, scores)
        # must not shift the next challenge's draws, or a second seed would differ.
        rng = ctx.rng(f"challenges.proposals:{challenge.title}")
        target = getattr(challenge, "demo_target", None) or challenge.status
        n = rng.randint(1, 4)
        people = _candidates(ctx, challenge, rng)
        draws = [(_fields(challenge, rng, i % 4), rng.random()) for i in range(n)]
        existing = {p.lead_id: p for p in Proposal.objects.filter(challenge=challenge)}
        if challenge.status != ChallengeStatus.PUBLISHED:
            for _p in existing.values():
                ctx.count("challenge proposals", False)
            continue
        made = []
        for i, lead in enumerate(people[:n]):
            if lead.pk in existing:
                ctx.count("challenge proposals", False)
                continue
            fields, luck = draws[i]
            p = proposal_create(
                challenge=challenge,
                by=lead,
                team=_team(ctx, lead, rng),
                milestones=[{"title": t, "month": m} for t, m in MILESTONES[: 2 + i % 3]],
                **fields,
            )
            ctx.count("challenge proposals", True)
            # On an open challenge some stay drafts; otherwise all were submitted.
            if target != ChallengeStatus.PUBLISHED or luck < 0.7:
                p = proposal_submit(proposal=p, by=lead)
            made.append((p, luck))
        if not made:
            continue
        _questions(ctx, challenge, [p.lead for p, _l in made], rng)
        reviewer = _reviewer(ctx, challenge)
        submitted = [(p, luck) for p, luck in made if p.status == ProposalStatus.SUBMITTED]
        if target == ChallengeStatus.PUBLISHED:
            for p, luck in submitted[:1]:
                proposal_review(proposal=p, by=reviewer, stage="screen", score=4)
                if luck < 0.4:
                    proposal_advance(proposal=p, by=reviewer)
            continue
        challenge = challenge_close(challenge=challenge, by=reviewer)
        for i, (p, _luck) in enumerate(submitted):
            proposal_review(proposal=p, by=reviewer, stage="screen", score=rng.randint(2, 5))
            if i % 3 == 2:
                reasons, comments = DECLINE[i % len(DECLINE)]
                proposal_decline(proposal=p, by=reviewer, reasons=reasons, comments=comments)
                continue
            proposal_advance(proposal=p, by=reviewer)
            proposal_review(proposal=p, by=reviewer, stage="assess", score=rng.randint(2, 5))
            if i == 0:
                proposal_advance(proposal=p, by=reviewer)
        if target == ChallengeStatus.AWARDED:
            ranked = sorted(
                Proposal.objects.filter(
                    challenge=challenge,
                    status__in=[ProposalStatus.FINALIST, ProposalStatus.ASSESSMENT],
                ),
                key=lambda p: (p.status != ProposalStatus.FINALIST, p.pk),
            )
            chosen = ranked[0] if ranked else None
            if chosen is not None:
                proposal_review(
                    proposal=chosen,
                    by=reviewer,
                    stage="selection",
                    score=5,
                    reasons=[],
                    comments="Best fit for our needs.",
                )
                proposal_select(proposal=chosen, by=reviewer)
                ctx.count("challenge selections", True)
