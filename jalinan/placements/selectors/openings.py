"""Reads of openings, each limited to what the user may see.

Recommendations for students (issue 6, item 3): :func:`openings_for_student` gives the allowed
set (the openings a student is eligible for, soonest deadline first) and
:func:`recommended_openings` ranks it by fit through the matching engine (see ranking.py), each
item with the reasons (a :class:`ranking.Fit`). Ranking never adds to the allowed set and never
drops from it: what the engine does not score follows the ranked items in the default order.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from jalinan.accounts.roles import has_role, is_oil, is_partner_user
from jalinan.agreements.choices import IN_FORCE
from jalinan.agreements.choices import Status as MemorandumStatus
from jalinan.agreements.models import Memorandum
from jalinan.agreements.selectors import memoranda_for

from .. import ranking
from ..choices import ApplicationStatus, OpeningStatus, PlacementStatus
from ..models import Application, Opening, Placement, StudentProfile
from ..permissions import BROWSING_ROLES


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
