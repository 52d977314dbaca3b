"""Expert profiles, publications and expert search in the REST API, with the same permissions
as the pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from jalinan.accounts.roles import is_oil
from jalinan.api.params import Id, Pagination

from . import services
from .choices import Availability, Position, PublicationKind
from .permissions import (
    can_have_profile,
    can_search_experts,
    get_profile_for_user,
    get_publication_for_user,
)
from .selectors import experts_for_text, filter_profiles, profiles_for, similar_experts

router = Router(tags=["experts"])


class ProfileOut(Schema):
    id: int
    name: str
    email: str
    unit_id: int | None
    unit: str
    department: str
    position: str
    keywords: list[str]
    biography: str
    languages: list[str]
    availability: str
    orcid: str
    scopus_id: str
    google_scholar: str
    is_public: bool

    @staticmethod
    def resolve_email(obj):
        return obj.user.email

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name if obj.unit else ""


class ProfilePatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    department: str = Field(None, max_length=200)
    position: Position = None
    keywords: list[str] = None
    biography: str = None
    languages: list[str] = None
    availability: Availability = None
    orcid: str = None
    scopus_id: str = None
    google_scholar: str = None
    is_public: bool = None
    unit_id: int | None = None


class PublicationOut(Schema):
    id: int
    profile_id: int
    title: str
    abstract: str
    year: int | None
    venue: str
    doi: str
    authors: str
    keywords: list[str]
    kind: str
    url: str


class PublicationIn(Schema):
    title: str = Field(..., max_length=500)
    abstract: str = ""
    year: int | None = None
    venue: str = ""
    doi: str = ""
    authors: str = ""
    keywords: list[str] = []
    kind: PublicationKind = PublicationKind.ARTICLE
    url: str = ""


class PublicationPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    title: str = Field(None, max_length=500)
    abstract: str = None
    year: int | None = None
    venue: str = None
    doi: str = None
    authors: str = None
    keywords: list[str] = None
    kind: PublicationKind = None
    url: str = None


class ProfileFilters(Schema):
    q: str | None = None
    unit: Id | None = None
    position: Position | None = None
    availability: Availability | None = None
    sdg: int | None = Field(None, ge=1, le=17)


class EvidenceOut(Schema):
    kind: str
    title: str
    year: int | None
    score: float
    terms: list[str]
    publication_id: int | None


class MatchOut(Schema):
    profile: ProfileOut
    score: float
    keywords: list[str]
    evidence: list[EvidenceOut]


class SearchIn(Schema):
    text: str = Field(..., min_length=2, max_length=5000)
    unit: int | None = None
    position: Position | None = None
    availability: Availability | None = None
    k: int = Field(20, ge=1, le=100)


def _match(m) -> dict:
    return {
        "profile": m.profile,
        "score": m.score,
        "keywords": m.keywords,
        "evidence": [
            {
                "kind": e.kind,
                "title": e.title,
                "year": e.year,
                "score": e.score,
                "terms": e.terms,
                "publication_id": e.publication.pk if e.publication else None,
            }
            for e in m.evidence
        ],
    }


def _require_search(user):
    if not can_search_experts(user) and not can_have_profile(user):
        raise Http404


@router.get("/profiles", response=list[ProfileOut], summary="Expert profiles you may see")
@paginate(Pagination)
def list_profiles(request, filters: Query[ProfileFilters]):
    _require_search(request.auth)
    qs = filter_profiles(profiles_for(request.auth), filters.dict(exclude={"q"}))
    if filters.q:
        qs = qs.filter(Q(user__full_name__icontains=filters.q) | Q(keywords__icontains=filters.q))
    return qs.order_by("user__full_name", "pk")


@router.get("/profiles/{profile_id}", response=ProfileOut)
def get_profile(request, profile_id: int):
    return get_profile_for_user(request.auth, profile_id)


@router.patch("/profiles/{profile_id}", response=ProfileOut)
def update_profile(request, profile_id: int, payload: ProfilePatch):
    user = request.auth
    profile = get_profile_for_user(user, profile_id, write=True)
    data = payload.dict(exclude_unset=True)
    if "unit_id" in data:
        if not is_oil(user):
            raise PermissionDenied("Only the office may move a profile to another unit.")
        from jalinan.accounts.models import Unit

        data["unit"] = Unit.objects.filter(pk=data.pop("unit_id")).first()
    return services.profile_update(profile=profile, by=user, **data)


@router.get("/profiles/{profile_id}/publications", response=list[PublicationOut])
def list_publications(request, profile_id: int):
    return get_profile_for_user(request.auth, profile_id).publications.all()


@router.post("/profiles/{profile_id}/publications", response={201: PublicationOut})
def create_publication(request, profile_id: int, payload: PublicationIn):
    profile = get_profile_for_user(request.auth, profile_id, write=True)
    return 201, services.publication_create(profile=profile, by=request.auth, **payload.dict())


@router.patch("/publications/{publication_id}", response=PublicationOut)
def update_publication(request, publication_id: int, payload: PublicationPatch):
    pub = get_publication_for_user(request.auth, publication_id, write=True)
    return services.publication_update(
        publication=pub, by=request.auth, **payload.dict(exclude_unset=True)
    )


@router.delete("/publications/{publication_id}", response={204: None})
def delete_publication(request, publication_id: int):
    pub = get_publication_for_user(request.auth, publication_id, write=True)
    services.publication_delete(publication=pub, by=request.auth)
    return 204, None


@router.post("/search", response=list[MatchOut], summary="Rank experts for a text")
def search(request, payload: SearchIn):
    """The experts you may see, ranked for a problem statement, each with the publications
    and keywords that made the match."""
    _require_search(request.auth)
    filters = payload.dict(include={"unit", "position", "availability"}, exclude_none=True)
    matches = experts_for_text(payload.text, request.auth, filters, k=payload.k)
    return [_match(m) for m in matches]


@router.get("/profiles/{profile_id}/similar", response=list[MatchOut])
def similar(request, profile_id: int, k: int = 5):
    profile = get_profile_for_user(request.auth, profile_id)
    return [_match(m) for m in similar_experts(profile, request.auth, k=min(max(k, 1), 20))]
