"""Demo data for the SDGs: the framework, and SDG tags on the demo records.

``seed(ctx)`` runs first of the domain apps: it loads the goals, targets and indicators, then
classifies whatever taggable records exist already (the partner organisations) and decides
the confident suggestions as the office would.

``finish(ctx)`` must run **after every other app's seed** (the lead calls it last): it
classifies, in batches, any record the other seeders left unclassified (those that did not
wrap their work in ``services.deferred_classification()``), then decides the suggestions so
that the SDG coverage matrix has accepted tags to count. Both are idempotent.

Decisions are deterministic per (record, goal): most confident suggestions are accepted, a
share of the weak ones rejected, and the rest left for the office's review queue.
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from .models import ClassifiedText, SdgTag
from .registry import taggables
from .services import (
    deferred_classification,
    sdg_classify_batch,
    sdg_framework_load,
    sdg_tag_decide,
)

ACCEPT_FROM = 0.8  # accepted (9 in 10) from this confidence
MAYBE_FROM = 0.6  # accepted half the time between MAYBE_FROM and ACCEPT_FROM


def around():
    """The whole demo seeds inside this block: the classification its records ask for is
    collected and done in batches once every step has seeded, not one record at a time."""
    return deferred_classification(background=False)


def seed(ctx) -> None:
    counts = sdg_framework_load(by=None)
    for kind, (created, updated, unchanged) in counts.items():
        for _ in range(created + updated):
            ctx.count(f"SDG {kind}", True)
        for _ in range(unchanged):
            ctx.count(f"SDG {kind}", False)
    tag_demo_records(ctx)


def finish(ctx) -> None:
    tag_demo_records(ctx)


def tag_demo_records(ctx) -> None:
    classify_unclassified(ctx)
    decide_like_the_office(ctx)


def classify_unclassified(ctx) -> int:
    """Classify (in batches) the records of every taggable type never classified yet."""
    done = 0
    for entry in taggables():
        ct = ContentType.objects.get_for_model(entry.model)
        seen = ClassifiedText.objects.filter(content_type=ct).values("object_id")
        qs = entry.model._default_manager.exclude(pk__in=seen).order_by("pk")
        last = 0
        while True:
            objs = list(qs.filter(pk__gt=last)[:256])
            if not objs:
                break
            last = objs[-1].pk
            n = sdg_classify_batch(objs=objs)
            done += n
            for _ in range(n):
                ctx.count("SDG classified", True)
    return done


def _draw(ctx, tag: SdgTag) -> int:
    """0–99, fixed by the seed, the record and the goal (not by the order of the run)."""
    key = f"{ctx.seed}:{tag.content_type_id}:{tag.object_id}:{tag.goal}"
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100


def decide_like_the_office(ctx) -> tuple[int, int]:
    """Accept or reject some suggestions by the demo OIL officer; returns (accepted,
    rejected)."""
    officer = ctx.logins.get("officer")
    if officer is None:
        return 0, 0
    accepted = rejected = 0
    for tag in SdgTag.objects.filter(status=SdgTag.Status.SUGGESTED).order_by("pk"):
        conf, draw = tag.confidence or 0.0, _draw(ctx, tag)
        if conf >= ACCEPT_FROM:
            decision = True if draw < 90 else None
        elif conf >= MAYBE_FROM:
            decision = True if draw < 50 else (False if draw >= 85 else None)
        else:
            decision = False if draw < 30 else None
        if decision is None:
            continue
        try:
            sdg_tag_decide(tag=tag, by=officer, accept=decision)
        except PermissionDenied:
            continue
        ctx.count("SDG decisions", True)
        accepted += decision
        rejected += not decision
    return accepted, rejected
