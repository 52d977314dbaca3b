"""Counting accepted SDG tags for the dashboards and reports, for any taggable record type.

This app knows nothing of the apps that use it: they hand over a queryset (of their tagged
model, or of a model that points to it) and the paths to group by. Only accepted tags count.
The record types' own ``kpis.py`` modules count with these (through
``jalinan.reports.kpi_helpers``) when they register their SDG sources.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet

from .goals import GOALS
from .models import SdgTag


def _accepted(model) -> QuerySet[SdgTag]:
    return SdgTag.objects.filter(
        content_type=ContentType.objects.get_for_model(model), status=SdgTag.Status.ACCEPTED
    )


def goal_counts(qs: QuerySet, *, by: str | None = None, record: str = "pk", model=None) -> dict:
    """``{group: {goal: number of records}}`` in one query: the records ``qs`` reaches (through
    the path ``record`` to the tagged record's id, ``model`` being the tagged model when
    ``qs`` is of another one) that carry an accepted tag for each goal, grouped by the value
    of the path ``by`` (``None``: one group, keyed ``None``). A record counts once per goal
    and group; goals and groups with nothing are left out."""
    tags = _accepted(model or qs.model)
    counts = {
        f"g{goal}": Count(
            record,
            distinct=True,
            filter=Q(**{f"{record}__in": tags.filter(goal=goal).values("object_id")}),
        )
        for goal in GOALS
    }
    if by is None:
        rows = [{"grp": None, **qs.order_by().aggregate(**counts)}]
    else:
        rows = qs.order_by().values(grp=F(by)).annotate(**counts)
    out: dict = {}
    for row in rows:
        goals = {g: row[f"g{g}"] for g in GOALS if row[f"g{g}"]}
        if goals:
            out[row["grp"]] = goals
    return out


def accepted_tags(model, ids, goal: int) -> dict[int, dict]:
    """``{record id: what its accepted tag for ``goal`` says}`` for records of ``model``, in
    one query: ``{"goal", "source" ("classifier" or "person"), "confidence", "decided_by",
    "decided_at", "targets" ([(code, text)]), "terms" ([...])}``."""
    out = {}
    for tag in (
        _accepted(model)
        .filter(goal=goal, object_id__in=list(ids))
        .select_related("decided_by")
        .order_by("object_id")
    ):
        evidence = tag.evidence if isinstance(tag.evidence, dict) else {}
        targets = [
            (str(t.get("code", "")), str(t.get("text", "")))
            for t in evidence.get("targets", [])
            if isinstance(t, dict)
        ]
        out[tag.object_id] = {
            "goal": tag.goal,
            "source": tag.source,
            "confidence": tag.confidence,
            "decided_by": tag.decided_by.display_name if tag.decided_by else "",
            "decided_at": tag.decided_at,
            "targets": targets,
            "terms": [str(t) for t in evidence.get("terms", [])],
        }
    return out


def register() -> None:
    """The goals register nothing of their own: each record type that carries tags registers
    itself as an SDG source, and the reports app sums them."""
