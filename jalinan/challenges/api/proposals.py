"""Proposals, questions and the partner's review in the REST API (under /api/v1/challenges/),
with the pages' services and permission helpers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from ninja import Field, Router, Schema

from ..choices import FeedbackReason, MemberRole, ReviewStage
from ..models import Proposal
from ..permissions import (
    can_review_proposals,
    can_see_questions,
    get_challenge_for_user,
    get_proposal_for_user,
    get_question_for_user,
)
from ..selectors import proposals as sel
from ..services.proposals import proposal_create, proposal_submit, proposal_withdraw
from ..services.questions import question_answer, question_ask
from ..services.reviews import proposal_advance, proposal_decline, proposal_review, proposal_select

router = Router(tags=["challenges"])


class ProposalMemberOut(Schema):
    user_id: int | None
    name: str
    role: str
    contribution: str


class ProposalMilestoneOut(Schema):
    title: str
    month: int


class ReviewOut(Schema):
    id: int
    stage: str
    score: int
    reasons: list[str]
    comments: str
    reviewer_id: int | None
    created_at: datetime.datetime


class ProposalOut(Schema):
    id: int
    challenge_id: int
    lead_id: int
    title: str
    approach: str
    trl_start: int
    trl_end: int
    duration_months: int
    budget: Decimal
    partner_provides: str
    status: str
    submitted_at: datetime.datetime | None
    team: list[ProposalMemberOut]
    milestones: list[ProposalMilestoneOut]
    feedback_reasons: list[str]
    feedback_comments: str
    memorandum_id: int | None
    project_id: int | None
    average_score: float | None = None
    reviews: list[ReviewOut] | None = None


class MemberIn(Schema):
    user_id: int | None = None
    name: str = Field("", max_length=200)
    role: MemberRole = MemberRole.CO_RESEARCHER
    contribution: str = Field("", max_length=300)


class MilestoneIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    month: int = Field(..., ge=1, le=120)


class ProposalIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    approach: str = ""
    trl_start: int = Field(3, ge=1, le=9)
    trl_end: int = Field(5, ge=1, le=9)
    duration_months: int = Field(12, ge=1, le=120)
    budget: Decimal = Field(Decimal("0"), ge=0, max_digits=14, decimal_places=2)
    partner_provides: str = ""
    team: list[MemberIn] = []
    milestones: list[MilestoneIn] = []
    submit: bool = False


class ReviewIn(Schema):
    stage: ReviewStage
    score: int = Field(..., ge=1, le=5)
    reasons: list[FeedbackReason] = []
    comments: str = ""


class DeclineIn(Schema):
    reasons: list[FeedbackReason] = Field(..., min_length=1)
    comments: str = ""


class SelectIn(Schema):
    memo_type_code: str | None = Field(None, pattern="^(rca|cra)$")


class QuestionOut(Schema):
    id: int
    text: str
    asked_at: datetime.datetime
    answer: str
    answered_at: datetime.datetime | None


class QuestionIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)


class AnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=8000)


def _out(user, p: Proposal) -> dict:
    reviewer = can_review_proposals(user, p.challenge)
    out = {
        "id": p.pk,
        "challenge_id": p.challenge_id,
        "lead_id": p.lead_id,
        "title": p.title,
        "approach": p.approach,
        "trl_start": p.trl_start,
        "trl_end": p.trl_end,
        "duration_months": p.duration_months,
        "budget": p.budget,
        "partner_provides": p.partner_provides,
        "status": p.status,
        "submitted_at": p.submitted_at,
        "team": [
            {
                "user_id": m.user_id,
                "name": str(m),
                "role": m.role,
                "contribution": m.contribution,
            }
            for m in p.members.all()
        ],
        "milestones": [{"title": m.title, "month": m.month} for m in p.milestones.all()],
        "feedback_reasons": list(p.feedback_reasons or []),
        "feedback_comments": p.feedback_comments,
        "memorandum_id": p.memorandum_id,
        "project_id": p.project_id,
    }
    if reviewer:
        reviews = list(sel.reviews_of(user, p))
        out["reviews"] = reviews
        out["average_score"] = sum(r.score for r in reviews) / len(reviews) if reviews else None
    return out


def _team(items: list[MemberIn]) -> list[dict]:
    from jalinan.accounts.models import User

    rows = []
    for item in items:
        user = None
        if item.user_id is not None:
            user = sel.team_candidates().filter(pk=item.user_id).first()
            if user is None:
                if not User.objects.filter(pk=item.user_id).exists():
                    raise ValidationError({"team": f"No such user: {item.user_id}"})
                raise ValidationError({"team": "Team members picked by id need an expert profile."})
        rows.append(
            {
                "user": user,
                "name": item.name,
                "role": str(item.role),
                "contribution": item.contribution,
            }
        )
    return rows


@router.get(
    "/{challenge_id}/proposals",
    response=list[ProposalOut],
    summary="The submitted proposals of a challenge (for its partner and the office)",
)
def list_proposals(request, challenge_id: int):
    user = request.auth
    challenge = get_challenge_for_user(user, challenge_id)
    if not can_review_proposals(user, challenge):
        raise Http404
    return [_out(user, p) for p in sel.proposals_for_review(user, challenge)]


@router.post(
    "/{challenge_id}/proposals",
    response={201: ProposalOut},
    summary="Start a proposal (a draft; with submit=true, submit it at once)",
)
def create_proposal(request, challenge_id: int, payload: ProposalIn):
    user = request.auth
    challenge = get_challenge_for_user(user, challenge_id)
    data = payload.dict(exclude={"team", "milestones", "submit"})
    with transaction.atomic():  # a refused submission leaves no draft behind
        proposal = proposal_create(
            challenge=challenge,
            by=user,
            team=_team(payload.team),
            milestones=[m.dict() for m in payload.milestones],
            **data,
        )
        if payload.submit:
            proposal = proposal_submit(proposal=proposal, by=user)
    return 201, _out(user, proposal)


@router.get("/proposals/{proposal_id}", response=ProposalOut)
def get_proposal(request, proposal_id: int):
    return _out(request.auth, get_proposal_for_user(request.auth, proposal_id))


@router.post("/proposals/{proposal_id}/submit", response=ProposalOut)
def submit_proposal(request, proposal_id: int):
    user = request.auth
    proposal = get_proposal_for_user(user, proposal_id)
    return _out(user, proposal_submit(proposal=proposal, by=user))


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut)
def withdraw_proposal(request, proposal_id: int):
    user = request.auth
    proposal = get_proposal_for_user(user, proposal_id)
    return _out(user, proposal_withdraw(proposal=proposal, by=user))


def _for_reviewer(user, proposal_id: int) -> Proposal:
    proposal = get_proposal_for_user(user, proposal_id)
    if not can_review_proposals(user, proposal.challenge):
        raise PermissionDenied
    return proposal


@router.post("/proposals/{proposal_id}/reviews", response={201: ReviewOut})
def review_proposal(request, proposal_id: int, payload: ReviewIn):
    user = request.auth
    proposal = _for_reviewer(user, proposal_id)
    review = proposal_review(
        proposal=proposal,
        by=user,
        stage=str(payload.stage),
        score=payload.score,
        reasons=[str(r) for r in payload.reasons],
        comments=payload.comments,
    )
    return 201, review


@router.post("/proposals/{proposal_id}/advance", response=ProposalOut)
def advance_proposal(request, proposal_id: int):
    user = request.auth
    proposal = _for_reviewer(user, proposal_id)
    return _out(user, proposal_advance(proposal=proposal, by=user))


@router.post("/proposals/{proposal_id}/decline", response=ProposalOut)
def decline_proposal(request, proposal_id: int, payload: DeclineIn):
    user = request.auth
    proposal = _for_reviewer(user, proposal_id)
    declined = proposal_decline(
        proposal=proposal,
        by=user,
        reasons=[str(r) for r in payload.reasons],
        comments=payload.comments,
    )
    return _out(user, declined)


@router.post(
    "/proposals/{proposal_id}/select",
    response=ProposalOut,
    summary="Select a proposal: awards the challenge, declines the others, opens a draft "
    "memorandum and a project",
)
def select_proposal(request, proposal_id: int, payload: SelectIn):
    user = request.auth
    proposal = _for_reviewer(user, proposal_id)
    selected = proposal_select(proposal=proposal, by=user, memo_type_code=payload.memo_type_code)
    return _out(user, selected)


@router.get("/{challenge_id}/questions", response=list[QuestionOut])
def list_questions(request, challenge_id: int):
    user = request.auth
    challenge = get_challenge_for_user(user, challenge_id)
    if not can_see_questions(user, challenge):
        raise Http404
    return list(sel.questions_for(user, challenge))


@router.post("/{challenge_id}/questions", response={201: QuestionOut})
def ask_question(request, challenge_id: int, payload: QuestionIn):
    user = request.auth
    challenge = get_challenge_for_user(user, challenge_id)
    if not can_see_questions(user, challenge):
        raise Http404
    return 201, question_ask(challenge=challenge, by=user, text=payload.text)


@router.post("/questions/{question_id}/answer", response=QuestionOut)
def answer_question(request, question_id: int, payload: AnswerIn):
    user = request.auth
    question = get_question_for_user(user, question_id)
    return question_answer(question=question, by=user, answer=payload.answer)
