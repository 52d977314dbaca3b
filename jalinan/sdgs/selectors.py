"""Reads of the SDG framework and of SDG tags. Reads that list records take ``user`` and return
only the records that user may see."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet

from .models import Goal, Indicator, SdgTag, Target
from .registry import Taggable, taggable_for, taggables

log = logging.getLogger(__name__)

# -- the framework ------------------------------------------------------------------------------


def goals() -> QuerySet[Goal]:
    return Goal.objects.annotate(target_count=Count("targets")).order_by("number")


def goal_with_targets(number: int) -> Goal | None:
    return (
        Goal.objects.filter(number=number)
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Target.objects.order_by("position").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("position"))
                ),
            )
        )
        .first()
    )


def targets(*, goal: int | None = None) -> QuerySet[Target]:
    qs = Target.objects.select_related("goal").order_by("goal", "position")
    return qs.filter(goal_id=goal) if goal else qs


# -- tags on one record ---------------------------------------------------------------------------


def tags_for(obj, *, include_rejected: bool = False) -> list[SdgTag]:
    qs = SdgTag.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    if not include_rejected:
        qs = qs.exclude(status=SdgTag.Status.REJECTED)
    return list(qs.order_by("goal"))


def accepted_goals_for(objs) -> dict[int, list[int]]:
    """``{pk: [goal, ...]}`` of accepted tags for many records of one model, in one query
    (for list pages and exports)."""
    objs = list(objs)
    if not objs:
        return {}
    ct = ContentType.objects.get_for_model(objs[0])
    out: dict[int, list[int]] = defaultdict(list)
    for pk, goal in (
        SdgTag.objects.filter(
            content_type=ct,
            object_id__in=[o.pk for o in objs],
            status=SdgTag.Status.ACCEPTED,
        )
        .order_by("goal")
        .values_list("object_id", "goal")
    ):
        out[pk].append(goal)
    return dict(out)


def filter_by_goal(qs: QuerySet, goal: int) -> QuerySet:
    """The records of ``qs`` with an accepted tag for ``goal``."""
    ct = ContentType.objects.get_for_model(qs.model)
    ids = SdgTag.objects.filter(content_type=ct, goal=goal, status=SdgTag.Status.ACCEPTED).values(
        "object_id"
    )
    return qs.filter(pk__in=ids)


def accepted_pairs(qs: QuerySet) -> list[tuple[int, int]]:
    """``(pk, goal)`` for every accepted tag on the records of ``qs``, in one query (for
    coverage matrices: join the pks with the records' unit, sector, year…)."""
    ct = ContentType.objects.get_for_model(qs.model)
    return list(
        SdgTag.objects.filter(
            content_type=ct, status=SdgTag.Status.ACCEPTED, object_id__in=qs.values("pk")
        )
        .order_by("object_id", "goal")
        .values_list("object_id", "goal")
    )


# -- records across types -------------------------------------------------------------------------


@dataclass
class TaggedRecord:
    entry: Taggable
    obj: Any
    tag: SdgTag

    @property
    def title(self) -> str:
        return self.entry.title_of(self.obj)

    @property
    def url(self) -> str:
        get = getattr(self.obj, "get_absolute_url", None)
        return get() if get else ""

    @property
    def type_label(self) -> str:
        return str(self.entry.label)

    @property
    def goal(self):
        from .goals import GOALS

        return GOALS[self.tag.goal]


def visible_objects(user, entry: Taggable, ids) -> dict[int, Any]:
    """The records of ``entry``'s model among ``ids`` (a list, or a queryset of one column)
    that ``user`` may see, by pk.

    The goal pages are public: a record type whose permission helpers do not expect an
    anonymous visitor shows them nothing rather than failing the page."""
    try:
        if entry.visible is not None:
            return {o.pk: o for o in entry.visible(user).filter(pk__in=ids)}
        objs = entry.model._default_manager.filter(pk__in=ids)
        return {o.pk: o for o in objs if entry.can_view(user, o)}
    except (AttributeError, TypeError):
        if user is not None and user.is_authenticated:
            raise
        log.warning("%s: permission helpers failed for an anonymous visitor", entry.key)
        return {}


def _with_records(user, tags_qs: QuerySet) -> list[TaggedRecord]:
    by_ct: dict[int, list[SdgTag]] = defaultdict(list)
    for t in tags_qs:
        by_ct[t.content_type_id].append(t)
    out = []
    for ct_id, group in by_ct.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        entry = taggable_for(model) if model else None
        if entry is None:
            continue
        # A subquery, not a list of ids: there may be tens of thousands.
        ids = tags_qs.filter(content_type_id=ct_id).order_by().values("object_id")
        objs = visible_objects(user, entry, ids)
        out.extend(TaggedRecord(entry, objs[t.object_id], t) for t in group if t.object_id in objs)
    return out


def type_choices() -> list[tuple[str, str]]:
    """``(key, label)`` of every taggable record type, for filters."""
    return [(e.key, str(e.label)) for e in taggables()]


def _content_type_for_key(key: str):
    from .registry import taggable_by_key

    entry = taggable_by_key(key)
    return ContentType.objects.get_for_model(entry.model) if entry else None


def records_for_goal(user, goal: int, *, key: str = "") -> list[TaggedRecord]:
    """The records with an accepted tag for ``goal`` that ``user`` may see, by type then
    title."""
    qs = SdgTag.objects.filter(goal=goal, status=SdgTag.Status.ACCEPTED)
    if key:
        ct = _content_type_for_key(key)
        if ct is None:
            return []
        qs = qs.filter(content_type=ct)
    rows = _with_records(user, qs)
    rows.sort(key=lambda r: (r.type_label, r.title.lower(), r.obj.pk))
    return rows


def suggestions_awaiting(
    user, *, goal: int | None = None, key: str = "", min_confidence: float | None = None
) -> list[TaggedRecord]:
    """Suggested tags awaiting a decision on records ``user`` may see, most confident first."""
    qs = SdgTag.objects.filter(status=SdgTag.Status.SUGGESTED)
    if goal:
        qs = qs.filter(goal=goal)
    if key:
        ct = _content_type_for_key(key)
        if ct is None:
            return []
        qs = qs.filter(content_type=ct)
    if min_confidence is not None:
        qs = qs.filter(confidence__gte=min_confidence)
    rows = _with_records(user, qs.order_by("-confidence", "pk"))
    rows.sort(key=lambda r: (-(r.tag.confidence or 0), r.tag.pk))
    return rows


def accepted_counts_by_goal() -> dict[int, int]:
    """How many records carry each goal as an accepted tag (all types; for the office)."""
    return dict(
        SdgTag.objects.filter(status=SdgTag.Status.ACCEPTED)
        .values_list("goal")
        .annotate(n=Count("pk"))
        .values_list("goal", "n")
    )


def awaiting_count() -> int:
    return SdgTag.objects.filter(status=SdgTag.Status.SUGGESTED).count()
