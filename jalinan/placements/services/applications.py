"""Applications: a student applies; the partner and the student move the application along
the table in workflow.py; accepting an offer makes the placement."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.models import User
from jalinan.accounts.roles import Role, has_role
from jalinan.core.audit import audit_log, diff, snapshot

from .. import eligibility, workflow
from ..choices import ApplicationStatus
from ..models import Application, Opening, StudentProfile
from .common import KIND_APPLICATION, partner_users, tell, tell_all
from .placements import placement_create


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
    tell_all(
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
    placement = (
        placement_create(application=application, by=by)
        if to == ApplicationStatus.ACCEPTED
        else None
    )
    words = {"opening": opening.title, "org": opening.organisation.legal_name}
    body = note.strip()
    if to == ApplicationStatus.INTERVIEW and interview_at:
        when = timezone.localtime(interview_at).strftime("%d %b %Y %H:%M")
        body = (_("Interview: %(when)s.") % {"when": when} + "\n" + body).strip()
    tell(
        recipient=application.student,
        kind=KIND_APPLICATION,
        title=str(move.message) % words,
        body=body,
        url=placement.get_absolute_url() if placement else application.get_absolute_url(),
    )
    if move.actor == workflow.STUDENT:
        tell_all(
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
