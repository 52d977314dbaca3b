"""Every write to the pipeline: validated, atomic, audited. Each move of a stage is also kept
as a :class:`~.models.StageChange`, the history the funnel is computed from.

Other apps (challenges, technologies, projects) call :func:`opportunity_create`,
:func:`opportunity_advance` and :func:`opportunity_link`; officers' moves go through
:func:`opportunity_move`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify
from jalinan.core.references import next_reference
from jalinan.sdgs.services import sdg_request_classification

from .choices import CLOSED, OPEN, ORDER, LostReason, Source, Stage, rank
from .models import Opportunity, StageChange

EDITABLE = {
    "title",
    "description",
    "source",
    "organisation",
    "organisation_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "unit",
    "owner",
    "estimated_value",
}
TEXT_FIELDS = {"title", "description"}
# Memorandum statuses after which a linked memorandum no longer counts as an agreement.
_DEAD_MEMO = ("rejected", "withdrawn")


def _user(by):
    return by if getattr(by, "pk", None) else None


def _save_new(opp: Opportunity) -> None:
    """Save with the next free reference of its year (retrying if another took it first)."""
    for _attempt in range(5):
        opp.reference = next_reference(Opportunity, "OPP", timezone.localtime(opp.created_at).year)
        try:
            with transaction.atomic():
                opp.save()
            return
        except IntegrityError:
            continue
    raise IntegrityError("Could not allocate an opportunity reference")


def _record(opp: Opportunity, *, from_stage: str, to_stage: str, by, at, note: str = ""):
    return StageChange.objects.create(
        opportunity=opp, from_stage=from_stage, to_stage=to_stage, at=at, by=_user(by), note=note
    )


@transaction.atomic
def opportunity_create(
    *,
    by,
    source: str,
    title: str,
    description: str = "",
    organisation=None,
    organisation_name: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    unit=None,
    owner=None,
    source_object=None,
    stage: str = Stage.ENQUIRY,
    estimated_value: Decimal | None = None,
    at: datetime.datetime | None = None,
    quiet: bool = False,
) -> Opportunity:
    """Open an opportunity at ``stage`` (an enquiry by default). ``source_object`` is the
    record it comes from (a challenge, a licensing enquiry); ``at`` backdates it (imports,
    demo). ``quiet`` skips the SDG classification request (bulk loads)."""
    at = at or timezone.now()
    if stage not in Stage.values or stage == Stage.LOST:
        raise ValidationError({"stage": _("Choose a stage an opportunity can start in.")})
    opp = Opportunity(
        title=(title or "").strip(),
        description=description or "",
        source=source,
        stage=stage,
        stage_entered_at=at,
        organisation=organisation,
        organisation_name=(organisation_name or "").strip()[:255],
        contact_name=(contact_name or "").strip(),
        contact_email=(contact_email or "").strip(),
        contact_phone=(contact_phone or "").strip(),
        unit=unit,
        owner=owner,
        estimated_value=estimated_value,
        created_by=_user(by),
        created_at=at,
        closed_at=at if stage == Stage.COMPLETED else None,
    )
    if source_object is not None:
        opp.source_type = ContentType.objects.get_for_model(source_object)
        opp.source_id = source_object.pk
    opp.reference = "OPP-0000-0000"  # replaced by _save_new; full_clean needs a value
    opp.full_clean(exclude=["reference"])
    _save_new(opp)
    _record(opp, from_stage="", to_stage=stage, by=by, at=at)
    audit_log(actor=by, action="create", obj=opp, changes=diff({}, snapshot(opp)))
    if not quiet:
        sdg_request_classification(obj=opp)
    return opp


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, by, **fields) -> Opportunity:
    """Change an opportunity's details (not its stage: see :func:`opportunity_move`)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    opp = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    before = snapshot(opp)
    for key, value in fields.items():
        if isinstance(value, str) and key != "description":
            value = value.strip()
        setattr(opp, key, value)
    opp.full_clean()
    opp.save()
    changes = diff(before, snapshot(opp))
    if changes:
        audit_log(actor=by, action="update", obj=opp, changes=changes)
        if TEXT_FIELDS & set(changes):
            sdg_request_classification(obj=opp)
    return opp


def _apply_move(opp: Opportunity, *, to_stage, by, at, note="", lost_reason="") -> Opportunity:
    before = snapshot(opp)
    from_stage = opp.stage
    opp.stage = to_stage
    opp.stage_entered_at = at
    if to_stage == Stage.LOST:
        opp.lost_reason = lost_reason
        opp.lost_note = note
    else:
        opp.lost_reason = ""
        opp.lost_note = ""
    opp.closed_at = at if to_stage in CLOSED else None
    opp.full_clean()
    opp.save()
    _record(opp, from_stage=from_stage, to_stage=to_stage, by=by, at=at, note=note)
    audit_log(
        actor=by,
        action="update",
        obj=opp,
        changes=diff(before, snapshot(opp)),
        message=note,
    )
    return opp


@transaction.atomic
def opportunity_move(
    *,
    opportunity: Opportunity,
    to_stage: str,
    by,
    note: str = "",
    lost_reason: str = "",
    at: datetime.datetime | None = None,
) -> Opportunity:
    """Any move an officer makes: forward, back, to lost (a reason is required) or out of lost
    or completed again (reopening). Moving to the stage it is in is refused."""
    at = at or timezone.now()
    opp = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Choose a stage.")})
    if to_stage == opp.stage:
        raise ValidationError({"to_stage": _("The opportunity is already in this stage.")})
    if to_stage == Stage.LOST and lost_reason not in LostReason.values:
        raise ValidationError({"lost_reason": _("Say why the opportunity was lost.")})
    if at < opp.stage_entered_at:
        raise ValidationError(
            {"at": _("A move cannot be dated before the opportunity entered its stage.")}
        )
    _apply_move(
        opp, to_stage=to_stage, by=by, at=at, note=(note or "").strip(), lost_reason=lost_reason
    )
    if opp.owner_id and _user(by) and opp.owner_id != by.pk:
        notify(
            recipient=opp.owner,
            kind="pipeline.moved",
            title=_("%(ref)s moved to %(stage)s")
            % {"ref": opp.reference, "stage": Stage(to_stage).label},
            url=opp.get_absolute_url(),
            body=opp.title,
        )
    return opp


@transaction.atomic
def opportunity_advance(
    *, opportunity: Opportunity, to_stage: str, by, at: datetime.datetime | None = None
) -> Opportunity:
    """For other apps: move forward to ``to_stage`` only if the opportunity is behind it.
    Never backwards, never out of lost or completed; calling it twice changes nothing."""
    if to_stage not in ORDER:
        raise ValueError(f"Cannot advance to {to_stage!r}")
    opp = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opp.stage in CLOSED or rank(opp.stage) >= rank(to_stage):
        return opp
    at = max(at or timezone.now(), opp.stage_entered_at)
    return _apply_move(opp, to_stage=to_stage, by=by, at=at)


def _target_stage(opp: Opportunity) -> str | None:
    """The stage the linked memorandum and project say the opportunity has at least reached."""
    target = None
    if opp.project_id:
        status = opp.project.status
        if status == "completed":
            return Stage.COMPLETED
        if status in ("active", "suspended"):
            return Stage.PROJECT
        if status == "planned":
            target = Stage.AGREEMENT
    if opp.memorandum_id and opp.memorandum.status not in _DEAD_MEMO:
        target = Stage.AGREEMENT
    return target


@transaction.atomic
def opportunity_link(
    *,
    opportunity: Opportunity,
    by,
    memorandum=None,
    project=None,
    at: datetime.datetime | None = None,
) -> Opportunity:
    """Link a memorandum and/or a project (those given; ``None`` leaves a link as it is), then
    advance: to AGREEMENT for a memorandum, to PROJECT when the project is active, to COMPLETED
    when it is completed."""
    opp = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    before = snapshot(opp, ["memorandum", "project"])
    if memorandum is not None:
        opp.memorandum = memorandum
    if project is not None:
        opp.project = project
        if opp.memorandum_id is None and getattr(project, "memorandum_id", None):
            opp.memorandum_id = project.memorandum_id
    changes = diff(before, snapshot(opp, ["memorandum", "project"]))
    if changes:
        opp.full_clean()
        opp.save(update_fields=["memorandum", "project", "updated_at"])
        audit_log(actor=by, action="update", obj=opp, changes=changes)
    target = _target_stage(opp)
    if target:
        opp = opportunity_advance(opportunity=opp, to_stage=target, by=by, at=at)
    return opp


@transaction.atomic
def opportunity_unlink(*, opportunity: Opportunity, by, memorandum=False, project=False):
    """Remove the memorandum and/or project link (the stage stays where it is)."""
    opp = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    before = snapshot(opp, ["memorandum", "project"])
    if memorandum:
        opp.memorandum = None
    if project:
        opp.project = None
    changes = diff(before, snapshot(opp, ["memorandum", "project"]))
    if changes:
        opp.save(update_fields=["memorandum", "project", "updated_at"])
        audit_log(actor=by, action="update", obj=opp, changes=changes)
    return opp


def opportunities_sync(*, today: datetime.date | None = None) -> int:
    """Daily: advance the open opportunities whose linked memorandum or project has moved on.
    Returns how many moved; running it again moves none."""
    del today  # the links' current status is what counts; kept for the job's signature
    moved = 0
    qs = (
        Opportunity.objects.filter(stage__in=OPEN)
        .exclude(memorandum__isnull=True, project__isnull=True)
        .select_related("memorandum", "project")
    )
    for opp in qs.iterator():
        target = _target_stage(opp)
        if target and rank(target) > rank(opp.stage):
            opportunity_advance(opportunity=opp, to_stage=target, by=None)
            moved += 1
    return moved


# -- the public enquiry -------------------------------------------------------------------


def match_organisation(name: str):
    """The partner organisation whose normalised name is the same as, or very near, ``name``
    (see :mod:`jalinan.partners.dedupe`); ``None`` when there is no confident match."""
    from jalinan.partners.dedupe import find_duplicates

    if not (name or "").strip():
        return None
    found = find_duplicates(legal_name=name, limit=1, threshold=92)
    return found[0].organisation if found else None


def oil_officers():
    from jalinan.accounts.models import User
    from jalinan.accounts.roles import OIL_ROLES

    return User.objects.filter(groups__name__in=list(OIL_ROLES), is_active=True).distinct()


@transaction.atomic
def enquiry_submit(
    *,
    title: str,
    description: str,
    organisation_name: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    ip: str = "",
    at: datetime.datetime | None = None,
) -> Opportunity:
    """A visitor's "tell us your problem" enquiry: an opportunity at the enquiry stage, matched
    to a known partner by name when the match is confident; the visitor gets a confirmation
    e-mail and the office's officers a notification."""
    from .tasks import send_enquiry_confirmation

    organisation = match_organisation(organisation_name)
    opp = opportunity_create(
        by=None,
        source=Source.ENQUIRY,
        title=title,
        description=description,
        organisation=organisation,
        organisation_name=organisation_name,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        unit=organisation.lead_unit if organisation and organisation.lead_unit_id else None,
        at=at,
    )
    del ip  # rate-limited by the view; not stored (the visitor's address is not needed)
    language = translation.get_language() or ""
    transaction.on_commit(lambda: send_enquiry_confirmation.delay(opp.pk, language))
    url = reverse("pipeline:opportunity_detail", args=[opp.pk])
    who = opp.organisation_name or opp.contact_name
    for officer in oil_officers():
        notify(
            recipient=officer,
            kind="pipeline.enquiry",
            title=_("New enquiry %(ref)s from %(who)s") % {"ref": opp.reference, "who": who},
            url=url,
            body=opp.title,
        )
    return opp
