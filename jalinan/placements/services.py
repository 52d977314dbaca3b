"""Every write to placement records: keyword-only, atomic, validated, audited, and telling the
people who must act."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jalinan.accounts.models import Unit, User
from jalinan.accounts.roles import OIL_ROLES, Role, has_role, is_oil, is_partner_user
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.files import PDF, validate_upload
from jalinan.core.notifications import notify
from jalinan.sdgs.services import sdg_request_classification

from . import conf, eligibility, ranking, workflow
from .choices import (
    EMPLOYABLE_OUTCOMES,
    ApplicationStatus,
    EvaluationStage,
    LogbookStatus,
    OpeningStatus,
    OutcomeStatus,
    PlacementStatus,
    RubricStage,
)
from .models import (
    Application,
    Evaluation,
    EvaluationLink,
    GraduateOutcome,
    LogbookEntry,
    Opening,
    Placement,
    PlacementFeedback,
    Programme,
    RubricCriterion,
    StudentProfile,
)
from .selectors import INTERNSHIP_AGREEMENT, UNLINKABLE_MEMORANDA

# Notification kinds (registered in apps.py).
KIND_OPENING = "placements.opening"
KIND_APPLICATION = "placements.application"
KIND_PLACEMENT = "placements.placement"
KIND_LOGBOOK = "placements.logbook"
KIND_REMINDER = "placements.reminder"


def _apply(obj, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in {"description", "cover_note"}:
            value = value.strip()
        setattr(obj, key, value)


def _clean_list(values) -> list[str]:
    if isinstance(values, str):
        values = values.replace("\n", ",").split(",")
    out: list[str] = []
    for v in values or []:
        v = " ".join(str(v).split())
        if v and v.lower() not in {o.lower() for o in out}:
            out.append(v)
    return out


# -- who to tell ------------------------------------------------------------------------------


def partner_users(organisation_id) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=organisation_id,
            groups__name=Role.PARTNER,
            approval_status=User.Approval.APPROVED,
            is_active=True,
        ).distinct()
    )


def officers() -> list[User]:
    return list(User.objects.filter(groups__name__in=list(OIL_ROLES), is_active=True).distinct())


def coordinators_of(unit_id) -> list[User]:
    """Coordinators of ``unit_id`` or of any unit above it."""
    if not unit_id:
        return []
    chain, seen = [], set()
    unit = Unit.objects.filter(pk=unit_id).first()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        chain.append(unit.pk)
        unit = unit.parent
    return list(
        User.objects.filter(
            groups__name=Role.COORDINATOR, unit_id__in=chain, is_active=True
        ).distinct()
    )


_QUIET: ContextVar[frozenset[int] | None] = ContextVar("placements_quiet", default=None)


@contextmanager
def quietly(*, except_for=()):
    """Record without telling anyone: inside this block the services write (and audit) as
    usual but create no notifications, except to the people in ``except_for``. For loading
    past terms (the demo data, an import from the previous system), where telling hundreds of
    people about last year's applications would be noise."""
    token = _QUIET.set(frozenset(u.pk for u in except_for if u is not None))
    try:
        yield
    finally:
        _QUIET.reset(token)


def _notify(**kwargs):
    quiet = _QUIET.get()
    if quiet is not None and getattr(kwargs.get("recipient"), "pk", None) not in quiet:
        return None
    return notify(**kwargs)


def _tell(users, **kwargs) -> int:
    return sum(1 for u in users if _notify(recipient=u, **kwargs) is not None)


# -- programmes -------------------------------------------------------------------------------

PROGRAMME_FIELDS = {"code", "name", "name_ms", "level", "unit", "is_active"}


@transaction.atomic
def programme_create(*, by, **fields) -> Programme:
    """Add a programme of study (the office's reference data)."""
    programme = Programme()
    _apply(programme, fields, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    audit_log(actor=by, action="create", obj=programme, changes=diff({}, snapshot(programme)))
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by, **fields) -> Programme:
    before = snapshot(Programme.objects.get(pk=programme.pk))
    _apply(programme, fields, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    changes = diff(before, snapshot(programme))
    if changes:
        audit_log(actor=by, action="update", obj=programme, changes=changes)
    if "name" in changes:  # the students' "programme" documents name it
        for profile in StudentProfile.objects.filter(programme=programme).only("pk"):
            ranking.profile_reindex(profile)
    return programme


# -- student profiles -------------------------------------------------------------------------

PROFILE_FIELDS = {
    "programme",
    "year_of_study",
    "cgpa",
    "skills",
    "languages",
    "training_from",
    "training_to",
    "training_weeks",
    "expected_graduation",
    "consent_to_share",
    "shared_fields",
}


def _profile_snapshot(profile: StudentProfile) -> dict:
    fields = [f.name for f in StudentProfile._meta.concrete_fields if f.name != "cv"]
    return {**snapshot(profile, fields), "cv": profile.cv.name or None}


@transaction.atomic
def student_profile_save(*, user: User, by, **fields) -> StudentProfile:
    """Create or update ``user``'s placement profile. The kulliyyah follows the programme (or
    the student's own unit while no programme is chosen); consent is time-stamped."""
    if not has_role(user, Role.STUDENT):
        raise ValidationError(_("Only students have a placement profile."))
    profile = StudentProfile.objects.select_for_update().filter(user=user).first()
    creating = profile is None
    if creating:
        profile = StudentProfile(user=user)
    before = {} if creating else _profile_snapshot(profile)
    for key in ("skills", "languages"):
        if key in fields:
            fields[key] = _clean_list(fields[key])
    if "shared_fields" in fields:
        fields["shared_fields"] = sorted({str(f) for f in fields["shared_fields"]})
    was_consenting = profile.consent_to_share
    _apply(profile, fields, PROFILE_FIELDS)
    if profile.consent_to_share and not was_consenting:
        profile.consent_at = timezone.now()
    elif not profile.consent_to_share:
        profile.consent_at = None
    profile.kulliyyah_id = profile.programme.unit_id if profile.programme_id else user.unit_id
    profile.full_clean()
    profile.save()
    changes = diff(before, _profile_snapshot(profile))
    if changes:
        audit_log(actor=by, action="create" if creating else "update", obj=profile, changes=changes)
    if creating or {"skills", "languages", "programme"} & set(changes):
        ranking.profile_reindex(profile)
    return profile


@transaction.atomic
def student_cv_upload(*, profile: StudentProfile, upload, by) -> StudentProfile:
    """Store the student's CV: a real PDF (checked by content) under the size limit."""
    validate_upload(upload, kinds=(PDF,), max_bytes=conf.cv_max_bytes())
    old = profile.cv.name if profile.cv else ""
    profile.cv.save("cv.pdf", upload, save=False)
    profile.cv_uploaded_at = timezone.now()
    profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
    if old:
        storage = profile.cv.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_log(actor=by, action="update", obj=profile, message="CV uploaded")
    return profile


@transaction.atomic
def student_cv_remove(*, profile: StudentProfile, by) -> StudentProfile:
    if profile.cv:
        name, storage = profile.cv.name, profile.cv.storage
        profile.cv = ""
        profile.cv_uploaded_at = None
        profile.save(update_fields=["cv", "cv_uploaded_at", "updated_at"])
        transaction.on_commit(lambda: storage.delete(name))
        audit_log(actor=by, action="update", obj=profile, message="CV removed")
    return profile


# -- openings ---------------------------------------------------------------------------------

OPENING_FIELDS = {
    "kind",
    "title",
    "description",
    "skills",
    "min_year",
    "max_year",
    "work_mode",
    "state",
    "city",
    "starts_on",
    "ends_on",
    "allowance_rm",
    "places",
    "deadline",
    "memorandum",
}
TEXT_FIELDS = {"title", "description", "skills"}


def _opening_snapshot(opening: Opening) -> dict:
    data = snapshot(opening)
    if opening.pk:
        data["programmes"] = sorted(p.code for p in opening.programmes.all())
    return data


def _check_memorandum(opening: Opening, by, before_id: int | None) -> None:
    """Only the office links an opening to a memorandum, and only to an Internship Agreement
    the opening's organisation is a party to. A link made earlier is left alone."""
    if opening.memorandum_id == before_id:
        return
    if not is_oil(by):
        raise PermissionDenied
    memo = opening.memorandum
    if memo is None:
        return
    if memo.memo_type.code != INTERNSHIP_AGREEMENT:
        raise ValidationError(
            {
                "memorandum": _(
                    "An opening can fall only under an Internship Agreement; %(reference)s is "
                    "of the type “%(type)s”."
                )
                % {
                    "reference": memo.reference,
                    "type": memo.memo_type.display_name(get_language() or "en"),
                }
            }
        )
    if not memo.parties.filter(organisation_id=opening.organisation_id).exists():
        raise ValidationError(
            {
                "memorandum": _("%(org)s is not a party to %(reference)s.")
                % {"org": opening.organisation.legal_name, "reference": memo.reference}
            }
        )
    if memo.status in UNLINKABLE_MEMORANDA:
        raise ValidationError(
            {
                "memorandum": _(
                    "%(reference)s was rejected or withdrawn: an opening cannot fall under it."
                )
                % {"reference": memo.reference}
            }
        )


def _publish(opening: Opening, by, now) -> None:
    opening.status = OpeningStatus.PUBLISHED
    opening.published_at = opening.published_at or now
    opening.reviewed_by = by if is_oil(by) else opening.reviewed_by
    opening.reviewed_at = now if is_oil(by) else opening.reviewed_at


@transaction.atomic
def opening_create(*, by, organisation, programmes=(), **fields) -> Opening:
    """Post an opening. An officer's opening, or one from a vetted partner, is published at
    once; an unvetted partner's waits for an officer's approval."""
    if not is_oil(by) and not (is_partner_user(by) and by.organisation_id == organisation.pk):
        raise PermissionDenied
    if organisation.status == "merged":
        raise ValidationError(_("This organisation was merged into another record."))
    if "skills" in fields:
        fields["skills"] = _clean_list(fields["skills"])
    opening = Opening(organisation=organisation, posted_by=by)
    _apply(opening, fields, OPENING_FIELDS)
    _check_memorandum(opening, by, None)
    now = timezone.now()
    if is_oil(by) or organisation.is_vetted:
        _publish(opening, by, now)
    else:
        opening.status = OpeningStatus.PENDING
    opening.full_clean()
    opening.save()
    opening.programmes.set(programmes)
    audit_log(actor=by, action="create", obj=opening, changes=diff({}, _opening_snapshot(opening)))
    sdg_request_classification(obj=opening)
    ranking.opening_reindex(opening)
    if opening.status == OpeningStatus.PENDING:
        _tell(
            officers(),
            kind=KIND_OPENING,
            title=_("Opening waiting for approval: %(title)s (%(org)s)")
            % {"title": opening.title, "org": organisation.legal_name},
            body=_("%(org)s is not vetted yet, so its openings wait for an officer.")
            % {"org": organisation.legal_name},
            url=opening.get_absolute_url(),
        )
    return opening


@transaction.atomic
def opening_update(*, opening: Opening, by, programmes=None, **fields) -> Opening:
    """Change an opening. A rejected opening a partner corrects goes back for approval."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status == OpeningStatus.CLOSED:
        raise ValidationError(_("A closed opening cannot be changed."))
    before = _opening_snapshot(opening)
    before_memorandum = opening.memorandum_id
    if "skills" in fields:
        fields["skills"] = _clean_list(fields["skills"])
    _apply(opening, fields, OPENING_FIELDS)
    _check_memorandum(opening, by, before_memorandum)
    resubmitted = False
    if opening.status == OpeningStatus.REJECTED:
        if is_oil(by) or opening.organisation.is_vetted:
            _publish(opening, by, timezone.now())
        else:
            opening.status = OpeningStatus.PENDING
            resubmitted = True
    opening.full_clean()
    opening.save()
    if programmes is not None:
        opening.programmes.set(programmes)
    changes = diff(before, _opening_snapshot(opening))
    if changes:
        audit_log(actor=by, action="update", obj=opening, changes=changes)
        if TEXT_FIELDS & set(changes):
            sdg_request_classification(obj=opening)
        if TEXT_FIELDS & set(changes) or "status" in changes:
            ranking.opening_reindex(opening)
    if resubmitted:
        _tell(
            officers(),
            kind=KIND_OPENING,
            title=_("Opening corrected and waiting for approval: %(title)s (%(org)s)")
            % {"title": opening.title, "org": opening.organisation.legal_name},
            url=opening.get_absolute_url(),
        )
    return opening


def _review(opening: Opening, by, *, approve: bool, note: str) -> Opening:
    if not is_oil(by):
        raise PermissionDenied
    opening = (
        Opening.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=opening.pk)
    )
    if opening.status != OpeningStatus.PENDING:
        raise ValidationError(_("Only an opening waiting for approval can be approved or not."))
    before = snapshot(opening)
    now = timezone.now()
    if approve:
        _publish(opening, by, now)
    else:
        if not note.strip():
            raise ValidationError({"note": _("Say why, so that the partner can correct it.")})
        opening.status = OpeningStatus.REJECTED
        opening.reviewed_by, opening.reviewed_at = by, now
    opening.review_note = note.strip()
    opening.save()
    audit_log(
        actor=by,
        action="transition",
        obj=opening,
        changes=diff(before, snapshot(opening)),
        message=note.strip(),
    )
    ranking.opening_reindex(opening)
    org = opening.organisation.legal_name
    title = (
        _("Your opening %(title)s is published")
        if approve
        else _("Your opening %(title)s was not approved")
    ) % {"title": opening.title}
    _tell(
        partner_users(opening.organisation_id),
        kind=KIND_OPENING,
        title=title,
        body=note.strip()
        or _("Students of the university can now apply (%(org)s).") % {"org": org},
        url=opening.get_absolute_url(),
    )
    return opening


@transaction.atomic
def opening_approve(*, opening: Opening, by, note: str = "") -> Opening:
    """An officer publishes an unvetted partner's opening."""
    return _review(opening, by, approve=True, note=note)


@transaction.atomic
def opening_reject(*, opening: Opening, by, note: str) -> Opening:
    """An officer turns an opening down, saying why; the partner may correct it."""
    return _review(opening, by, approve=False, note=note)


@transaction.atomic
def opening_close(*, opening: Opening, by) -> Opening:
    """Stop taking applications. Applications already in stay where they are."""
    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status != OpeningStatus.PUBLISHED:
        raise ValidationError(_("Only a published opening can be closed."))
    before = snapshot(opening)
    opening.status = OpeningStatus.CLOSED
    opening.save(update_fields=["status", "updated_at"])
    audit_log(actor=by, action="transition", obj=opening, changes=diff(before, snapshot(opening)))
    ranking.opening_reindex(opening)
    return opening


# -- applications -----------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    opening: Opening,
    student: User,
    cover_note: str,
    consent_to_share: bool,
    as_of: date | None = None,
) -> Application:
    """A student applies. Every eligibility rule is checked here (see eligibility.py), and the
    student's consent to share their profile with this partner is recorded as given.

    ``as_of`` judges the deadline on another day: only the demo data uses it, to record past
    terms; pages and the API never pass it."""
    if not has_role(student, Role.STUDENT):
        raise PermissionDenied
    opening = (
        Opening.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=opening.pk)
    )
    profile = StudentProfile.objects.filter(user=student).select_related("programme").first()
    problems = eligibility.problems(opening, student, profile, today=as_of)
    if problems:
        raise ValidationError(problems)
    if not cover_note.strip():
        raise ValidationError({"cover_note": _("Write a few words to the partner.")})
    now = timezone.now()
    application = Application(
        opening=opening,
        student=student,
        cover_note=cover_note.strip(),
        consent_to_share=bool(consent_to_share),
        consent_at=now if consent_to_share else None,
    )
    application.full_clean()
    application.save()
    audit_log(
        actor=student,
        action="create",
        obj=application,
        changes={
            "status": [None, application.status],
            "consent_to_share": [None, application.consent_to_share],
        },
    )
    _tell(
        partner_users(opening.organisation_id),
        kind=KIND_APPLICATION,
        title=_("New application for %(opening)s from %(student)s")
        % {"opening": opening.title, "student": student.full_name},
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def application_move(
    *, application: Application, to: str, by: User, note: str = "", interview_at=None
) -> Application:
    """Move an application along the table in workflow.py. The partner shortlists, invites,
    offers or declines; the student accepts or declines an offer or withdraws. Each move tells
    the student; the student's moves tell the partner. Accepting makes the placement, and a
    student holds only one accepted placement for any period."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("opening__organisation", "student")
        .get(pk=application.pk)
    )
    move = workflow.find_move(application.status, to)
    if move is None:
        raise ValidationError(
            _("An application that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": ApplicationStatus(application.status).label,
                "to": ApplicationStatus(to).label if to in ApplicationStatus.values else to,
            }
        )
    if move.actor not in workflow.acts_as(by, application):
        raise PermissionDenied
    opening = Opening.objects.select_for_update().get(pk=application.opening_id)
    if to == ApplicationStatus.OFFERED:
        held = opening.applications.filter(
            status__in=[ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED]
        ).count()
        if held >= opening.places:
            raise ValidationError(
                _(
                    "All %(n)d places are taken or on offer. Wait for the students' answers, "
                    "or withdraw an offer first."
                )
                % {"n": opening.places}
            )
    if to == ApplicationStatus.ACCEPTED:
        # Lock the student: two offers accepted at once must not both pass the check below.
        User.objects.select_for_update().filter(pk=application.student_id).first()
        held = eligibility.overlapping_placement(
            application.student, opening.starts_on, opening.ends_on
        )
        if held is not None:
            raise ValidationError(
                _(
                    "You already hold a placement at %(org)s from %(start)s to %(end)s. A "
                    "student may accept only one placement for any period."
                )
                % {"org": held.organisation, "start": held.starts_on, "end": held.ends_on}
            )
        if eligibility.places_taken(opening) >= opening.places:
            raise ValidationError(_("All places of this opening have been filled."))
    before = snapshot(application)
    application.status = to
    application.last_note = note.strip()
    if to == ApplicationStatus.INTERVIEW:
        application.interview_at = interview_at
    if to in workflow.FINAL:
        application.decided_at = timezone.now()
    application.save()
    audit_log(
        actor=by,
        action="transition",
        obj=application,
        changes=diff(before, snapshot(application)),
        message=note.strip(),
    )
    placement = _placement_create(application, by) if to == ApplicationStatus.ACCEPTED else None
    words = {"opening": opening.title, "org": opening.organisation.legal_name}
    body = note.strip()
    if to == ApplicationStatus.INTERVIEW and interview_at:
        when = timezone.localtime(interview_at).strftime("%d %b %Y %H:%M")
        body = (_("Interview: %(when)s.") % {"when": when} + "\n" + body).strip()
    _notify(
        recipient=application.student,
        kind=KIND_APPLICATION,
        title=str(move.message) % words,
        body=body,
        url=placement.get_absolute_url() if placement else application.get_absolute_url(),
    )
    if move.actor == workflow.STUDENT:
        _tell(
            partner_users(opening.organisation_id),
            kind=KIND_APPLICATION,
            title=_("%(student)s: %(status)s — %(opening)s")
            % {
                "student": application.student.full_name,
                "status": ApplicationStatus(to).label,
                "opening": opening.title,
            },
            body=body,
            url=application.get_absolute_url(),
        )
    return application


# -- placements -------------------------------------------------------------------------------


def _placement_create(application: Application, by) -> Placement:
    opening = application.opening
    placement = Placement(
        application=application,
        student=application.student,
        organisation_id=opening.organisation_id,
        starts_on=opening.starts_on,
        ends_on=opening.ends_on,
    )
    placement.full_clean()
    placement.save()
    audit_log(actor=by, action="create", obj=placement, changes=diff({}, snapshot(placement)))
    url = placement.get_absolute_url()
    profile = getattr(application.student, "student_profile", None)
    words = {"student": application.student.full_name, "org": opening.organisation.legal_name}
    _tell(
        coordinators_of(profile.kulliyyah_id if profile else None),
        kind=KIND_PLACEMENT,
        title=_("%(student)s accepted a placement at %(org)s") % words,
        body=_("Assign an academic supervisor."),
        url=url,
    )
    _tell(
        partner_users(opening.organisation_id),
        kind=KIND_PLACEMENT,
        title=_("%(student)s will join %(org)s") % words,
        body=_("Name the student's industry supervisor on the placement page."),
        url=url,
    )
    return placement


SUPERVISOR_FIELDS = {
    "industry_supervisor_name",
    "industry_supervisor_email",
    "industry_supervisor_phone",
}
PLACEMENT_FIELDS = SUPERVISOR_FIELDS | {"starts_on", "ends_on", "academic_supervisor", "status"}


@transaction.atomic
def placement_update(*, placement: Placement, by, **fields) -> Placement:
    """Change a placement. The partner names the industry supervisor; the office and the
    coordinator also set dates, status and the academic supervisor."""
    from .permissions import can_change_industry_supervisor, can_manage_placement

    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student__student_profile", "organisation")
        .get(pk=placement.pk)
    )
    allowed = (
        PLACEMENT_FIELDS
        if can_manage_placement(by, placement)
        else SUPERVISOR_FIELDS
        if can_change_industry_supervisor(by, placement)
        else set()
    )
    if not allowed or set(fields) - allowed:
        raise PermissionDenied
    before = snapshot(placement)
    _apply(placement, fields, allowed)
    supervisor = placement.academic_supervisor
    if supervisor is not None and not has_role(supervisor, Role.ACADEMIC):
        raise ValidationError({"academic_supervisor": _("Choose a member of academic staff.")})
    if {"starts_on", "ends_on"} & set(fields) and placement.status != PlacementStatus.CANCELLED:
        other = eligibility.overlapping_placement(
            placement.student, placement.starts_on, placement.ends_on, exclude_pk=placement.pk
        )
        if other is not None:
            raise ValidationError(
                _("These dates overlap the student's placement at %(org)s.")
                % {"org": other.organisation}
            )
    if placement.status == PlacementStatus.COMPLETED and not placement.completed_at:
        placement.completed_at = timezone.now()
    placement.full_clean()
    placement.save()
    changes = diff(before, snapshot(placement))
    if changes:
        audit_log(actor=by, action="update", obj=placement, changes=changes)
    if "academic_supervisor" in changes and supervisor is not None:
        _notify(
            recipient=supervisor,
            kind=KIND_PLACEMENT,
            title=_("You supervise %(student)s's placement at %(org)s")
            % {"student": placement.student.full_name, "org": placement.organisation.legal_name},
            body=_("Review the student's weekly logbook entries."),
            url=placement.get_absolute_url(),
        )
        _notify(
            recipient=placement.student,
            kind=KIND_PLACEMENT,
            title=_("Your academic supervisor is %(name)s") % {"name": supervisor.display_name},
            url=placement.get_absolute_url(),
        )
    return placement


# -- logbook ----------------------------------------------------------------------------------


@transaction.atomic
def logbook_entry_save(
    *, placement: Placement, by, week: int, activities: str, learning: str = "", hours=None
) -> LogbookEntry:
    """The student writes (or corrects) one week of the logbook. A reviewed week is final."""
    from .permissions import can_write_logbook

    if not can_write_logbook(by, placement):
        raise PermissionDenied
    if week > placement.current_week():
        raise ValidationError({"week": _("You cannot write a week that has not started.")})
    entry = LogbookEntry.objects.select_for_update().filter(placement=placement, week=week).first()
    creating = entry is None
    if creating:
        entry = LogbookEntry(placement=placement, week=week)
    elif entry.status == LogbookStatus.REVIEWED:
        raise ValidationError(_("This week was already reviewed and cannot be changed."))
    before = {} if creating else snapshot(entry)
    entry.activities = activities.strip()
    entry.learning = learning.strip()
    entry.hours = hours
    entry.status = LogbookStatus.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.full_clean()
    entry.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=entry,
        changes=diff(
            before, snapshot(entry, ["week", "activities", "learning", "hours", "status"])
        ),
    )
    if placement.academic_supervisor_id:
        _notify(
            recipient=placement.academic_supervisor,
            kind=KIND_LOGBOOK,
            title=_("Logbook week %(week)d of %(student)s to review")
            % {"week": week, "student": placement.student.full_name},
            url=placement.get_absolute_url() + f"#week-{week}",
        )
    return entry


@transaction.atomic
def logbook_entry_review(
    *, entry: LogbookEntry, by, approve: bool, comment: str = ""
) -> LogbookEntry:
    """The academic supervisor reviews a week, or returns it with a comment for revision."""
    from .permissions import can_review_logbook

    entry = (
        LogbookEntry.objects.select_for_update(of=("self",))
        .select_related("placement__student")
        .get(pk=entry.pk)
    )
    if not can_review_logbook(by, entry.placement):
        raise PermissionDenied
    if entry.status != LogbookStatus.SUBMITTED:
        raise ValidationError(_("Only an entry waiting for review can be reviewed."))
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say what the student should revise.")})
    before = snapshot(entry, ["status", "review_comment"])
    entry.status = LogbookStatus.REVIEWED if approve else LogbookStatus.RETURNED
    entry.review_comment = comment.strip()
    entry.reviewed_by = by
    entry.reviewed_at = timezone.now()
    entry.save()
    audit_log(
        actor=by,
        action="transition",
        obj=entry,
        changes=diff(before, snapshot(entry, ["status", "review_comment"])),
    )
    words = {"week": entry.week}
    _notify(
        recipient=entry.placement.student,
        kind=KIND_PLACEMENT,
        title=(
            _("Logbook week %(week)d reviewed")
            if approve
            else _("Logbook week %(week)d returned for revision")
        )
        % words,
        body=entry.review_comment,
        url=entry.placement.get_absolute_url() + f"#week-{entry.week}",
    )
    return entry


@transaction.atomic
def logbook_review_all(*, placement: Placement, by, comment: str = "") -> int:
    """The academic supervisor signs off every week waiting for review at once (supervisors
    often read several weeks together). One audit entry names the weeks; the student is told
    once. Returns how many weeks were reviewed."""
    from .permissions import can_review_logbook

    if not can_review_logbook(by, placement):
        raise PermissionDenied
    waiting = LogbookEntry.objects.select_for_update().filter(
        placement=placement, status=LogbookStatus.SUBMITTED
    )
    weeks = sorted(waiting.values_list("week", flat=True))
    if not weeks:
        return 0
    waiting.update(
        status=LogbookStatus.REVIEWED,
        review_comment=comment.strip(),
        reviewed_by=by,
        reviewed_at=timezone.now(),
    )
    audit_log(
        actor=by,
        action="transition",
        obj=placement,
        changes={"logbook weeks reviewed": [None, weeks]},
        message=comment.strip(),
    )
    _notify(
        recipient=placement.student,
        kind=KIND_PLACEMENT,
        title=_("Logbook weeks %(weeks)s reviewed") % {"weeks": ", ".join(map(str, weeks))},
        body=comment.strip(),
        url=placement.get_absolute_url(),
    )
    return len(weeks)


# -- evaluations ------------------------------------------------------------------------------


NO_RUBRIC = gettext_lazy(
    "The evaluation rubric has no line for this evaluation yet; the office must set it up."
)


def rubric_for(stage: str) -> list[RubricCriterion]:
    return list(RubricCriterion.objects.filter(is_active=True, stage__in=[RubricStage.BOTH, stage]))


@transaction.atomic
def evaluation_link_issue(
    *, placement: Placement, stage: str, by=None
) -> tuple[EvaluationLink, str]:
    """E-mail the industry supervisor a fresh link for one evaluation; any earlier link for the
    same evaluation stops working. ``by=None`` is the daily reminder job."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student", "organisation")
        .get(pk=placement.pk)
    )
    if stage not in EvaluationStage.values:
        raise ValidationError(_("Unknown evaluation."))
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Evaluations are asked for only while a placement is in progress."))
    if not placement.industry_supervisor_email:
        raise ValidationError(_("Add the industry supervisor's e-mail address first."))
    if Evaluation.objects.filter(placement=placement, stage=stage).exists():
        raise ValidationError(_("This evaluation was already submitted."))
    if not rubric_for(stage):
        raise ValidationError(NO_RUBRIC)
    now = timezone.now()
    EvaluationLink.objects.filter(
        placement=placement, stage=stage, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    raw, hashed = EvaluationLink.new_token()
    link = EvaluationLink(
        placement=placement,
        stage=stage,
        email=placement.industry_supervisor_email,
        token_hash=hashed,
        created_by=by if getattr(by, "pk", None) else None,
        expires_at=now + timedelta(days=conf.evaluation_link_days()),
    )
    link.full_clean()
    link.save()
    audit_log(
        actor=by,
        action="other",
        obj=placement,
        message=f"{EvaluationStage(stage).label} link sent to {link.email}",
    )
    from .tasks import send_evaluation_link

    transaction.on_commit(lambda: send_evaluation_link.delay(link.pk, raw))
    return link, raw


def _percent(rows: list[dict]) -> Decimal:
    total_weight = sum(r["weight"] for r in rows)
    if not total_weight:
        return Decimal("0")
    value = sum(Decimal(r["score"]) / r["max"] * r["weight"] for r in rows) / total_weight * 100
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def evaluation_submit(
    *,
    link: EvaluationLink,
    scores: dict[int, int],
    evaluator_name: str,
    strengths: str = "",
    improvements: str = "",
) -> Evaluation:
    """The industry supervisor submits the evaluation the link is for: once, before it
    expires. The final evaluation completes the placement."""
    link = EvaluationLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_usable:
        raise ValidationError(_("This evaluation link can no longer be used."))
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("student", "organisation", "academic_supervisor")
        .get(pk=link.placement_id)
    )
    if Evaluation.objects.filter(placement=placement, stage=link.stage).exists():
        raise ValidationError(_("This evaluation was already submitted."))
    if not evaluator_name.strip():
        raise ValidationError({"evaluator_name": _("Give your name.")})
    criteria = rubric_for(link.stage)
    if not criteria:
        raise ValidationError(NO_RUBRIC)
    rows, errors = [], {}
    for c in criteria:
        score = scores.get(c.pk)
        if score is None or not (1 <= int(score) <= c.max_score):
            errors[f"c_{c.pk}"] = _("Choose a score from 1 to %(max)d.") % {"max": c.max_score}
            continue
        rows.append(
            {
                "criterion": c.pk,
                "name": c.name,
                "name_ms": c.name_ms,
                "weight": c.weight,
                "max": c.max_score,
                "score": int(score),
            }
        )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    evaluation = Evaluation(
        placement=placement,
        stage=link.stage,
        scores=rows,
        percent=_percent(rows),
        strengths=strengths.strip(),
        improvements=improvements.strip(),
        evaluator_name=evaluator_name.strip(),
        submitted_at=now,
    )
    evaluation.full_clean()
    evaluation.save()
    link.used_at = now
    link.save(update_fields=["used_at"])
    audit_log(
        actor=None,
        action="create",
        obj=evaluation,
        changes={"percent": [None, str(evaluation.percent)]},
        message=f"Submitted by {evaluation.evaluator_name} through the link sent to {link.email}",
    )
    if link.stage == EvaluationStage.FINAL and placement.status == PlacementStatus.ACTIVE:
        placement.status = PlacementStatus.COMPLETED
        placement.completed_at = now
        placement.save(update_fields=["status", "completed_at", "updated_at"])
        audit_log(
            actor=None,
            action="transition",
            obj=placement,
            changes={"status": [PlacementStatus.ACTIVE, PlacementStatus.COMPLETED]},
            message="Final evaluation submitted",
        )
    words = {"stage": EvaluationStage(link.stage).label, "student": placement.student.full_name}
    url = placement.get_absolute_url()
    if placement.academic_supervisor_id:
        _notify(
            recipient=placement.academic_supervisor,
            kind=KIND_PLACEMENT,
            title=_("%(stage)s of %(student)s submitted by the industry supervisor") % words,
            url=url,
        )
    _notify(
        recipient=placement.student,
        kind=KIND_PLACEMENT,
        title=_("Your industry supervisor submitted your %(stage)s")
        % {"stage": str(EvaluationStage(link.stage).label).lower()},
        body=_("Tell us about your placement too: rate it on the placement page.")
        if link.stage == EvaluationStage.FINAL
        else "",
        url=url,
    )
    return evaluation


# -- rubric -----------------------------------------------------------------------------------

RUBRIC_FIELDS = {
    "name",
    "name_ms",
    "description",
    "description_ms",
    "stage",
    "weight",
    "max_score",
    "order",
    "is_active",
}


@transaction.atomic
def rubric_criterion_create(*, by, **fields) -> RubricCriterion:
    """Add a line to the evaluation rubric. Evaluations already made keep their own copy."""
    if not is_oil(by):
        raise PermissionDenied
    criterion = RubricCriterion()
    _apply(criterion, fields, RUBRIC_FIELDS)
    criterion.full_clean()
    criterion.save()
    audit_log(actor=by, action="create", obj=criterion, changes=diff({}, snapshot(criterion)))
    return criterion


@transaction.atomic
def rubric_criterion_update(*, criterion: RubricCriterion, by, **fields) -> RubricCriterion:
    if not is_oil(by):
        raise PermissionDenied
    before = snapshot(RubricCriterion.objects.get(pk=criterion.pk))
    _apply(criterion, fields, RUBRIC_FIELDS)
    criterion.full_clean()
    criterion.save()
    changes = diff(before, snapshot(criterion))
    if changes:
        audit_log(actor=by, action="update", obj=criterion, changes=changes)
    return criterion


# -- the student's evaluation of the placement ------------------------------------------------

FEEDBACK_FIELDS = {"rating", "supervision_rating", "learning_rating", "would_recommend", "comments"}


@transaction.atomic
def feedback_submit(*, placement: Placement, by, **fields) -> PlacementFeedback:
    """The student rates the placement (and so the partner); they may correct it later."""
    from .permissions import can_give_feedback

    if not can_give_feedback(by, placement):
        raise PermissionDenied
    feedback = PlacementFeedback.objects.select_for_update().filter(placement=placement).first()
    creating = feedback is None
    if creating:
        feedback = PlacementFeedback(placement=placement)
    before = {} if creating else snapshot(feedback)
    _apply(feedback, fields, FEEDBACK_FIELDS)
    feedback.submitted_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=feedback,
        changes=diff(before, snapshot(feedback)),
    )
    return feedback


# -- graduates' outcomes ----------------------------------------------------------------------

OUTCOME_FIELDS = {
    "graduated_on",
    "status",
    "employer_organisation",
    "employer_name",
    "job_title",
    "started_on",
}
SIX_MONTHS = timedelta(days=183)


@transaction.atomic
def outcome_record(*, student: User, by, **fields) -> GraduateOutcome:
    """Record (or correct) where a graduate was within six months of graduating. Whether the
    employer is an organisation the graduate was placed at is worked out here."""
    from .permissions import can_record_outcome_for

    if not can_record_outcome_for(by, student):
        raise PermissionDenied
    outcome = GraduateOutcome.objects.select_for_update().filter(student=student).first()
    creating = outcome is None
    if creating:
        outcome = GraduateOutcome(student=student)
    before = {} if creating else snapshot(outcome)
    _apply(outcome, fields, OUTCOME_FIELDS)
    if outcome.status == OutcomeStatus.NOT_WORKING:
        outcome.employer_organisation = None
        outcome.employer_name = ""
    outcome.within_six_months = bool(
        outcome.status in EMPLOYABLE_OUTCOMES
        and outcome.started_on
        and outcome.graduated_on
        and outcome.started_on <= outcome.graduated_on + SIX_MONTHS
    )
    outcome.with_placement_partner = bool(
        outcome.employer_organisation_id
        and Placement.objects.filter(
            student=student, organisation_id=outcome.employer_organisation_id
        )
        .exclude(status=PlacementStatus.CANCELLED)
        .exists()
    )
    outcome.recorded_by = by
    outcome.full_clean()
    outcome.save()
    audit_log(
        actor=by,
        action="create" if creating else "update",
        obj=outcome,
        changes=diff(before, snapshot(outcome)),
    )
    return outcome


# -- the daily reminders ----------------------------------------------------------------------


def send_reminders(today: date | None = None) -> dict[str, int]:
    """Overdue logbooks and reviews, and evaluations due: idempotent (each reminder carries a
    dedupe key; a live evaluation link is never replaced the same day)."""
    from django.db.models import Count, Prefetch

    today = today or timezone.localdate()
    sent = {"logbook": 0, "review": 0, "links": 0, "evaluation_overdue": 0, "feedback": 0}
    grace = conf.logbook_grace_days()
    active = (
        Placement.objects.filter(status=PlacementStatus.ACTIVE, starts_on__lte=today)
        .select_related("student__student_profile", "organisation", "academic_supervisor")
        .annotate(entry_count=Count("logbook_entries"))
        .prefetch_related(
            Prefetch("logbook_entries", queryset=LogbookEntry.objects.only("placement_id", "week")),
            "evaluations",
            Prefetch(
                "evaluation_links",
                queryset=EvaluationLink.objects.filter(
                    used_at__isnull=True, revoked_at__isnull=True
                ),
                to_attr="open_links",
            ),
        )
    )
    for p in active:
        url = p.get_absolute_url()
        due = p.weeks_due(today, grace)
        have = {e.week for e in p.logbook_entries.all()}
        missing = [w for w in range(1, due + 1) if w not in have]
        if missing:
            done = _notify(
                recipient=p.student,
                kind=KIND_REMINDER,
                title=_("Your placement logbook is behind: week(s) %(weeks)s")
                % {"weeks": ", ".join(str(w) for w in missing)},
                body=_("Write the missing weeks on your placement page."),
                url=url,
                dedupe_key=f"logbook:{p.pk}:{missing[-1]}",
            )
            sent["logbook"] += done is not None
        submitted = {e.stage for e in p.evaluations.all()}
        for stage in EvaluationStage.values:
            if stage in submitted:
                continue
            due_on = p.evaluation_due_on(stage)
            if today < due_on - timedelta(days=conf.evaluation_lead_days()):
                continue
            overdue = today > due_on + timedelta(days=conf.evaluation_grace_days())
            live = [
                link
                for link in p.open_links
                if link.stage == stage and link.expires_at > timezone.now()
            ]
            stale = (
                live
                and overdue
                and all(
                    # Link ages are measured on the clock (links expire by it).
                    timezone.now() - link.created_at
                    >= timedelta(days=conf.evaluation_resend_days())
                    for link in live
                )
            )
            if p.industry_supervisor_email and (not live or stale):
                evaluation_link_issue(placement=p, stage=stage, by=None)
                sent["links"] += 1
            if overdue or not p.industry_supervisor_email:
                label = EvaluationStage(stage).label
                people = coordinators_of(
                    p.student.student_profile.kulliyyah_id
                    if hasattr(p.student, "student_profile")
                    else None
                )
                if p.academic_supervisor_id:
                    people.append(p.academic_supervisor)
                people += (
                    partner_users(p.organisation_id) if not p.industry_supervisor_email else []
                )
                title = (
                    _("%(stage)s of %(student)s at %(org)s is overdue")
                    if overdue
                    else _(
                        "%(stage)s of %(student)s at %(org)s is due: add the industry "
                        "supervisor's e-mail"
                    )
                ) % {"stage": label, "student": p.student.full_name, "org": p.organisation}
                for person in {u.pk: u for u in people}.values():
                    done = _notify(
                        recipient=person,
                        kind=KIND_REMINDER,
                        title=title,
                        url=url,
                        dedupe_key=f"evaluation:{p.pk}:{stage}:{'overdue' if overdue else 'due'}",
                    )
                    sent["evaluation_overdue"] += done is not None
    stale_before = timezone.now() - timedelta(days=conf.review_days())
    waiting = LogbookEntry.objects.filter(
        status=LogbookStatus.SUBMITTED,
        submitted_at__lt=stale_before,
        placement__academic_supervisor__isnull=False,
    ).select_related("placement__academic_supervisor", "placement__student")
    for entry in waiting:
        done = _notify(
            recipient=entry.placement.academic_supervisor,
            kind=KIND_REMINDER,
            title=_("Logbook week %(week)d of %(student)s has waited %(days)d days for review")
            % {
                "week": entry.week,
                "student": entry.placement.student.full_name,
                "days": conf.review_days(),
            },
            url=entry.placement.get_absolute_url() + f"#week-{entry.week}",
            dedupe_key=f"review:{entry.pk}:{entry.submitted_at:%Y%m%d%H%M%S}",
        )
        sent["review"] += done is not None
    ended = (
        Placement.objects.filter(ends_on__lt=today, student_feedback__isnull=True)
        .exclude(status=PlacementStatus.CANCELLED)
        .select_related("student", "organisation")
    )
    for p in ended:
        done = _notify(
            recipient=p.student,
            kind=KIND_REMINDER,
            title=_("How was your placement at %(org)s? Rate it") % {"org": p.organisation},
            url=p.get_absolute_url() + "#feedback",
            dedupe_key=f"feedback:{p.pk}",
        )
        sent["feedback"] += done is not None
    return sent
