"""Reads of placement records, each limited to what the user may see.

Recommendations (issue 6, item 3): :func:`openings_for_student` and
:func:`applicants_for_opening` give the allowed sets (the openings a student is eligible for,
soonest deadline first; an opening's applicants, in the order they applied), and
:func:`recommended_openings` and :func:`ranked_applicants` rank those sets by fit through the
matching engine (see ranking.py), each item with the reasons (a :class:`ranking.Fit`).
Ranking never adds to the allowed set and never drops from it: what the engine does not score
follows the ranked items in the default order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_oil, is_partner_user
from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.choices import Status as MemorandumStatus
from jalinan.agreements.models import Memorandum
from jalinan.agreements.selectors import memoranda_for

from . import conf, ranking
from .choices import (
    EMPLOYABLE_OUTCOMES,
    ApplicationStatus,
    EvaluationStage,
    OpeningStatus,
    OutcomeStatus,
    PlacementStatus,
    ShareableField,
)
from .models import (
    Application,
    GraduateOutcome,
    Opening,
    Placement,
    PlacementFeedback,
    StudentProfile,
)
from .permissions import BROWSING_ROLES, is_academic, is_coordinator, unit_ids

# -- openings -------------------------------------------------------------------------------


def openings_for(user) -> QuerySet[Opening]:
    """Openings ``user`` may see: the office all; a partner its organisation's; students and
    staff those published (or closed since)."""
    qs = Opening.objects.select_related("organisation", "memorandum")
    if is_oil(user):
        return qs
    visible = Q(pk__in=[])
    if is_partner_user(user):
        visible |= Q(organisation_id=user.organisation_id)
    if has_role(user, *BROWSING_ROLES):
        visible |= Q(status__in=[OpeningStatus.PUBLISHED, OpeningStatus.CLOSED])
    return qs.filter(visible)


def eligible_openings_qs(profile: StudentProfile | None, *, today: date | None = None):
    """Published openings still taking applications that the profile's programme and year
    qualify for, with places left (the SQL form of eligibility.py's rules)."""
    today = today or timezone.localdate()
    qs = Opening.objects.filter(status=OpeningStatus.PUBLISHED, deadline__gte=today)
    if profile is None or not profile.is_complete:
        return qs.none()
    through = Opening.programmes.through
    qs = qs.filter(
        ~Exists(through.objects.filter(opening_id=OuterRef("pk")))
        | Exists(
            through.objects.filter(opening_id=OuterRef("pk"), programme_id=profile.programme_id)
        )
    )
    year = profile.year_of_study
    qs = qs.filter(Q(min_year__isnull=True) | Q(min_year__lte=year)).filter(
        Q(max_year__isnull=True) | Q(max_year__gte=year)
    )
    qs = qs.annotate(
        accepted=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED))
    ).filter(accepted__lt=F("places"))
    held = Placement.objects.filter(
        student_id=profile.user_id,
        starts_on__lte=OuterRef("ends_on"),
        ends_on__gte=OuterRef("starts_on"),
    ).exclude(status=PlacementStatus.CANCELLED)
    return qs.filter(~Exists(held))


def openings_for_student(student, user) -> QuerySet[Opening]:
    """The openings ``student`` may apply to, for ``user`` (the student, or the office looking
    on their behalf): every eligible opening, soonest deadline first, each marked
    ``has_applied``. :func:`recommended_openings` ranks this set."""
    if not (user.pk == student.pk or is_oil(user)):
        return Opening.objects.none()
    profile = StudentProfile.objects.filter(user=student).select_related("programme").first()
    applied = Application.objects.filter(opening_id=OuterRef("pk"), student=student)
    return (
        eligible_openings_qs(profile)
        .select_related("organisation", "memorandum")
        .annotate(has_applied=Exists(applied))
        .order_by("deadline", "pk")
    )


def applicants_for_opening(opening: Opening, user) -> QuerySet[Application]:
    """The applications to ``opening`` that ``user`` (its partner or the office) may see, in
    the order the students applied. :func:`ranked_applicants` ranks this set."""
    from .permissions import can_see_applicants

    if not can_see_applicants(user, opening):
        return Application.objects.none()
    return (
        Application.objects.filter(opening=opening)
        .select_related("student__student_profile__programme", "opening")
        .order_by("created_at", "pk")
    )


def recommended_openings(
    student, user, *, k: int = 100, within: QuerySet[Opening] | None = None
) -> list[Opening]:
    """The openings ``student`` may apply to (:func:`openings_for_student`, for ``user``),
    best fit first, each with ``fit`` (a :class:`ranking.Fit`: the student's skills the
    opening names, the other words they share, whether it names the student's programme)
    and ``has_applied``.

    The ``k`` best are ranked by the matching engine on the student's skills, programme and
    languages; the rest follow, soonest deadline first. A profile without skills is not
    ranked at all (the default order, reasons still given). ``within``: a narrower set the
    caller filtered (a search, a kind); it never widens the eligible set.
    """
    from jalinan import matching

    qs = openings_for_student(student, user)
    if within is not None:
        qs = qs.filter(pk__in=set(within.values_list("pk", flat=True)))
    openings = list(qs.prefetch_related("programmes"))
    if not openings:
        return []
    profile = StudentProfile.objects.filter(user=student).select_related("programme").first()
    text = ranking.profile_text(profile) if profile else ""
    found = {}
    if text:
        results = matching.search(
            ranking.OPENINGS,
            text,
            k=min(k, len(openings)),
            entity_ids={o.pk for o in openings},
            evidence=1,
        )
        found = {r.entity_id: (rank, r) for rank, r in enumerate(results)}
    skills = profile.skills if profile else []
    for o in openings:
        rank, result = found.get(o.pk, (None, None))
        matched = ranking.skill_overlap(skills, o.skills, f"{o.title}\n{o.description}")
        terms = [t for d in result.docs for t in d.terms] if result else []
        o.fit = ranking.Fit(
            score=result.score if result else None,
            skills=matched,
            terms=ranking.other_terms(terms, matched),
            programme=bool(
                profile
                and profile.programme_id
                and any(p.pk == profile.programme_id for p in o.programmes.all())
            ),
        )
        o.fit_rank = rank
    # A stable sort: what the engine did not rank keeps the default order, after the rest.
    openings.sort(key=lambda o: (o.fit_rank is None, o.fit_rank or 0))
    return openings


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

    from .permissions import profile_fields_map

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


# The code of the Internship Agreement memorandum type (jalinan/agreements/defaults.py): the
# only kind of memorandum an opening may fall under.
INTERNSHIP_AGREEMENT = "ia"
# Memoranda that never bound anyone: an opening cannot fall under them.
UNLINKABLE_MEMORANDA = (MemorandumStatus.REJECTED, MemorandumStatus.WITHDRAWN)


def internship_agreements(
    user, *, organisation=None, keep: int | None = None
) -> QuerySet[Memorandum]:
    """The Internship Agreements ``user`` may see that an opening may be linked to (those
    ``organisation`` is a party to, when given), the ones in force first, then the newest;
    with ``keep``, that memorandum too (the opening's current link, whatever it is)."""
    wanted = Q(memo_type__code=INTERNSHIP_AGREEMENT) & ~Q(status__in=UNLINKABLE_MEMORANDA)
    if organisation is not None:
        wanted &= Q(
            pk__in=Memorandum.objects.filter(parties__organisation=organisation).values("pk")
        )
    if keep is not None:
        wanted |= Q(pk=keep)
    return (
        memoranda_for(user)
        .filter(wanted)
        .annotate(not_in_force=Case(When(status__in=IN_FORCE, then=Value(0)), default=Value(1)))
        .order_by("not_in_force", "-created_at", "-pk")
    )


# -- student profiles -----------------------------------------------------------------------


def profiles_for(user) -> QuerySet[StudentProfile]:
    qs = StudentProfile.objects.select_related("user", "programme", "kulliyyah")
    if is_oil(user):
        return qs
    visible = Q(user_id=user.pk)
    if is_coordinator(user):
        visible |= Q(kulliyyah_id__in=unit_ids(user))
    if is_partner_user(user):
        visible |= Q(user__placement_applications__opening__organisation_id=user.organisation_id)
    if is_academic(user):
        visible |= Q(user__placements__academic_supervisor=user)
    return qs.filter(visible).distinct()


# -- applications ---------------------------------------------------------------------------


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


# -- placements -----------------------------------------------------------------------------


def placements_for(user) -> QuerySet[Placement]:
    qs = Placement.objects.select_related(
        "application__opening",
        "organisation",
        "student__student_profile__programme",
        "student__student_profile__kulliyyah",
        "academic_supervisor",
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk) | Q(academic_supervisor_id=user.pk)
    if is_partner_user(user):
        visible |= Q(organisation_id=user.organisation_id)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def current_placement(student) -> Placement | None:
    """The student's placement in progress (or the next one), else the latest."""
    qs = Placement.objects.filter(student=student).select_related("organisation")
    return (
        qs.filter(status=PlacementStatus.ACTIVE).order_by("starts_on").first()
        or qs.order_by("-ends_on").first()
    )


def logbooks_to_review(user) -> QuerySet:
    from .models import LogbookEntry

    return (
        LogbookEntry.objects.filter(placement__academic_supervisor=user, status="submitted")
        .select_related("placement__student", "placement__organisation")
        .order_by("submitted_at")
    )


# -- the coordinators' views ----------------------------------------------------------------


def _scope_profiles(user) -> QuerySet[StudentProfile]:
    if is_oil(user):
        return StudentProfile.objects.all()
    if is_coordinator(user):
        return StudentProfile.objects.filter(kulliyyah_id__in=unit_ids(user))
    return StudentProfile.objects.none()


def students_needing_placement(user, *, today: date | None = None) -> QuerySet[StudentProfile]:
    """Students (of the user's units; all for the office) whose required training period has
    not ended and who hold no placement overlapping it, soonest period first."""
    today = today or timezone.localdate()
    held = Placement.objects.filter(
        student_id=OuterRef("user_id"),
        starts_on__lte=OuterRef("training_to"),
        ends_on__gte=OuterRef("training_from"),
    ).exclude(status=PlacementStatus.CANCELLED)
    open_statuses = [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.OFFERED,
    ]
    return (
        _scope_profiles(user)
        .filter(training_from__isnull=False, training_to__gte=today)
        .filter(~Exists(held))
        .select_related("user", "programme", "kulliyyah")
        .annotate(
            open_applications=Count(
                "user__placement_applications",
                filter=Q(user__placement_applications__status__in=open_statuses),
            ),
            offers=Count(
                "user__placement_applications",
                filter=Q(user__placement_applications__status=ApplicationStatus.OFFERED),
            ),
        )
        .order_by("training_from", "user__full_name")
    )


@dataclass
class Overdue:
    placement: Placement
    what: str  # "logbook" or an EvaluationStage value
    detail: list[int]  # missing weeks, for the logbook
    due_on: date | None = None


def overdue_items(user, *, today: date | None = None) -> list[Overdue]:
    """Placements in progress (in the user's scope) with logbook weeks missing, or with an
    evaluation past due: a bounded number of queries whatever the size."""
    today = today or timezone.localdate()
    grace = conf.logbook_grace_days()
    eval_grace = timedelta(days=conf.evaluation_grace_days())
    from .models import LogbookEntry

    qs = (
        placements_for(user)
        .filter(status=PlacementStatus.ACTIVE, starts_on__lte=today)
        .prefetch_related(
            Prefetch("logbook_entries", queryset=LogbookEntry.objects.only("placement_id", "week")),
            "evaluations",
        )
        .order_by("ends_on", "pk")
    )
    if not (is_oil(user) or is_coordinator(user)):
        qs = qs.none()
    out: list[Overdue] = []
    for p in qs:
        have = {e.week for e in p.logbook_entries.all()}
        missing = [w for w in range(1, p.weeks_due(today, grace) + 1) if w not in have]
        if missing:
            out.append(Overdue(p, "logbook", missing))
        done = {e.stage for e in p.evaluations.all()}
        for stage in EvaluationStage.values:
            due_on = p.evaluation_due_on(stage)
            if stage not in done and today > due_on + eval_grace:
                out.append(Overdue(p, stage, [], due_on))
    return out


def partner_ratings(user) -> QuerySet:
    """Each partner's average rating by students who were placed there (office and
    coordinators only), best first."""
    if not (is_oil(user) or is_coordinator(user)):
        return PlacementFeedback.objects.none().values("placement__organisation_id")
    return (
        PlacementFeedback.objects.values(
            "placement__organisation_id", "placement__organisation__legal_name"
        )
        .annotate(
            ratings=Count("pk"),
            average=Avg("rating"),
            supervision=Avg("supervision_rating"),
            learning=Avg("learning_rating"),
            recommend=Count("pk", filter=Q(would_recommend=True)),
        )
        .order_by("-average", "placement__organisation__legal_name")
    )


def rating_for_organisation(organisation_id) -> dict:
    return PlacementFeedback.objects.filter(placement__organisation_id=organisation_id).aggregate(
        ratings=Count("pk"), average=Avg("rating")
    )


# -- outcomes and the employability figure --------------------------------------------------


def outcomes_for(user) -> QuerySet[GraduateOutcome]:
    qs = GraduateOutcome.objects.select_related(
        "student__student_profile__programme",
        "student__student_profile__kulliyyah",
        "employer_organisation",
    )
    if is_oil(user):
        return qs
    visible = Q(student_id=user.pk)
    if is_coordinator(user):
        visible |= Q(student__student_profile__kulliyyah_id__in=unit_ids(user))
    return qs.filter(visible)


def employability(
    *,
    user,
    unit_ids_in: set[int] | None = None,
    programme_id: int | None = None,
    graduated_from: date | None = None,
    graduated_to: date | None = None,
) -> dict:
    """The graduate employability figure for the graduates ``user`` may count (the office and
    management: all; a coordinator: their units'), optionally for some units, a programme or
    a graduation window.

    A graduate counts as employable when employed, self-employed, in further study or in an
    upskilling programme, started within six months of graduating (the ministry's tracer
    study). Returns ``{"graduates", "employable", "rate", "employed",
    "with_placement_partner", "partner_share"}`` (``rate`` and ``partner_share`` in percent,
    or None when there is nothing to divide by). Other apps (reports) call this.
    """
    if is_oil(user) or has_role(user, Role.MANAGEMENT):
        qs = GraduateOutcome.objects.all()
    elif is_coordinator(user):
        qs = GraduateOutcome.objects.filter(
            student__student_profile__kulliyyah_id__in=unit_ids(user)
        )
    else:
        qs = GraduateOutcome.objects.none()
    if unit_ids_in:
        qs = qs.filter(student__student_profile__kulliyyah_id__in=unit_ids_in)
    if programme_id:
        qs = qs.filter(student__student_profile__programme_id=programme_id)
    if graduated_from:
        qs = qs.filter(graduated_on__gte=graduated_from)
    if graduated_to:
        qs = qs.filter(graduated_on__lte=graduated_to)
    figures = qs.aggregate(
        graduates=Count("pk"),
        employable=Count("pk", filter=Q(status__in=EMPLOYABLE_OUTCOMES, within_six_months=True)),
        employed=Count(
            "pk",
            filter=Q(
                status__in=[OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED],
                within_six_months=True,
            ),
        ),
        with_placement_partner=Count(
            "pk", filter=Q(with_placement_partner=True, within_six_months=True)
        ),
    )
    graduates, employable = figures["graduates"], figures["employable"]
    figures["rate"] = round(100 * employable / graduates, 1) if graduates else None
    employed = figures["employed"]
    figures["partner_share"] = (
        round(100 * figures["with_placement_partner"] / employed, 1) if employed else None
    )
    return figures
