"""Every write of technology transfer's second half: offers and their catalogue index,
enquiries (into the pipeline, with a one-step NDA), licences, royalty payments shared by
policy, and spin-offs. Validated, atomic, audited.

Other apps may call :func:`technology_publish`, :func:`enquiry_submit`,
:func:`enquiry_open_nda`, :func:`licence_create`, :func:`payment_record` and
:func:`spinoff_create`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jalinan.accounts.roles import is_oil, is_oil_admin
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify
from jalinan.core.references import next_reference
from jalinan.sdgs.services import sdg_request_classification

from . import sharing
from .choices import OfferStatus
from .models import (
    Enquiry,
    Licence,
    RevenuePolicy,
    RevenueShare,
    RoyaltyPayment,
    Spinoff,
    Technology,
    TechnologyImage,
)
from .selectors.catalogue import COLLECTION
from .selectors.licences import policy_in_force

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
LICENCE_FIELDS = {
    "exclusivity",
    "field_of_use",
    "territory",
    "upfront_fee",
    "royalty_rate",
    "milestones",
    "start_date",
    "end_date",
    "status",
    "memorandum",
    "licensee",
}
ENQUIRY_FIELDS = {"kind", "name", "email", "phone", "organisation_name", "message"}
SPINOFF_FIELDS = {
    "other_founders",
    "incorporated_on",
    "equity_percent",
    "licence",
    "status",
    "notes",
}
POLICY_FIELDS = {
    "name",
    "effective_from",
    "inventors_percent",
    "units_percent",
    "university_percent",
    "deduct_costs",
}
IMAGE_MAX_BYTES = 5 * 1024 * 1024
DRAFT_OPTIONAL = ["problem", "solution"]


def _user(by):
    return by if getattr(by, "pk", None) else None


def _require_oil(by) -> None:
    """Writes of the office: an OIL user, or the system (``by=None``: demo, commands)."""
    if by is not None and not is_oil(by):
        raise PermissionDenied(_("Only the industry office may do this."))


def _apply(obj, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, key, value)


def _save_with_reference(obj, prefix: str) -> None:
    """Save a new record with the next free reference of the year (retrying on a race)."""
    for _attempt in range(5):
        obj.reference = next_reference(type(obj), prefix, timezone.localdate().year)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError(f"Could not allocate a {prefix} reference")


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


# -- offers ----------------------------------------------------------------------------------


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
    _require_oil(by)
    tech = Technology(created_by=_user(by), disclosure=disclosure)
    _apply(tech, fields, TECH_FIELDS - {"disclosure"})
    if tech.unit_id is None and disclosure is not None and disclosure.unit_id:
        tech.unit_id = disclosure.unit_id
    tech.slug = slugify(slug)[:120] if slug else _unique_slug(tech.title)
    tech.reference = "TECH-0000-0000"  # replaced when saved; full_clean needs a value
    # A draft may be incomplete; publishing asks for the problem and the solution.
    tech.full_clean(exclude=["reference", *DRAFT_OPTIONAL])
    _save_with_reference(tech, "TECH")
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
    _require_oil(by)
    current = Technology.objects.select_for_update().get(pk=technology.pk)
    before = snapshot(current)
    before_assets = sorted(str(a) for a in current.assets.all())
    before_inventors = sorted(str(p) for p in current.inventors.all())
    _apply(current, fields, TECH_FIELDS)
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
    _require_oil(by)
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
    tech.published_by = _user(by)
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
    _require_oil(by)
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

    _require_oil(by)
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
    _require_oil(by)
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


# -- enquiries -------------------------------------------------------------------------------


def _enquiry_recipients(technology: Technology):
    """OIL officers and the technology's inventors (users), once each."""
    from jalinan.accounts.models import User
    from jalinan.pipeline.services import oil_officers

    from .permissions.offers import inventor_user_ids

    officers = list(oil_officers())
    inventor_ids = inventor_user_ids(technology) - {u.pk for u in officers}
    inventors = list(User.objects.filter(pk__in=inventor_ids, is_active=True))
    return officers, inventors


@transaction.atomic
def enquiry_submit(*, technology: Technology, by=None, ip: str = "", **fields) -> Enquiry:
    """A visitor's or partner's enquiry about a published technology: stored, matched to a
    known partner by name, opened as an opportunity in the pipeline (source: technology), told
    to OIL and the inventors, and confirmed to the visitor by e-mail."""
    from jalinan.accounts.roles import is_partner_user
    from jalinan.pipeline.choices import Source
    from jalinan.pipeline.services import match_organisation, opportunity_create

    del ip  # rate-limited by the view; the address is not kept
    if technology.status != OfferStatus.PUBLISHED:
        raise ValidationError(_("This technology is not open for enquiries."))
    enquiry = Enquiry(technology=technology, user=_user(by))
    _apply(enquiry, fields, ENQUIRY_FIELDS)
    if by is not None and is_partner_user(by):
        enquiry.organisation = by.organisation
    else:
        enquiry.organisation = match_organisation(enquiry.organisation_name)
    enquiry.full_clean(exclude=["opportunity"])
    org = enquiry.organisation
    opp = opportunity_create(
        by=_user(by),
        source=Source.TECHNOLOGY,
        title=(
            _("%(kind)s: %(tech)s") % {"kind": enquiry.get_kind_display(), "tech": technology.title}
        )[:300],
        # The message stays on the enquiry (the office's): the pipeline shows it to those who
        # may read enquiries, not to the technology's KCDIO (pipeline.sources).
        description="",
        organisation=org,
        organisation_name=enquiry.organisation_name,
        contact_name=enquiry.name,
        contact_email=enquiry.email,
        contact_phone=enquiry.phone,
        unit=technology.unit,
        source_object=technology,
    )
    enquiry.opportunity = opp
    enquiry.save()
    audit_log(actor=by, action="create", obj=enquiry, changes=diff({}, snapshot(enquiry)))
    who = enquiry.organisation_name or enquiry.name
    title = _("Enquiry about %(tech)s from %(who)s") % {"tech": technology.title, "who": who}
    officers, inventors = _enquiry_recipients(technology)
    for officer in officers:
        notify(
            recipient=officer,
            kind="technologies.enquiry",
            title=title,
            url=reverse("technologies:enquiry_detail", args=[enquiry.pk]),
            body=enquiry.message[:500],
        )
    for person in inventors:
        notify(
            recipient=person,
            kind="technologies.enquiry",
            title=title,
            url=technology.get_absolute_url(),
            body=_("The industry office will follow it up and involve you."),
        )
    language = translation.get_language() or ""
    enquiry_id = enquiry.pk
    transaction.on_commit(lambda: send_enquiry_confirmation(enquiry_id, language))
    return enquiry


def send_enquiry_confirmation(enquiry_id: int, language: str = "") -> bool:
    """Tell the visitor we have their enquiry (and what happens next)."""
    from jalinan.core.emails import send_templated_email

    enquiry = (
        Enquiry.objects.select_related("technology", "opportunity", "user")
        .filter(pk=enquiry_id)
        .first()
    )
    if enquiry is None or not enquiry.email:
        return False
    # Anyone can type any address: only to the signed-in enquirer's own address may the
    # e-mail carry words that were typed (here, their name); otherwise fixed text only.
    own_address = enquiry.user is not None and enquiry.user.email.lower() == enquiry.email.lower()
    send_templated_email(
        to=[enquiry.email],
        template="technologies/catalogue/email/enquiry_received",
        context={"enquiry": enquiry, "technology": enquiry.technology, "own_address": own_address},
        language=language,
    )
    return True


def _memo_type(code: str):
    from jalinan.agreements.models import MemorandumType
    from jalinan.agreements.services import types_ensure_defaults

    memo_type = MemorandumType.objects.filter(code=code).first()
    if memo_type is None:
        types_ensure_defaults()
        memo_type = MemorandumType.objects.get(code=code)
    return memo_type


def _initiating_unit(technology: Technology, by):
    unit = technology.unit or (technology.disclosure.unit if technology.disclosure_id else None)
    if unit is None and technology.disclosure_id:
        inv = technology.disclosure.inventors.exclude(unit=None).first()
        unit = inv.unit if inv else None
    if unit is None and getattr(by, "unit_id", None):
        unit = by.unit
    if unit is None:
        raise ValidationError(
            _("Give the technology its KCDIO first: a memorandum needs an initiating KCDIO.")
        )
    return unit


def _person_in_charge(technology: Technology, by):
    if _user(by):
        return by
    from jalinan.accounts.models import User

    from .permissions.offers import inventor_user_ids

    person = User.objects.filter(pk__in=inventor_user_ids(technology), is_active=True).first()
    if person is None:
        raise ValidationError(_("Choose who is in charge of the memorandum."))
    return person


def _organisation_for_enquiry(enquiry: Enquiry, by):
    """The enquirer's partner organisation: the one matched, or an existing one with the same
    name, or a new prospect registered now."""
    from jalinan.partners.dedupe import find_duplicates
    from jalinan.partners.services import organisation_create

    if enquiry.organisation_id:
        return enquiry.organisation
    found = find_duplicates(legal_name=enquiry.organisation_name, limit=1, threshold=92)
    if found:
        return found[0].organisation
    return organisation_create(
        by=by,
        legal_name=enquiry.organisation_name,
        org_type="other",
        status="prospect",
        description=_("Registered from a technology enquiry (%(tech)s).")
        % {"tech": enquiry.technology.reference},
    )


@transaction.atomic
def enquiry_open_nda(*, enquiry: Enquiry, by):
    """In one step, a draft Non-Disclosure Agreement with the enquirer's organisation
    (registered first if it is not a partner yet), linked to the enquiry and its opportunity.
    Calling it again returns the NDA already drafted."""
    from jalinan.agreements.services import memorandum_create
    from jalinan.pipeline.choices import Stage
    from jalinan.pipeline.services import opportunity_advance

    _require_oil(by)
    enquiry = (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("technology__disclosure", "organisation", "nda")
        .get(pk=enquiry.pk)
    )
    if enquiry.nda_id:
        return enquiry.nda
    tech = enquiry.technology
    org = _organisation_for_enquiry(enquiry, by)
    memo = memorandum_create(
        by=by,
        parties=[org],
        memo_type=_memo_type("nda"),
        title=(_("NDA: %(tech)s with %(org)s") % {"tech": tech.title, "org": org.legal_name})[:300],
        scope=_(
            "Mutual non-disclosure to discuss the licensing of %(tech)s (%(ref)s), following "
            "the enquiry of %(name)s."
        )
        % {"tech": tech.title, "ref": tech.reference, "name": enquiry.name},
        initiating_unit=_initiating_unit(tech, by),
        person_in_charge=_person_in_charge(tech, by),
        confidentiality="confidential",
    )
    before = snapshot(enquiry, ["organisation", "nda"])
    enquiry.organisation = org
    enquiry.nda = memo
    enquiry.save(update_fields=["organisation", "nda"])
    audit_log(
        actor=by,
        action="update",
        obj=enquiry,
        changes=diff(before, snapshot(enquiry, ["organisation", "nda"])),
    )
    if enquiry.opportunity_id:
        opp = enquiry.opportunity
        if opp.organisation_id is None:
            from jalinan.pipeline.services import opportunity_update

            opportunity_update(opportunity=opp, by=by, organisation=org)
        # An NDA opens the talks; the deal's agreement is the licence's LCA (see
        # _advance_enquiries), so the funnel does not count NDAs as agreements.
        opportunity_advance(opportunity=opp, to_stage=Stage.NEGOTIATION, by=by)
    return memo


def _advance_enquiries(licence: Licence, *, by) -> None:
    """A licence with its Licensing & Commercialisation Agreement: the pipeline opportunities
    of the licensee's enquiries about that technology reach the agreement stage, linked to it."""
    from jalinan.pipeline.services import opportunity_link

    if not licence.memorandum_id:
        return
    enquiries = Enquiry.objects.filter(
        technology_id=licence.technology_id,
        organisation_id=licence.licensee_id,
        opportunity__isnull=False,
    ).select_related("opportunity")
    for enquiry in enquiries:
        if enquiry.opportunity.memorandum_id in (None, licence.memorandum_id):
            opportunity_link(opportunity=enquiry.opportunity, by=by, memorandum=licence.memorandum)


# -- licences --------------------------------------------------------------------------------


def _check_lca(memorandum) -> None:
    if memorandum is not None and memorandum.memo_type.code != "lca":
        raise ValidationError(
            {"memorandum": _("Link a Licensing & Commercialisation Agreement (type LCA).")}
        )


@transaction.atomic
def licence_create(*, by, technology: Technology, licensee, **fields) -> Licence:
    """Record a licence of ``technology`` to ``licensee`` (OIL)."""
    _require_oil(by)
    licence = Licence(technology=technology, licensee=licensee, created_by=_user(by))
    _apply(licence, fields, LICENCE_FIELDS - {"licensee"})
    _check_lca(licence.memorandum)
    licence.reference = "LIC-0000-0000"
    licence.full_clean(exclude=["reference"])
    if licence.start_date and licence.end_date and licence.end_date <= licence.start_date:
        raise ValidationError({"end_date": _("The end date must come after the start date.")})
    _save_with_reference(licence, "LIC")
    audit_log(actor=by, action="create", obj=licence, changes=diff({}, snapshot(licence)))
    _advance_enquiries(licence, by=by)
    return licence


@transaction.atomic
def licence_update(*, licence: Licence, by, **fields) -> Licence:
    _require_oil(by)
    current = Licence.objects.select_for_update().get(pk=licence.pk)
    before = snapshot(current)
    _apply(current, fields, LICENCE_FIELDS)
    _check_lca(current.memorandum)
    current.full_clean()
    if current.start_date and current.end_date and current.end_date <= current.start_date:
        raise ValidationError({"end_date": _("The end date must come after the start date.")})
    current.save()
    changes = diff(before, snapshot(current))
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    if "memorandum" in changes:
        _advance_enquiries(current, by=by)
    if licence is not current:
        licence.refresh_from_db()
    return current


def licence_link_agreement(*, licence: Licence, memorandum, by) -> Licence:
    """Link the Licensing & Commercialisation Agreement (a memorandum of type LCA)."""
    if memorandum is None:
        raise ValidationError({"memorandum": _("Choose the agreement.")})
    return licence_update(licence=licence, by=by, memorandum=memorandum)


@transaction.atomic
def licence_draft_agreement(*, licence: Licence, by):
    """In one step, a draft Licensing & Commercialisation Agreement with the licensee, from
    the licence's terms, linked to the licence. Calling it again returns the one linked."""
    from jalinan.agreements.services import memorandum_create

    _require_oil(by)
    licence = (
        Licence.objects.select_for_update(of=("self",))
        .select_related("technology", "licensee")
        .get(pk=licence.pk)
    )
    if licence.memorandum_id:
        return licence.memorandum
    tech = licence.technology
    terms = [
        _("Exclusivity: %(x)s.") % {"x": licence.get_exclusivity_display()},
        _("Field of use: %(x)s.") % {"x": licence.field_of_use} if licence.field_of_use else "",
        _("Territory: %(x)s.") % {"x": licence.territory} if licence.territory else "",
        _("Upfront fee: RM %(x)s.") % {"x": licence.upfront_fee},
        _("Royalty: %(x)s%% of net sales.") % {"x": licence.royalty_rate},
        licence.milestones,
    ]
    memo = memorandum_create(
        by=by,
        parties=[licence.licensee],
        memo_type=_memo_type("lca"),
        title=(
            _("LCA: %(tech)s with %(org)s")
            % {"tech": tech.title, "org": licence.licensee.legal_name}
        )[:300],
        scope=_("Licence %(ref)s of %(tech)s (%(tref)s).")
        % {"ref": licence.reference, "tech": tech.title, "tref": tech.reference},
        financial_terms="\n".join(t for t in terms if t),
        value_cash=licence.upfront_fee or Decimal("0"),
        start_date=licence.start_date,
        end_date=licence.end_date,
        initiating_unit=_initiating_unit(tech, by),
        person_in_charge=_person_in_charge(tech, by),
        confidentiality="confidential",
    )
    licence.memorandum = memo
    licence.save(update_fields=["memorandum"])
    audit_log(actor=by, action="update", obj=licence, changes={"memorandum": [None, str(memo)]})
    _advance_enquiries(licence, by=by)
    return memo


# -- payments and revenue sharing ------------------------------------------------------------


def beneficiaries(technology: Technology) -> list[sharing.Beneficiary]:
    """The inventors among whom a payment is shared: the disclosure's inventors by their
    contribution shares; without a disclosure (or one with no inventors), the offer's shown
    inventors in equal parts. An inventor's KCDIO is the one recorded on the inventorship,
    else their own."""
    out = []
    if technology.disclosure_id:
        for inv in technology.disclosure.inventors.select_related("user__unit", "unit"):
            unit = inv.unit or (inv.user.unit if inv.user_id else None)
            out.append(sharing.Beneficiary(str(inv), Decimal(inv.share or 0), inv.user, unit))
    if not out:
        for profile in technology.inventors.select_related("user__unit", "unit"):
            unit = profile.unit or profile.user.unit
            out.append(sharing.Beneficiary(profile.name, Decimal(1), profile.user, unit))
    return out


def preview_split(*, licence: Licence, amount, costs=0, on: datetime.date):
    """The split a payment would get (for the form's preview); None with no policy."""
    policy = policy_in_force(on)
    if policy is None:
        return None
    return sharing.split_payment(
        amount,
        costs=costs,
        policy=policy,
        inventors=beneficiaries(licence.technology),
        university_name=_university_name(),
    )


def _university_name() -> str:
    from jalinan.core.institution import get_institution

    inst = get_institution()
    return inst.short_name or inst.name


@transaction.atomic
def payment_record(
    *,
    licence: Licence,
    by,
    received_on: datetime.date,
    amount,
    kind: str,
    period_year: int,
    costs=0,
    reference: str = "",
) -> RoyaltyPayment:
    """Record income under a licence and share it by the policy in force on ``received_on``
    (the newest whose ``effective_from`` is on or before it). The shares are stored, so a
    later policy never rewrites what was paid out."""
    _require_oil(by)
    policy = policy_in_force(received_on) if received_on else None
    if received_on and policy is None:
        raise ValidationError(
            {
                "received_on": _(
                    "No revenue sharing policy is in force on %(date)s: an OIL administrator "
                    "must set one first."
                )
                % {"date": received_on.isoformat()}
            }
        )
    payment = RoyaltyPayment(
        licence=licence,
        kind=kind,
        received_on=received_on,
        period_year=period_year,
        amount=Decimal(amount),
        costs=Decimal(costs or 0),
        policy=policy,
        reference=(reference or "").strip(),
        recorded_by=_user(by),
    )
    payment.full_clean()
    if payment.costs < 0:
        raise ValidationError({"costs": _("Costs cannot be negative.")})
    if policy.deduct_costs and payment.costs > payment.amount:
        raise ValidationError({"costs": _("The costs cannot be more than the payment.")})
    payment.save()
    shares = sharing.split_payment(
        payment.amount,
        costs=payment.costs,
        policy=policy,
        inventors=beneficiaries(licence.technology),
        university_name=_university_name(),
    )
    RevenueShare.objects.bulk_create(
        [
            RevenueShare(
                payment=payment,
                party=s.party,
                user=s.user,
                unit=s.unit,
                name=s.name[:200],
                amount=s.amount,
            )
            for s in shares
        ]
    )
    audit_log(
        actor=by,
        action="create",
        obj=payment,
        changes={
            **diff({}, snapshot(payment)),
            "shares": [None, [f"{s.name}: {s.amount}" for s in shares]],
        },
    )
    audit_log(
        actor=by,
        action="update",
        obj=licence,
        changes={"payments": [None, f"{payment.get_kind_display()} RM {payment.amount}"]},
        message=_("Payment recorded"),
    )
    for s in shares:
        if s.user is not None and s.amount > 0:
            notify(
                recipient=s.user,
                kind="technologies.royalty",
                title=_("Your share of a payment for %(tech)s: RM %(amount)s")
                % {"tech": licence.technology.title, "amount": s.amount},
                url=licence.get_absolute_url(),
            )
    return payment


@transaction.atomic
def policy_create(*, by, **fields) -> RevenuePolicy:
    """A new revenue sharing policy, in force from its date (OIL administrators). Earlier
    payments keep the shares they were given."""
    if by is not None and not is_oil_admin(by):
        raise PermissionDenied(_("Only an OIL administrator may set the policy."))
    policy = RevenuePolicy()
    _apply(policy, fields, POLICY_FIELDS)
    policy.full_clean()
    policy.save()
    audit_log(actor=by, action="create", obj=policy, changes=diff({}, snapshot(policy)))
    return policy


# -- spin-offs -------------------------------------------------------------------------------


@transaction.atomic
def spinoff_create(
    *, by, organisation=None, organisation_fields: dict | None = None, founders=(), **fields
) -> Spinoff:
    """A spin-off company (OIL). Without ``organisation``, its partner organisation is
    registered first (type startup) from ``organisation_fields``; an organisation already
    registered under the same name is refused, so that it can be chosen instead."""
    from jalinan.partners.dedupe import find_duplicates
    from jalinan.partners.services import organisation_create

    _require_oil(by)
    if organisation is None:
        org_fields = dict(organisation_fields or {})
        name = (org_fields.get("legal_name") or "").strip()
        if not name:
            raise ValidationError({"legal_name": _("Give the company's name.")})
        same = [
            d for d in find_duplicates(legal_name=name, limit=1, threshold=92) if d.score >= 100
        ]
        if same:
            raise ValidationError(
                {
                    "legal_name": _(
                        "%(name)s is already a partner organisation: choose it instead."
                    )
                    % {"name": same[0].organisation.legal_name}
                }
            )
        org_fields.setdefault("org_type", "startup")
        organisation = organisation_create(by=by, **org_fields)
    elif Spinoff.objects.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is already a spin-off.")})
    spinoff = Spinoff(organisation=organisation)
    _apply(spinoff, fields, SPINOFF_FIELDS)
    spinoff.full_clean()
    spinoff.save()
    spinoff.founders.set(list(founders))
    audit_log(
        actor=by,
        action="create",
        obj=spinoff,
        changes={**diff({}, snapshot(spinoff)), "founders": [None, [str(f) for f in founders]]},
    )
    return spinoff


@transaction.atomic
def spinoff_update(*, spinoff: Spinoff, by, founders=None, **fields) -> Spinoff:
    _require_oil(by)
    current = Spinoff.objects.select_for_update().get(pk=spinoff.pk)
    before = snapshot(current)
    before_founders = sorted(str(f) for f in current.founders.all())
    _apply(current, fields, SPINOFF_FIELDS)
    current.full_clean()
    current.save()
    if founders is not None:
        current.founders.set(list(founders))
    changes = diff(before, snapshot(current))
    after_founders = sorted(str(f) for f in current.founders.all())
    if after_founders != before_founders:
        changes["founders"] = [before_founders, after_founders]
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
    return current


def enquiry_limits() -> tuple[int, int]:
    """(enquiries per address, window in seconds) for the public form and the API."""
    return settings.JALINAN_TECH_ENQUIRY_PER_HOUR, 3600
