from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    roles: list[str]
    unit: str | None
    organisation_id: int | None
    language: str


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "roles": sorted(user.roles),
        "unit": user.unit.name if user.unit_id else None,
        "organisation_id": user.organisation_id,
        "language": user.language,
    }
