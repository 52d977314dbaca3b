"""Reads of applications, each limited to what the user may see.

Applicants ranked for a partner (issue 6, item 3): :func:`applicants_for_opening` gives the
allowed set (an opening's applicants, in the order they applied) and :func:`ranked_applicants`
ranks it by fit through the matching engine (see ranking.py), each item with the reasons (a
:class:`ranking.Fit`). Ranking never adds to the allowed set and never drops from it: what the
engine does not score follows the ranked items in the default order.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jalinan.accounts.roles import is_oil, is_partner_user, unit_ids

from .. import ranking
from ..choices import ShareableField
from ..models import Application, Opening
from ..permissions import can_see_applicants, is_coordinator, profile_fields_map


def applications_for(user) -> QuerySet[Application]:
    qs = Application.objects.select_related(
        "opening__organisation", "student__student_profile__programme"
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk)
    if is_partner_user(user):
        visible |= Q(opening__organisation_id=user.organisation_id)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def applicants_for_opening(opening: Opening, user) -> QuerySet[Application]:
    """The applications to ``opening`` that ``user`` (its partner or the office) may see, in
    the order the students applied. :func:`ranked_applicants` ranks this set."""
    if not can_see_applicants(user, opening):
        return Application.objects.none()
    return (
        Application.objects.filter(opening=opening)
        .select_related("student__student_profile__programme", "opening")
        .order_by("created_at", "pk")
    )


def ranked_applicants(opening: Opening, user, *, by_date: bool = False) -> list[Application]:
    """The applications to ``opening`` that ``user`` may see (:func:`applicants_for_opening`),
    best fit with the opening first (its title, description and skills against each
    applicant's skills, languages and programme), each with ``fit`` (a
    :class:`ranking.Fit`) and ``visible`` (the profile fields ``user`` may see).

    The reasons show only what the student shares with ``user``: skills (and the words of
    them) when the skills are shared, the programme when it is. Applicants the engine cannot
    score (no profile) follow in the order they applied; ``by_date`` keeps that order for
    everyone (the reasons are still given).
    """
    from jalinan import matching

    applications = list(applicants_for_opening(opening, user))
    if not applications:
        return []
    profiles = {
        a.student_id: a.student.student_profile
        for a in applications
        if getattr(a.student, "student_profile", None) is not None
    }
    seen = profile_fields_map(user, list(profiles.values()))
    results = matching.score_entities(
        ranking.STUDENTS, ranking.opening_text(opening), set(profiles), evidence=2
    )
    wanted_programmes = set(opening.programmes.values_list("pk", flat=True))
    text = f"{opening.title}\n{opening.description}"
    for a in applications:
        a.visible = seen.get(a.student_id, frozenset())
        profile = profiles.get(a.student_id)
        result = results.get(a.student_id)
        if profile is None:
            a.fit = ranking.Fit()
            continue
        show_skills = ShareableField.SKILLS in a.visible
        show_programme = ShareableField.PROGRAMME in a.visible
        matched = ranking.skill_overlap(profile.skills, opening.skills, text) if show_skills else []
        terms = []
        for d in result.docs if result else []:
            if (d.key == "skills" and show_skills) or (d.key == "programme" and show_programme):
                terms += d.terms
        a.fit = ranking.Fit(
            score=result.score if result else None,
            skills=matched,
            terms=ranking.other_terms(terms, matched),
            programme=show_programme and profile.programme_id in wanted_programmes,
            hidden=not (show_skills and show_programme),
        )
    if not by_date:
        applications.sort(key=lambda a: (a.fit.score is None, -(a.fit.score or 0.0)))
    return applications
