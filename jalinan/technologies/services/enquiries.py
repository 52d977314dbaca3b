"""Every write to enquiries about technologies: a visitor's or partner's enquiry (into the
pipeline, told to OIL and the inventors, confirmed by e-mail) and the one-step NDA with the
enquirer's organisation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify

from ..choices import OfferStatus
from ..models import Enquiry, Technology
from ..permissions.offers import inventor_user_ids
from .common import (
    apply_fields,
    initiating_unit,
    memorandum_type,
    person_in_charge,
    require_oil,
    user_or_none,
)

ENQUIRY_FIELDS = {"kind", "name", "email", "phone", "organisation_name", "message"}


def _enquiry_recipients(technology: Technology):
    """OIL officers and the technology's inventors (users), once each."""
    from jalinan.accounts.models import User
    from jalinan.pipeline.services import oil_officers

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
    enquiry = Enquiry(technology=technology, user=user_or_none(by))
    apply_fields(enquiry, fields, ENQUIRY_FIELDS)
    if by is not None and is_partner_user(by):
        enquiry.organisation = by.organisation
    else:
        enquiry.organisation = match_organisation(enquiry.organisation_name)
    enquiry.full_clean(exclude=["opportunity"])
    org = enquiry.organisation
    opp = opportunity_create(
        by=user_or_none(by),
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

    require_oil(by)
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
        memo_type=memorandum_type("nda"),
        title=(_("NDA: %(tech)s with %(org)s") % {"tech": tech.title, "org": org.legal_name})[:300],
        scope=_(
            "Mutual non-disclosure to discuss the licensing of %(tech)s (%(ref)s), following "
            "the enquiry of %(name)s."
        )
        % {"tech": tech.title, "ref": tech.reference, "name": enquiry.name},
        initiating_unit=initiating_unit(tech, by),
        person_in_charge=person_in_charge(tech, by),
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


def enquiry_limits() -> tuple[int, int]:
    """(enquiries per address, window in seconds) for the public form and the API."""
    return settings.JALINAN_TECH_ENQUIRY_PER_HOUR, 3600
