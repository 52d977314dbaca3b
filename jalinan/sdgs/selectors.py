"""Reads of SDG tags."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import SdgTag


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
