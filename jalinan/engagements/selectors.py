"""Reads of the engagement log, each limited to what the user may see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_partner_user, is_staff_member

from .choices import ActivityType
from .models import Activity


def activities_for(user) -> QuerySet[Activity]:
    qs = Activity.objects.all()
    if is_staff_member(user):
        return qs
    if is_partner_user(user):
        return qs.filter(
            pk__in=Activity.organisations.through.objects.filter(
                organisation_id=user.organisation_id
            ).values("activity_id")
        )
    if has_role(user, Role.STUDENT):
        return qs.filter(
            pk__in=Activity.students.through.objects.filter(user_id=user.pk).values("activity_id")
        )
    return qs.none()


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


SORTS = {"newest": ("-date", "-pk"), "oldest": ("date", "pk"), "title": ("title", "pk")}


def filter_activities(qs: QuerySet[Activity], params: Mapping, *, user) -> QuerySet[Activity]:
    """The list filters (page and API): q, type, partner, memorandum, unit, from, to, sdg,
    mine."""
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(outcome__icontains=q)
            | Q(location__icontains=q)
        )
    if get("type") in ActivityType.values:
        qs = qs.filter(activity_type=get("type"))
    partner = _int(get("partner"))
    if partner:
        qs = qs.filter(
            pk__in=Activity.organisations.through.objects.filter(organisation_id=partner).values(
                "activity_id"
            )
        )
    memo = _int(get("memorandum"))
    if memo:
        qs = qs.filter(
            pk__in=Activity.memoranda.through.objects.filter(memorandum_id=memo).values(
                "activity_id"
            )
        )
    unit = _int(get("unit"))
    if unit:
        from jalinan.accounts.models import Unit

        unit_obj = Unit.objects.filter(pk=unit).first()
        qs = qs.filter(unit_id__in=unit_obj.descendant_ids() if unit_obj else [])
    start, end = _date(get("from")), _date(get("to"))
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    goal = _int(get("sdg"))
    if goal and 1 <= goal <= 17:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    if str(get("mine") or "") in ("1", "true", "True", "on"):
        qs = qs.filter(
            Q(created_by=user)
            | Q(pk__in=Activity.staff.through.objects.filter(user_id=user.pk).values("activity_id"))
            | Q(
                pk__in=Activity.students.through.objects.filter(user_id=user.pk).values(
                    "activity_id"
                )
            )
        )
    return qs.order_by(*SORTS.get(get("sort") or "", SORTS["newest"]))


def list_rows(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    return qs.select_related("unit").prefetch_related("organisations", "memoranda")


def activities_for_memorandum(user, memo) -> QuerySet[Activity]:
    return activities_for(user).filter(memoranda=memo).order_by("-date", "-pk")


def activities_of_organisation(user, organisation_id: int) -> QuerySet[Activity]:
    return (
        activities_for(user)
        .filter(
            pk__in=Activity.organisations.through.objects.filter(
                organisation_id=organisation_id
            ).values("activity_id")
        )
        .order_by("-date", "-pk")
    )


def activity_counts(user, deliverable_ids) -> dict[int, int]:
    """How many activities fulfil each deliverable (one query)."""
    through = Activity.deliverables.through
    rows = (
        through.objects.filter(deliverable_id__in=list(deliverable_ids))
        .values("deliverable_id")
        .annotate(n=Count("activity_id"))
        .order_by()
    )
    return {r["deliverable_id"]: r["n"] for r in rows}


def latest_activity_dates(memo_ids, *, today: datetime.date | None = None) -> dict:
    """``{memorandum id: date of its latest activity up to today, or None}``; planned
    activities (dated later) do not count yet."""
    today = today or timezone.localdate()
    memo_ids = set(memo_ids)
    through = Activity.memoranda.through
    rows = (
        through.objects.filter(memorandum_id__in=memo_ids, activity__date__lte=today)
        .values("memorandum_id")
        .annotate(latest=Max("activity__date"))
        .order_by()
    )
    out = dict.fromkeys(memo_ids)
    out.update({r["memorandum_id"]: r["latest"] for r in rows})
    return out


def month_activities(user, first_day: datetime.date, params: Mapping) -> QuerySet[Activity]:
    if first_day.month == 12:
        nxt = first_day.replace(year=first_day.year + 1, month=1)
    else:
        nxt = first_day.replace(month=first_day.month + 1)
    qs = filter_activities(activities_for(user), params, user=user)
    return qs.filter(date__gte=first_day, date__lt=nxt).order_by("date", "pk")


def upcoming_for(user, *, today=None, days: int = 60) -> QuerySet[Activity]:
    """Activities this person is part of, from a week ago to ``days`` ahead."""
    today = today or timezone.localdate()
    mine = filter_activities(activities_for(user), {"mine": "1"}, user=user)
    return mine.filter(
        date__gte=today - datetime.timedelta(days=7),
        date__lte=today + datetime.timedelta(days=days),
    ).order_by("date", "pk")
