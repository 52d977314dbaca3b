"""Challenges in the REST API (under /api/v1/challenges/): challenges, their workflow, the
brokerage (ranked experts, invitations) and experts' "for me" ranking, with the pages'
services, permission helpers and form validation."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema

from jalinan.accounts.roles import is_oil
from jalinan.api.params import Id, Offset

from .. import permissions as perms
from ..forms.challenges import ChallengeForm
from ..selectors import challenges as selectors
from ..services import challenges as services
from ..services.invitations import invitations_create

router = Router(tags=["challenges"])

# NinjaAPI names an operation after its module and function. These operations were written in
# jalinan/challenges/api.py and API clients know them by those ids, so each id is pinned here.
# (The ids of proposals.py's operations, jalinan_challenges_api_proposals_*, match their module.)


class ChallengeOut(Schema):
    id: int
    reference: str
    title: str
    organisation_id: int
    organisation: str
    status: str
    visibility: str
    problem_statement: str
    desired_outcome: str
    constraints: str
    trl_min: int
    trl_max: int
    budget_min: Decimal | None
    budget_max: Decimal | None
    timeline: str
    proposal_deadline: datetime.date | None
    ip_expectation: str
    ip_notes: str
    unit_id: int | None
    is_open: bool
    url: str


class ChallengeIn(Schema):
    organisation_id: int | None = Field(
        None, description="Officers only; a partner user posts for its own organisation."
    )
    title: str = Field(..., max_length=300)
    problem_statement: str
    desired_outcome: str
    constraints: str = ""
    trl_min: int = Field(3, ge=1, le=9)
    trl_max: int = Field(6, ge=1, le=9)
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    timeline: str = ""
    proposal_deadline: datetime.date | None = None
    ip_expectation: str = "negotiable"
    ip_notes: str = ""
    visibility: str = "staff"
    unit_id: int | None = None


class ChallengePatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    title: str = Field(None, max_length=300)
    problem_statement: str = None
    desired_outcome: str = None
    constraints: str = None
    trl_min: int = Field(None, ge=1, le=9)
    trl_max: int = Field(None, ge=1, le=9)
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    timeline: str = None
    proposal_deadline: datetime.date | None = None
    ip_expectation: str = None
    ip_notes: str = None
    visibility: str = None
    unit_id: int | None = None


class ChallengeFilters(Schema):
    q: str | None = None
    status: str | None = None
    visibility: str | None = None
    organisation: Id | None = None
    trl: int | None = None
    deadline: str | None = Field(None, description='"open" or "passed"')
    sdg: int | None = Field(None, ge=1, le=17)
    limit: int = Field(100, ge=1, le=1000)
    offset: Offset = 0


class ChallengePage(Schema):
    items: list[ChallengeOut]
    count: int


class CommentsIn(Schema):
    comments: str


class ReasonIn(Schema):
    reason: str


class InviteIn(Schema):
    expert_ids: list[Id] = Field(..., min_length=1)
    message: str = ""


class InvitationOut(Schema):
    id: int
    challenge_id: int
    expert_id: int
    expert: str
    status: str
    score: float | None
    invited_at: datetime.datetime


class ChallengeEvidenceOut(Schema):
    kind: str
    title: str
    year: int | None
    score: float
    terms: list[str]
    url: str


class ExpertMatchOut(Schema):
    expert_id: int
    name: str
    unit: str
    score: float
    keywords: list[str]
    evidence: list[ChallengeEvidenceOut]
    invitation_status: str | None


class ChallengeMatchOut(Schema):
    challenge: ChallengeOut
    score: float
    terms: list[str]
    invited: bool


def _out(c) -> dict:
    return {
        "id": c.pk,
        "reference": c.reference,
        "title": c.title,
        "organisation_id": c.organisation_id,
        "organisation": c.organisation.legal_name,
        "status": c.status,
        "visibility": c.visibility,
        "problem_statement": c.problem_statement,
        "desired_outcome": c.desired_outcome,
        "constraints": c.constraints,
        "trl_min": c.trl_min,
        "trl_max": c.trl_max,
        "budget_min": c.budget_min,
        "budget_max": c.budget_max,
        "timeline": c.timeline,
        "proposal_deadline": c.proposal_deadline,
        "ip_expectation": c.ip_expectation,
        "ip_notes": c.ip_notes,
        "unit_id": c.unit_id,
        "is_open": c.is_open,
        "url": c.get_absolute_url(),
    }


def _invitation_out(i) -> dict:
    return {
        "id": i.pk,
        "challenge_id": i.challenge_id,
        "expert_id": i.expert_id,
        "expert": i.expert.name,
        "status": i.status,
        "score": i.score,
        "invited_at": i.invited_at,
    }


def _validated(user, data: dict, instance=None) -> ChallengeForm:
    form_data = {}
    for key, value in data.items():
        key = {"unit_id": "unit", "organisation_id": "organisation"}.get(key, key)
        if value is None:
            value = ""
        elif not isinstance(value, str):
            value = str(value)
        form_data[key] = value
    form = ChallengeForm(data=form_data, instance=instance, user=user)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form


@router.get(
    "/",
    response=ChallengePage,
    summary="Challenges you may see",
    operation_id="jalinan_challenges_api_list_challenges",
)
def list_challenges(request, filters: Query[ChallengeFilters]):
    user = request.auth
    params = filters.dict(exclude={"limit", "offset"})
    qs = selectors.filter_challenges(selectors.challenges_for(user), params)
    items = list(qs[filters.offset : filters.offset + filters.limit])
    return {"items": [_out(c) for c in items], "count": qs.count()}


@router.get(
    "/for-me",
    response=list[ChallengeMatchOut],
    summary="Open challenges ranked by fit to your expert profile",
    operation_id="jalinan_challenges_api_for_me",
)
def for_me(request, k: int = Query(20, ge=1, le=100)):
    user = request.auth
    if not perms.is_academic(user):
        raise Http404
    return [
        {"challenge": _out(m.challenge), "score": m.score, "terms": m.terms, "invited": m.invited}
        for m in selectors.challenges_for_me(user, k=k)
    ]


@router.get(
    "/{challenge_id}", response=ChallengeOut, operation_id="jalinan_challenges_api_get_challenge"
)
def get_challenge(request, challenge_id: int):
    return _out(perms.get_challenge_for_user(request.auth, challenge_id))


@router.post(
    "/", response={201: ChallengeOut}, operation_id="jalinan_challenges_api_create_challenge"
)
def create_challenge(request, payload: ChallengeIn):
    user = request.auth
    if not perms.can_create_challenge(user):
        if perms.can_see_challenges(user):
            raise PermissionDenied
        raise Http404
    data = payload.dict()
    if not is_oil(user):
        data.pop("organisation_id", None)
    form = _validated(user, data)
    organisation = form.cleaned_data.get("organisation") or user.organisation
    if organisation is None:
        raise ValidationError({"organisation_id": ["Choose the partner organisation."]})
    challenge = services.challenge_create(
        by=user, organisation=organisation, **form.service_fields()
    )
    return 201, _out(challenge)


@router.patch(
    "/{challenge_id}", response=ChallengeOut, operation_id="jalinan_challenges_api_update_challenge"
)
def update_challenge(request, challenge_id: int, payload: ChallengePatch):
    user = request.auth
    challenge = perms.get_challenge_for_user(user, challenge_id, write=True)
    current = {name: getattr(challenge, name) for name in ChallengePatch.model_fields}
    form = _validated(user, {**current, **payload.dict(exclude_unset=True)}, instance=challenge)
    return _out(services.challenge_update(challenge=challenge, by=user, **form.service_fields()))


def _acting(request, challenge_id: int, allowed):
    user = request.auth
    challenge = perms.get_challenge_for_user(user, challenge_id)
    if not allowed(user, challenge):
        raise PermissionDenied
    return user, challenge


@router.post(
    "/{challenge_id}/submit",
    response=ChallengeOut,
    operation_id="jalinan_challenges_api_submit_challenge",
)
def submit_challenge(request, challenge_id: int):
    user, c = _acting(request, challenge_id, perms.can_submit_challenge)
    return _out(services.challenge_submit(challenge=c, by=user))


@router.post(
    "/{challenge_id}/return",
    response=ChallengeOut,
    operation_id="jalinan_challenges_api_return_challenge",
)
def return_challenge(request, challenge_id: int, payload: CommentsIn):
    user, c = _acting(request, challenge_id, perms.can_review_challenge)
    return _out(services.challenge_return(challenge=c, by=user, comments=payload.comments))


@router.post(
    "/{challenge_id}/publish",
    response=ChallengeOut,
    operation_id="jalinan_challenges_api_publish_challenge",
)
def publish_challenge(request, challenge_id: int):
    user, c = _acting(request, challenge_id, perms.can_publish_challenge)
    return _out(services.challenge_publish(challenge=c, by=user))


@router.post(
    "/{challenge_id}/close",
    response=ChallengeOut,
    operation_id="jalinan_challenges_api_close_challenge",
)
def close_challenge(request, challenge_id: int):
    user, c = _acting(request, challenge_id, perms.can_close_challenge)
    return _out(services.challenge_close(challenge=c, by=user))


@router.post(
    "/{challenge_id}/cancel",
    response=ChallengeOut,
    operation_id="jalinan_challenges_api_cancel_challenge",
)
def cancel_challenge(request, challenge_id: int, payload: ReasonIn):
    user, c = _acting(request, challenge_id, perms.can_cancel_challenge)
    return _out(services.challenge_cancel(challenge=c, by=user, reason=payload.reason))


@router.get(
    "/{challenge_id}/experts",
    response=list[ExpertMatchOut],
    summary="Experts ranked for a challenge, with evidence (the office only)",
    operation_id="jalinan_challenges_api_ranked_experts",
)
def ranked_experts(request, challenge_id: int, unit: int | None = None, k: int = 20):
    user = request.auth
    challenge = perms.get_challenge_for_user(user, challenge_id)
    if not perms.can_see_brokerage(user, challenge):
        raise PermissionDenied
    matches = selectors.ranked_experts(
        challenge, user, k=max(1, min(k, 100)), filters={"unit": unit} if unit else None
    )
    return [
        {
            "expert_id": m.profile.pk,
            "name": m.profile.name,
            "unit": m.profile.unit.name if m.profile.unit else "",
            "score": m.score,
            "keywords": m.keywords,
            "evidence": [
                {
                    "kind": e.kind,
                    "title": e.title,
                    "year": e.year,
                    "score": e.score,
                    "terms": e.terms,
                    "url": e.url,
                }
                for e in m.evidence
            ],
            "invitation_status": m.invitation.status if m.invitation else None,
        }
        for m in matches
    ]


@router.get(
    "/{challenge_id}/invitations",
    response=list[InvitationOut],
    operation_id="jalinan_challenges_api_list_invitations",
)
def list_invitations(request, challenge_id: int):
    user = request.auth
    challenge = perms.get_challenge_for_user(user, challenge_id)
    if not is_oil(user):
        raise PermissionDenied
    return [_invitation_out(i) for i in selectors.invitations_of(challenge)]


@router.post(
    "/{challenge_id}/invite",
    response={201: list[InvitationOut]},
    operation_id="jalinan_challenges_api_invite_experts",
)
def invite_experts(request, challenge_id: int, payload: InviteIn):
    from jalinan.experts.selectors import profiles_for

    user, c = _acting(request, challenge_id, perms.can_invite)
    experts = list(profiles_for(user).filter(pk__in=payload.expert_ids))
    if len(experts) != len(set(payload.expert_ids)):
        raise ValidationError({"expert_ids": ["Unknown expert."]})
    invitations = invitations_create(challenge=c, experts=experts, by=user, message=payload.message)
    return 201, [_invitation_out(i) for i in invitations]
