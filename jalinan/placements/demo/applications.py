"""Demo applications in every state."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from .. import services
from ..choices import ApplicationStatus as S
from ..models import Application


def seed_applications(ctx, the_plan, students, openings, partners, officer, today) -> None:
    """Every application is sent first, then moved along (as in life: the partner decides
    after the deadline), the accepted offers last."""
    done = set(Application.objects.values_list("opening_id", "student_id"))
    sent = []
    for a in the_plan.applications:
        opening = openings[a.opening]
        student = students[a.student]
        if opening is not None and (opening.pk, student.pk) in done:
            ctx.count("applications", False)
            continue
        if opening is None or opening.status != "published":
            continue
        term = the_plan.openings[a.opening].term
        try:
            application = services.applications.application_submit(
                opening=opening,
                student=student,
                cover_note=a.note,
                consent_to_share=a.consent,
                as_of=opening.deadline - timedelta(days=10) if term != "next" else None,
            )
        except ValidationError:
            continue
        ctx.count("applications", True)
        sent.append((a, application))
    sent.sort(key=lambda pair: S.ACCEPTED in pair[0].path)
    for a, application in sent:
        partner = partners.get(the_plan.openings[a.opening].org_index) or officer
        student = students[a.student]
        try:
            for target in a.path:
                actor = student if target in (S.ACCEPTED, S.DECLINED, S.WITHDRAWN) else partner
                services.applications.application_move(
                    application=application,
                    to=target,
                    by=actor,
                    note="Interview at our office." if target == S.INTERVIEW else "",
                    interview_at=timezone.now() + timedelta(days=3)
                    if target == S.INTERVIEW
                    else None,
                )
        except ValidationError:
            continue
    # The past term is closed to applications now.
    for o, opening in zip(the_plan.openings, openings, strict=True):
        if opening is not None and o.term == "past" and opening.status == "published":
            services.openings.opening_close(opening=opening, by=officer)
