"""Reads of the pipeline, each limited to what the user may see, and the funnel figures."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import Role, has_role, is_oil, unit_ids

from .choices import CLOSED, ORDER, LostReason, Source, Stage, rank
from .models import Opportunity, StageChange


def opportunities_for(user) -> QuerySet[Opportunity]:
    """OIL: every opportunity; KCDIO coordinators: their units' ones; everyone else: none."""
    qs = Opportunity.objects.all()
    if is_oil(user):
        return qs
    if has_role(user, Role.COORDINATOR):
        return qs.filter(unit_id__in=unit_ids(user))
    return qs.none()


def opportunity_for_object(obj) -> Opportunity | None:
    """The opportunity that came from ``obj`` (a challenge, a licensing enquiry), if any."""
    if obj is None or obj.pk is None:
        return None
    return (
        Opportunity.objects.filter(
            source_type=ContentType.objects.get_for_model(obj), source_id=obj.pk
        )
        .order_by("pk")
        .first()
    )


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "stage": ("stage_entered_at", "pk"),
    "title": ("title", "pk"),
}


def filter_opportunities(qs: QuerySet[Opportunity], params: Mapping) -> QuerySet[Opportunity]:
    """The filters of the board, the list, the funnel and the API: q, source, stage, unit
    (units below included), owner ("me" is not special: an id), sector (MSIC section), year
    (of creation), partner, sdg (an accepted tag for that goal), sort."""
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(reference__icontains=q)
            | Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(organisation_name__icontains=q)
            | Q(organisation__legal_name__icontains=q)
            | Q(contact_name__icontains=q)
        )
    if get("source") in Source.values:
        qs = qs.filter(source=get("source"))
    if get("stage") in Stage.values:
        qs = qs.filter(stage=get("stage"))
    elif get("stage") == "open":
        qs = qs.exclude(stage__in=CLOSED)
    unit = _int(get("unit"))
    if unit:
        from jalinan.accounts.models import Unit

        unit_obj = Unit.objects.filter(pk=unit).first()
        qs = qs.filter(unit_id__in=unit_obj.descendant_ids() if unit_obj else [])
    owner = get("owner")
    if owner == "none":
        qs = qs.filter(owner__isnull=True)
    elif _int(owner):
        qs = qs.filter(owner_id=_int(owner))
    sector = (get("sector") or "").strip().upper()
    if len(sector) == 1 and sector.isalpha():
        qs = qs.filter(organisation__msic_section=sector)
    year = _int(get("year"))
    if year and 1900 < year < 3000:
        qs = qs.filter(created_at__year=year)
    partner = _int(get("partner"))
    if partner:
        qs = qs.filter(organisation_id=partner)
    goal = _int(get("sdg"))
    if goal and 1 <= goal <= 17:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    return qs.order_by(*SORTS.get(get("sort") or "", SORTS["newest"]))


def list_rows(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return qs.select_related("organisation", "unit", "owner")


def years_of(qs: QuerySet[Opportunity]) -> list[int]:
    return sorted({d.year for d in qs.dates("created_at", "year")}, reverse=True)


def stuck(qs: QuerySet[Opportunity], *, days: int, now=None) -> QuerySet[Opportunity]:
    """Open opportunities that have not moved for more than ``days`` days."""
    now = now or timezone.now()
    return qs.exclude(stage__in=CLOSED).filter(
        stage_entered_at__lt=now - datetime.timedelta(days=days)
    )


# -- the funnel ---------------------------------------------------------------------------


def _figures(items: list[dict], changes: dict[int, list], now: datetime.datetime) -> dict:
    """The funnel figures of some opportunities (see :func:`funnel`)."""
    reached = [0] * len(ORDER)
    current: dict[str, int] = defaultdict(int)
    lost_here: dict[str, int] = defaultdict(int)
    days: dict[str, list[float]] = defaultdict(list)
    lost_by_reason: dict[str, int] = defaultdict(int)
    for item in items:
        history = changes.get(item["pk"], [])
        current[item["stage"]] += 1
        # The furthest stage ever held: the stages before it count as reached too, since an
        # officer may skip stages the partner has in fact gone through.
        furthest = max((rank(to) for _f, to, _at in history), default=rank(item["stage"]))
        furthest = max(furthest, rank(item["stage"]))
        for i in range(furthest + 1):
            reached[i] += 1
        if item["stage"] == Stage.LOST:
            lost_by_reason[item["lost_reason"] or LostReason.OTHER] += 1
            last_from = next((f for f, to, _at in reversed(history) if to == Stage.LOST), "")
            if last_from:
                lost_here[last_from] += 1
        spent: dict[str, float] = defaultdict(float)
        for i, (_f, to, at) in enumerate(history):
            end = history[i + 1][2] if i + 1 < len(history) else now
            spent[to] += max(0.0, (end - at).total_seconds() / 86400)
        for stage, d in spent.items():
            if stage not in CLOSED:
                days[stage].append(d)
    stages = []
    for i, stage in enumerate(ORDER):
        nxt = reached[i + 1] if i + 1 < len(ORDER) else None
        conversion = None
        if nxt is not None and reached[i]:
            conversion = round(100 * nxt / reached[i], 1)
        stages.append(
            {
                "stage": stage.value,
                "label": str(stage.label),
                "reached": reached[i],
                "current": current.get(stage.value, 0),
                "converted": nxt,
                "conversion": conversion,
                "median_days": (
                    round(statistics.median(days[stage.value]), 1) if days[stage.value] else None
                ),
                "lost_here": lost_here.get(stage.value, 0),
            }
        )
    total = len(items)
    agreement, project = rank(Stage.AGREEMENT), rank(Stage.PROJECT)
    return {
        "total": total,
        "open": total - current.get(Stage.COMPLETED, 0) - current.get(Stage.LOST, 0),
        "stages": stages,
        "to_agreement": reached[agreement],
        "to_project": reached[project],
        "agreement_rate": round(100 * reached[agreement] / total, 1) if total else None,
        "project_rate": round(100 * reached[project] / total, 1) if total else None,
        "lost": {
            "total": sum(lost_by_reason.values()),
            "by_reason": [
                {"reason": r.value, "label": str(r.label), "count": lost_by_reason[r.value]}
                for r in LostReason
                if lost_by_reason.get(r.value)
            ],
        },
    }


def funnel(qs: QuerySet[Opportunity], *, by: str | None = None, now=None) -> dict:
    """The funnel figures of the opportunities in ``qs``:

    - per stage of :data:`~.choices.ORDER`: ``reached`` (how many got to this stage or
      further: a skipped stage counts as passed through), ``converted`` (how many of those
      reached the next stage) and ``conversion`` (that share, in per cent), ``current`` (how
      many are in it now), ``lost_here`` (lost from this stage) and ``median_days`` (the median
      over opportunities of the days spent in the stage, a stage entered twice counting both
      stays; an opportunity still in the stage counts its days so far up to ``now``; completed
      and lost have none);
    - ``to_agreement``/``to_project`` and their rates over all, ``lost`` by reason.

    With ``by="unit"`` (the lead KCDIO) or ``by="sector"`` (the partner's MSIC section), the
    same figures per group are in ``groups``: ``[{"key", "label", **figures}]``, largest first.
    Two queries whatever the size.
    """
    now = now or timezone.now()
    items = list(
        qs.order_by().values(
            "pk", "stage", "lost_reason", "unit_id", "unit__name", "organisation__msic_section"
        )
    )
    changes: dict[int, list] = defaultdict(list)
    rows = (
        StageChange.objects.filter(opportunity__in=qs.order_by().values("pk"))
        .order_by("opportunity_id", "at", "id")
        .values_list("opportunity_id", "from_stage", "to_stage", "at")
    )
    for opp_id, from_stage, to_stage, at in rows:
        changes[opp_id].append((from_stage, to_stage, at))
    out = _figures(items, changes, now)
    if by:
        if by not in ("unit", "sector"):
            raise ValueError(f"Unknown grouping {by!r}")
        from jalinan.partners import msic

        groups: dict = defaultdict(list)
        labels: dict = {}
        for item in items:
            if by == "unit":
                key = item["unit_id"]
                labels[key] = item["unit__name"] or str(_("No KCDIO"))
            else:
                key = item["organisation__msic_section"] or ""
                labels[key] = (
                    f"{key} — {msic.SECTIONS.get(key, key)}" if key else str(_("Sector not known"))
                )
            groups[key].append(item)
        out["by"] = by
        out["groups"] = sorted(
            (
                {"key": key, "label": labels[key], **_figures(members, changes, now)}
                for key, members in groups.items()
            ),
            key=lambda g: (-g["total"], str(g["label"])),
        )
    return out
