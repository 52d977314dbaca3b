"""Reads of challenges, each limited to what the user may see, and the brokerage rankings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from jalinan.accounts.roles import is_academic, is_oil, is_partner_user, is_staff_member

from ..choices import ChallengeStatus, InvitationStatus, Visibility
from ..models import Challenge, Invitation, Proposal, ProposalMember
from ..permissions import LIVE_STATUSES, can_answer_challenge, has_expert_profile

COLLECTION = "challenges"


def _base() -> QuerySet[Challenge]:
    return Challenge.objects.select_related("organisation", "posted_by", "unit")


def challenges_for(user) -> QuerySet[Challenge]:
    """The challenges ``user`` may see (the same rules as ``can_view_challenge``)."""
    qs = _base()
    if is_oil(user):
        return qs
    live = Q(status__in=LIVE_STATUSES)
    visible = live & Q(visibility=Visibility.PUBLIC)
    if getattr(user, "is_authenticated", False) and user.is_active:
        if is_partner_user(user):
            visible |= Q(organisation_id=user.organisation_id)
        if is_staff_member(user):
            visible |= live & Q(visibility=Visibility.STAFF)
        invited = Invitation.objects.filter(challenge=OuterRef("pk"), expert__user=user)
        led = Proposal.objects.filter(challenge=OuterRef("pk"), lead=user)
        member = ProposalMember.objects.filter(proposal__challenge=OuterRef("pk"), user=user)
        visible |= (
            live
            & Q(visibility=Visibility.INVITED)
            & (Q(Exists(invited)) | Q(Exists(led)) | Q(Exists(member)))
        )
    return qs.filter(visible)


def open_challenges(qs: QuerySet[Challenge], *, today=None) -> QuerySet[Challenge]:
    today = today or timezone.localdate()
    return qs.filter(status=ChallengeStatus.PUBLISHED).filter(
        Q(proposal_deadline__isnull=True) | Q(proposal_deadline__gte=today)
    )


def public_open_challenges() -> QuerySet[Challenge]:
    """What anonymous visitors may read: public challenges open for proposals."""
    return open_challenges(_base().filter(visibility=Visibility.PUBLIC)).order_by(
        "proposal_deadline", "-published_at"
    )


def open_challenges_for_expert(user) -> QuerySet[Challenge]:
    """The open challenges ``user`` may answer: every open public or staff one, and the
    confidential ones they were invited to."""
    if not (is_academic(user) and has_expert_profile(user)):
        return Challenge.objects.none()
    invited = Invitation.objects.filter(challenge=OuterRef("pk"), expert__user=user)
    return open_challenges(_base()).filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.STAFF])
        | (Q(visibility=Visibility.INVITED) & Q(Exists(invited)))
    )


def filter_challenges(qs: QuerySet[Challenge], params, *, today=None) -> QuerySet[Challenge]:
    """The list page's filters: q (search), status, visibility, organisation, trl, deadline
    ("open"/"passed"), sdg (goal number)."""
    today = today or timezone.localdate()
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(reference__icontains=q)
            | Q(problem_statement__icontains=q)
            | Q(organisation__legal_name__icontains=q)
        )
    if params.get("status") in ChallengeStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("visibility") in Visibility.values:
        qs = qs.filter(visibility=params["visibility"])
    org = _int(params.get("organisation"))
    if org:
        qs = qs.filter(organisation_id=org)
    trl = _int(params.get("trl"))
    if trl and 1 <= trl <= 9:
        qs = qs.filter(trl_min__lte=trl, trl_max__gte=trl)
    deadline = params.get("deadline")
    if deadline == "open":
        qs = qs.filter(Q(proposal_deadline__isnull=True) | Q(proposal_deadline__gte=today))
    elif deadline == "passed":
        qs = qs.filter(proposal_deadline__lt=today)
    sdg = _int(params.get("sdg"))
    if sdg:
        qs = _with_sdg(qs, sdg)
    return qs


def _with_sdg(qs, goal: int):
    from jalinan.sdgs.selectors import filter_by_goal

    return filter_by_goal(qs, goal)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def list_rows(qs: QuerySet[Challenge]) -> QuerySet[Challenge]:
    if not qs.query.order_by:
        qs = qs.order_by("-created_at", "-pk")
    return qs.annotate(n_invitations=Count("invitations", distinct=True))


# -- challenges for me ------------------------------------------------------------------------


@dataclass
class ChallengeMatch:
    challenge: Challenge
    score: float
    terms: list[str] = field(default_factory=list)
    invited: bool = False


def expert_text(profile) -> str:
    """What an expert's work says, as a query: the text the matching engine holds for the
    profile (keywords, biography, recent publications), or the profile's own fields."""
    from jalinan.matching.engine import entity_text

    text = entity_text("experts", profile.pk)
    if text.strip():
        return text
    titles = list(profile.publications.order_by("-year").values_list("title", flat=True)[:10])
    return "\n".join(["; ".join(profile.keywords), profile.biography, *titles])


def challenges_for_me(user, *, k: int = 20) -> list[ChallengeMatch]:
    """The open challenges ``user`` may answer, ranked by fit to their expert profile, best
    first, each with the words that matched."""
    from jalinan import matching

    qs = open_challenges_for_expert(user)
    allowed = set(qs.values_list("pk", flat=True))
    if not allowed:
        return []
    profile = user.expert_profile
    text = expert_text(profile).strip()
    if not text:
        return []
    results = matching.search(COLLECTION, text, k=k, entity_ids=allowed, evidence=1)
    found = qs.in_bulk([r.entity_id for r in results])
    invited = set(
        Invitation.objects.filter(expert=profile, challenge_id__in=allowed).values_list(
            "challenge_id", flat=True
        )
    )
    out = []
    for r in results:
        c = found.get(r.entity_id)
        if c is None:
            continue
        terms = sorted({t for d in r.docs for t in d.terms})
        out.append(ChallengeMatch(challenge=c, score=r.score, terms=terms, invited=c.pk in invited))
    return out


# -- brokerage --------------------------------------------------------------------------------


def ranked_experts(challenge: Challenge, user, *, k: int = 20, filters: dict | None = None):
    """The experts who best fit ``challenge`` among those ``user`` may see, with evidence; each
    match carries ``invitation`` (None when not invited yet)."""
    from jalinan.experts.selectors import experts_for_text

    matches = experts_for_text(challenge.text, user, filters, k=k, evidence=3)
    invitations = {
        i.expert_id: i
        for i in Invitation.objects.filter(
            challenge=challenge, expert_id__in=[m.profile.pk for m in matches]
        )
    }
    for m in matches:
        m.invitation = invitations.get(m.profile.pk)
    return matches


def invitations_of(challenge: Challenge) -> QuerySet[Invitation]:
    return challenge.invitations.select_related("expert__user", "expert__unit", "invited_by")


def open_invitations_for(user) -> QuerySet[Invitation]:
    """An expert's invitations to challenges still open, not yet answered."""
    today = timezone.localdate()
    return (
        Invitation.objects.filter(
            expert__user=user,
            status=InvitationStatus.INVITED,
            challenge__status=ChallengeStatus.PUBLISHED,
        )
        .filter(
            Q(challenge__proposal_deadline__isnull=True)
            | Q(challenge__proposal_deadline__gte=today)
        )
        .select_related("challenge", "challenge__organisation")
    )


def challenges_of_organisation(user, org_id: int) -> QuerySet[Challenge]:
    return challenges_for(user).filter(organisation_id=org_id)


def awaiting_review() -> QuerySet[Challenge]:
    return _base().filter(status=ChallengeStatus.SUBMITTED).order_by("submitted_at", "pk")


__all__ = [
    "can_answer_challenge",
    "challenges_for",
    "challenges_for_me",
    "open_challenges_for_expert",
    "ranked_experts",
]
