"""The sdgs part of the REST API, mounted at /api/v1/sdgs/.

- ``GET /goals``, ``GET /goals/{n}``, ``GET /targets``: the framework, public;
- ``POST /classify``: the classifier's suggestions for a text (signed-in users);
- ``GET /records/{type}/{id}/tags``, ``POST /records/{type}/{id}/tags``,
  ``POST /tags/{id}/decision``: a record's tags and decisions, with the record's permissions
  (404 for a record the user may not see, 403 for one they may see but not decide).
"""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Field, Router, Schema

from . import classifier, selectors, services
from .forms import MAX_TEXT
from .goals import GOALS
from .permissions import (
    can_classify_text,
    can_decide_record,
    get_record_for_user,
    get_tag_for_user,
)

router = Router(tags=["sdgs"])


class IndicatorOut(Schema):
    code: str
    unsd_code: str
    text_en: str
    text_ar: str


class TargetOut(Schema):
    code: str
    goal: int
    text_en: str
    text_ar: str

    @staticmethod
    def resolve_goal(obj):
        return obj.goal_id


class TargetDetailOut(TargetOut):
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())


class GoalOut(Schema):
    number: int
    short_name_en: str
    short_name_ar: str
    name_ms: str
    title_en: str
    title_ar: str
    colour: str


class GoalDetailOut(GoalOut):
    targets: list[TargetDetailOut]

    @staticmethod
    def resolve_targets(obj):
        return list(obj.targets.all())


class ClassifyIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)


class EvidenceTargetOut(Schema):
    code: str
    text: str
    score: float


class SdgEvidenceOut(Schema):
    targets: list[EvidenceTargetOut] = []
    terms: list[str] = []


class SuggestionOut(Schema):
    goal: int
    name: str
    confidence: float
    evidence: SdgEvidenceOut

    @staticmethod
    def resolve_name(obj):
        return str(GOALS[obj.goal].name)


class TagOut(Schema):
    id: int
    goal: int
    status: str
    source: str
    confidence: float | None
    evidence: SdgEvidenceOut
    decided_at: datetime | None


class TagIn(Schema):
    goal: int = Field(..., ge=1, le=17)


class DecisionIn(Schema):
    accept: bool


# -- the framework (public) --------------------------------------------------------------------


@router.get("/goals", response=list[GoalOut], auth=None, summary="The 17 goals")
def list_goals(request):
    return list(selectors.goals())


@router.get("/goals/{number}", response=GoalDetailOut, auth=None, summary="A goal and targets")
def get_goal(request, number: int):
    goal = selectors.goal_with_targets(number)
    if goal is None:
        raise Http404
    return goal


@router.get("/targets", response=list[TargetOut], auth=None, summary="The 169 targets")
def list_targets(request, goal: int | None = None):
    return list(selectors.targets(goal=goal))


# -- the classifier -------------------------------------------------------------------------------


@router.post("/classify", response=list[SuggestionOut], summary="Suggest goals for a text")
def classify(request, payload: ClassifyIn):
    if not can_classify_text(request.auth):
        raise Http404
    return classifier.classify(payload.text)


# -- a record's tags ------------------------------------------------------------------------------


@router.get("/records/{record_type}/{record_id}/tags", response=list[TagOut])
def record_tags(request, record_type: str, record_id: int):
    """``record_type`` is ``app_label.model``, e.g. ``partners.organisation``."""
    obj = get_record_for_user(request.auth, key=record_type, pk=record_id)
    return selectors.tags_for(obj, include_rejected=can_decide_record(request.auth, obj))


@router.post("/records/{record_type}/{record_id}/tags", response={201: TagOut})
def add_tag(request, record_type: str, record_id: int, payload: TagIn):
    obj = get_record_for_user(request.auth, key=record_type, pk=record_id, write=True)
    return 201, services.sdg_tag_add(obj=obj, goal=payload.goal, by=request.auth)


@router.post("/tags/{tag_id}/decision", response=TagOut)
def decide_tag(request, tag_id: int, payload: DecisionIn):
    tag, _obj = get_tag_for_user(request.auth, tag_id, write=True)
    return services.sdg_tag_decide(tag=tag, by=request.auth, accept=payload.accept)
