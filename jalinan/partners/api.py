"""Partners and contacts in the REST API, with the same permissions as the pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from jalinan.api.params import Pagination

from . import services
from .choices import OrganisationStatus, OrganisationType
from .dedupe import find_duplicates
from .permissions import (
    can_change_contacts,
    can_create_organisation,
    can_manage_registry,
    can_view_contacts,
    get_contact_for_user,
    get_organisation_for_user,
)
from .selectors import organisations_for

router = Router(tags=["partners"])


class OrganisationOut(Schema):
    id: int
    legal_name: str
    other_names: list[str]
    registration_number: str
    org_type: str
    msic_section: str
    msic_division: str
    country: str
    state: str
    city: str
    size: str
    website: str
    status: str
    is_vetted: bool
    lead_unit_id: int | None

    @staticmethod
    def resolve_country(obj):
        return obj.country.code if obj.country else ""


class OrganisationIn(Schema):
    legal_name: str = Field(..., max_length=255)
    other_names: list[str] = []
    registration_number: str = ""
    org_type: OrganisationType
    msic_section: str = ""
    msic_division: str = ""
    country: str = "MY"
    state: str = ""
    city: str = ""
    address: str = ""
    size: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    lead_unit_id: int | None = None


class OrganisationPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    legal_name: str = Field(None, max_length=255)
    other_names: list[str] = None
    registration_number: str = None
    org_type: OrganisationType = None
    msic_section: str = None
    msic_division: str = None
    country: str = None
    state: str = None
    city: str = None
    address: str = None
    size: str = None
    website: str = None
    email: str = None
    phone: str = None
    description: str = None
    status: OrganisationStatus = None
    is_vetted: bool = None
    lead_unit_id: int | None = None


OFFICE_ONLY = {"status", "is_vetted", "lead_unit_id"}


class OrganisationFilters(Schema):
    q: str | None = None
    org_type: str | None = None
    status: str | None = None
    country: str | None = None
    state: str | None = None
    msic_section: str | None = None
    vetted: bool | None = None


class DuplicateOut(Schema):
    organisation: OrganisationOut
    score: int
    reason: str


class ContactOut(Schema):
    id: int
    organisation_id: int
    name: str
    role: str
    email: str
    phone: str
    consent_to_contact: bool
    is_primary: bool


class ContactIn(Schema):
    name: str = Field(..., max_length=200)
    role: str = ""
    email: str = ""
    phone: str = ""
    consent_to_contact: bool = False
    is_primary: bool = False
    notes: str = ""


class ContactPatch(Schema):
    """Only the fields sent change; null only clears a field that may be empty."""

    name: str = Field(None, max_length=200)
    role: str = None
    email: str = None
    phone: str = None
    consent_to_contact: bool = None
    is_primary: bool = None
    notes: str = None


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations you may see")
@paginate(Pagination)
def list_organisations(request, filters: Query[OrganisationFilters]):
    qs = organisations_for(request.auth).order_by("legal_name", "pk")
    if filters.q:
        qs = qs.filter(
            Q(legal_name__icontains=filters.q)
            | Q(other_names__icontains=filters.q)
            | Q(registration_number__icontains=filters.q)
        )
    for field, value in [
        ("org_type", filters.org_type),
        ("status", filters.status),
        ("country", filters.country),
        ("state", filters.state),
        ("msic_section", filters.msic_section),
    ]:
        if value:
            qs = qs.filter(**{field: value})
    if filters.vetted is not None:
        qs = qs.filter(is_vetted=filters.vetted)
    return qs


@router.get("/organisations/{org_id}", response=OrganisationOut)
def get_organisation(request, org_id: int):
    return get_organisation_for_user(request.auth, org_id)


@router.post("/organisations", response={201: OrganisationOut})
def create_organisation(request, payload: OrganisationIn):
    user = request.auth
    if not can_create_organisation(user):
        raise Http404
    data = payload.dict()
    if not can_manage_registry(user):
        data["lead_unit_id"] = user.unit_id
    return 201, services.organisation_create(by=user, **data)


@router.patch("/organisations/{org_id}", response=OrganisationOut)
def update_organisation(request, org_id: int, payload: OrganisationPatch):
    user = request.auth
    org = get_organisation_for_user(user, org_id, write=True)
    data = payload.dict(exclude_unset=True)
    if OFFICE_ONLY & set(data) and not can_manage_registry(user):
        raise PermissionDenied("Only the office may change status, vetting or lead unit.")
    return services.organisation_update(organisation=org, by=user, **data)


@router.get("/organisations/{org_id}/duplicates", response=list[DuplicateOut])
def organisation_duplicates(request, org_id: int):
    org = get_organisation_for_user(request.auth, org_id)
    if not can_manage_registry(request.auth):
        raise PermissionDenied
    return [
        {"organisation": c.organisation, "score": c.score, "reason": c.reason}
        for c in find_duplicates(
            legal_name=org.legal_name,
            other_names=org.other_names,
            registration_number=org.registration_number,
            exclude_pk=org.pk,
        )
    ]


@router.get("/organisations/{org_id}/contacts", response=list[ContactOut])
def list_contacts(request, org_id: int):
    org = get_organisation_for_user(request.auth, org_id)
    if not can_view_contacts(request.auth, org):
        raise PermissionDenied
    return org.contacts.all()


@router.post("/organisations/{org_id}/contacts", response={201: ContactOut})
def create_contact(request, org_id: int, payload: ContactIn):
    org = get_organisation_for_user(request.auth, org_id)
    if not can_change_contacts(request.auth, org):
        raise PermissionDenied
    return 201, services.contact_create(organisation=org, by=request.auth, **payload.dict())


@router.patch("/contacts/{contact_id}", response=ContactOut)
def update_contact(request, contact_id: int, payload: ContactPatch):
    contact = get_contact_for_user(request.auth, contact_id, write=True)
    return services.contact_update(
        contact=contact, by=request.auth, **payload.dict(exclude_unset=True)
    )


@router.delete("/contacts/{contact_id}", response={204: None})
def delete_contact(request, contact_id: int):
    contact = get_contact_for_user(request.auth, contact_id, write=True)
    services.contact_delete(contact=contact, by=request.auth)
    return 204, None
