"""Every write to technology offers: drafts, publishing in the public catalogue (and its
search index), withdrawal and pictures. OIL only; validated, atomic, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.sdgs.services import sdg_request_classification

from ..choices import OfferStatus
from ..models import Technology, TechnologyImage
from ..selectors.catalogue import COLLECTION
from .common import apply_fields, require_oil, save_with_reference, user_or_none

TECH_FIELDS = {
    "title",
    "tagline",
    "field",
    "problem",
    "solution",
    "advantages",
    "applications",
    "trl",
    "ip_status",
    "unit",
    "disclosure",
}


# A change to one of these re-indexes a published offer and asks for its SDG tags again.
TECH_TEXT = {"title", "tagline", "problem", "solution", "advantages", "applications"}


IMAGE_MAX_BYTES = 5 * 1024 * 1024


DRAFT_OPTIONAL = ["problem", "solution"]


def _unique_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:100].strip("-") or "technology"
    slug, n = base, 2
    qs = Technology.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def technology_documents(technology: Technology) -> list:
    """What the catalogue's search reads of an offer: its public fields, never the
    disclosure's."""
    from jalinan.matching import Doc

    body = "\n".join(
        filter(
            None,
            [
                technology.tagline,
                technology.problem,
                technology.solution,
                technology.advantages,
                technology.applications,
            ],
        )
    )
    return [Doc("offer", technology.title, body, None, "technology")]


def technology_reindex(technology: Technology):
    """Put a published offer in the catalogue's index (only changed text is re-embedded); take
    any other out of it."""
    from jalinan import matching

    if technology.status != OfferStatus.PUBLISHED:
        matching.remove_entity(COLLECTION, technology.pk)
        return None
    return matching.index_entity(
        COLLECTION,
        technology.pk,
        technology_documents(technology),
        meta={"field": technology.field, "trl": technology.trl},
    )


@transaction.atomic
def technology_create(
    *, by, disclosure=None, assets=(), inventors=(), slug: str = "", **fields
) -> Technology:
    """A new offer, as a draft (OIL). Its address (slug) comes from the title, made unique."""
    require_oil(by)
    tech = Technology(created_by=user_or_none(by), disclosure=disclosure)
    apply_fields(tech, fields, TECH_FIELDS - {"disclosure"})
    if tech.unit_id is None and disclosure is not None and disclosure.unit_id:
        tech.unit_id = disclosure.unit_id
    tech.slug = slugify(slug)[:120] if slug else _unique_slug(tech.title)
    tech.reference = "TECH-0000-0000"  # replaced when saved; full_clean needs a value
    # A draft may be incomplete; publishing asks for the problem and the solution.
    tech.full_clean(exclude=["reference", *DRAFT_OPTIONAL])
    save_with_reference(tech, "TECH")
    tech.assets.set(list(assets))
    tech.inventors.set(list(inventors))
    audit_log(
        actor=by,
        action="create",
        obj=tech,
        changes={
            **diff({}, snapshot(tech)),
            "assets": [None, [str(a) for a in assets]],
            "inventors": [None, [str(p) for p in inventors]],
        },
    )
    return tech


@transaction.atomic
def technology_update(*, technology: Technology, by, assets=None, inventors=None, **fields):
    """Change an offer (OIL). A published offer is re-indexed at once, so the catalogue never
    shows stale text."""
    require_oil(by)
    current = Technology.objects.select_for_update().get(pk=technology.pk)
    before = snapshot(current)
    before_assets = sorted(str(a) for a in current.assets.all())
    before_inventors = sorted(str(p) for p in current.inventors.all())
    apply_fields(current, fields, TECH_FIELDS)
    published = current.status == OfferStatus.PUBLISHED
    current.full_clean(exclude=[] if published else DRAFT_OPTIONAL)
    current.save()
    if assets is not None:
        current.assets.set(list(assets))
    if inventors is not None:
        current.inventors.set(list(inventors))
    changes = diff(before, snapshot(current))
    after_assets = sorted(str(a) for a in current.assets.all())
    after_inventors = sorted(str(p) for p in current.inventors.all())
    if after_assets != before_assets:
        changes["assets"] = [before_assets, after_assets]
    if after_inventors != before_inventors:
        changes["inventors"] = [before_inventors, after_inventors]
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
        if current.status == OfferStatus.PUBLISHED and TECH_TEXT & set(changes):
            technology_reindex(current)
            sdg_request_classification(obj=current)
    if technology is not current:
        technology.refresh_from_db()
    return current


@transaction.atomic
def technology_publish(*, technology: Technology, by) -> Technology:
    """Publish an offer in the public catalogue (OIL): it needs the problem, the solution and
    the TRL. Its public fields (only those) go to the catalogue's search index, and its SDG
    tags are asked for."""
    require_oil(by)
    tech = Technology.objects.select_for_update().get(pk=technology.pk)
    errors = {}
    if not (tech.problem or "").strip():
        errors["problem"] = _("Describe the problem before publishing.")
    if not (tech.solution or "").strip():
        errors["solution"] = _("Describe the solution before publishing.")
    if not tech.trl:
        errors["trl"] = _("Give the technology readiness level before publishing.")
    if errors:
        raise ValidationError(errors)
    if tech.status == OfferStatus.PUBLISHED:
        return tech
    before = snapshot(tech, ["status", "published_at"])
    tech.status = OfferStatus.PUBLISHED
    tech.published_at = timezone.now()
    tech.published_by = user_or_none(by)
    tech.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    audit_log(
        actor=by,
        action="publish",
        obj=tech,
        changes=diff(before, snapshot(tech, ["status", "published_at"])),
    )
    technology_reindex(tech)
    sdg_request_classification(obj=tech)
    technology.status, technology.published_at = tech.status, tech.published_at
    return tech


@transaction.atomic
def technology_withdraw(*, technology: Technology, by) -> Technology:
    """Take an offer out of the catalogue (and out of its search index)."""
    require_oil(by)
    tech = Technology.objects.select_for_update().get(pk=technology.pk)
    if tech.status != OfferStatus.PUBLISHED:
        raise ValidationError(_("Only a published offer can be withdrawn."))
    tech.status = OfferStatus.WITHDRAWN
    tech.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=by,
        action="withdraw",
        obj=tech,
        changes={"status": [OfferStatus.PUBLISHED, OfferStatus.WITHDRAWN]},
    )
    technology_reindex(tech)
    technology.status = tech.status
    return tech


@transaction.atomic
def image_add(*, technology: Technology, by, upload, caption: str = "") -> TechnologyImage:
    """Add a picture (PNG or JPEG, checked by content, at most 5 MB) to an offer."""
    from jalinan.core.files import JPEG, PNG, validate_upload

    require_oil(by)
    try:
        validate_upload(upload, kinds=(PNG, JPEG), max_bytes=IMAGE_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    order = technology.images.count()
    image = TechnologyImage(technology=technology, caption=(caption or "").strip(), order=order)
    image.image.save(upload.name, upload, save=False)
    image.full_clean()
    image.save()
    audit_log(
        actor=by,
        action="update",
        obj=technology,
        changes={"images": [None, image.image.name]},
        message=_("Image added"),
    )
    return image


@transaction.atomic
def image_remove(*, image: TechnologyImage, by) -> None:
    require_oil(by)
    technology = image.technology
    name = image.image.name
    image.delete()
    transaction.on_commit(lambda: image.image.storage.delete(name))
    audit_log(
        actor=by,
        action="update",
        obj=technology,
        changes={"images": [name, None]},
        message=_("Image removed"),
    )
