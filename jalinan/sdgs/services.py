"""Writes of the SDG framework and of SDG tags: classification results and people's decisions.
Every change by a person is audited; a human decision is never overwritten by the classifier.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log

from . import classifier
from .goals import GOALS
from .models import ClassifiedText, Goal, Indicator, SdgTag, Target
from .registry import taggable_for

Status = SdgTag.Status
BATCH_SIZE = 64


# -- the framework ----------------------------------------------------------------------------


@transaction.atomic
def sdg_framework_load(*, by=None) -> dict[str, list[int]]:
    """Load (or bring up to date) the 17 goals, 169 targets and their indicators from the
    package data. Idempotent: a second run changes nothing. Returns ``{kind: [created,
    updated, unchanged]}``."""
    from .taxonomy import framework

    counts = {k: [0, 0, 0] for k in ("goals", "targets", "indicators")}

    def put(model, key: dict, values: dict, kind: str):
        obj = model.objects.filter(**key).first()
        if obj is None:
            obj = model(**key, **values)
            obj.full_clean()
            obj.save()
            counts[kind][0] += 1
            return obj
        changed = {f: v for f, v in values.items() if getattr(obj, f) != v}
        if changed:
            for f, v in changed.items():
                setattr(obj, f, v)
            obj.full_clean()
            obj.save(update_fields=list(changed))
            counts[kind][1] += 1
        else:
            counts[kind][2] += 1
        return obj

    for g in framework().values():
        goal = put(
            Goal,
            {"number": g.number},
            {
                "short_name_en": g.short_en,
                "title_en": g.title_en,
                "short_name_ar": g.short_ar,
                "title_ar": g.title_ar,
                "name_ms": g.name_ms,
                "colour": GOALS[g.number].colour,
            },
            "goals",
        )
        for tpos, t in enumerate(g.targets):
            target = put(
                Target,
                {"code": t.code},
                {"goal": goal, "position": tpos, "text_en": t.text_en, "text_ar": t.text_ar},
                "targets",
            )
            for ipos, i in enumerate(t.indicators):
                put(
                    Indicator,
                    {"code": i.code},
                    {
                        "target": target,
                        "position": ipos,
                        "unsd_code": i.unsd_code,
                        "text_en": i.text_en,
                        "text_ar": i.text_ar,
                    },
                    "indicators",
                )
    changed = {k: v[:2] for k, v in counts.items() if v[0] or v[1]}
    if changed:
        audit_log(
            actor=by,
            action="update",
            obj=Goal.objects.get(number=1),
            changes={k: [None, f"{v[0]} created, {v[1]} updated"] for k, v in changed.items()},
            message="SDG framework loaded",
        )
    return counts


# -- classification -----------------------------------------------------------------------------


def _text_hash(text: str) -> str:
    return hashlib.sha256(f"{classifier.VERSION}\n{text}".encode()).hexdigest()


# While a deferred_classification() block runs, requests are collected here instead of
# being sent one by one.
_deferred: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "sdg_deferred", default=None
)


def sdg_request_classification(*, obj) -> None:
    """Ask for ``obj``'s SDG suggestions to be (re)computed in the background, once the
    current transaction commits. Cheap to call after every save: unchanged text is skipped.
    Inside :func:`deferred_classification`, the request joins that block's batch instead."""
    if taggable_for(obj) is None:
        raise ValueError(f"{type(obj).__name__} is not registered as SDG-taggable")
    ct_id = ContentType.objects.get_for_model(obj).pk
    pk = obj.pk
    pending = _deferred.get()
    if pending is not None:
        pending[(ct_id, pk)] = None  # a dict keeps the order and drops repeats
        return
    from .tasks import classify_record

    transaction.on_commit(lambda: classify_record.delay(ct_id, pk))


@contextmanager
def deferred_classification(*, background: bool = True) -> Iterator[dict]:
    """Collect the classification requests made inside the block and classify them in
    batches when it ends (much faster than one at a time: seeding and bulk imports).

    With ``background`` (the default) the batch is sent as one background task after the
    surrounding transaction commits (in-process by default, to the workers with a broker);
    without, it runs at once before the block returns. Nested blocks join the outermost one.
    If the block raises, nothing is classified."""
    if _deferred.get() is not None:
        yield _deferred.get()
        return
    pending: dict = {}
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)
    items = [list(k) for k in pending]
    if not items:
        return
    if background:
        from .tasks import classify_records

        transaction.on_commit(lambda: classify_records.delay(items))
    else:
        sdg_classify_records(items=items)


def sdg_classify_records(*, items: Iterable[tuple[int, int]], force: bool = False) -> int:
    """Classify many records given as ``(content_type_id, pk)`` pairs, in batches. Returns
    how many were (re)classified (unchanged texts are skipped unless ``force``)."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for ct_id, pk in items:
        by_type[int(ct_id)].append(int(pk))
    done = 0
    for ct_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None or taggable_for(model) is None:
            continue
        for start in range(0, len(pks), BATCH_SIZE * 4):
            chunk = pks[start : start + BATCH_SIZE * 4]
            objs = list(model._default_manager.filter(pk__in=chunk))
            done += sdg_classify_batch(objs=objs, force=force)
    return done


def sdg_classify_batch(*, objs: list, force: bool = False) -> int:
    """Classify a list of records of one model through ``classify_many``; returns how many
    were classified (records whose text has not changed are skipped unless ``force``)."""
    if not objs:
        return 0
    entry = taggable_for(objs[0])
    if entry is None:
        raise ValueError(f"{type(objs[0]).__name__} is not registered as SDG-taggable")
    ct = ContentType.objects.get_for_model(objs[0])
    seen = dict(
        ClassifiedText.objects.filter(
            content_type=ct, object_id__in=[o.pk for o in objs]
        ).values_list("object_id", "text_hash")
    )
    todo = []
    for obj in objs:
        text = (entry.text(obj) or "").strip()
        digest = _text_hash(text)
        if force or seen.get(obj.pk) != digest:
            todo.append((obj, text, digest))
    for start in range(0, len(todo), BATCH_SIZE):
        chunk = todo[start : start + BATCH_SIZE]
        results = classifier.classify_many([t for _o, t, _d in chunk if t])
        it = iter(results)
        with transaction.atomic():
            for obj, text, digest in chunk:
                _store(obj, ct, digest, next(it) if text else [])
    return len(todo)


@transaction.atomic
def sdg_apply_classification(*, obj, force: bool = False) -> list[SdgTag]:
    """Classify ``obj``'s current text and store the suggestions.

    Suggestions the classifier no longer makes are removed; tags a person accepted, rejected
    or added are never changed. Returns the record's tags afterwards.
    """
    entry = taggable_for(obj)
    if entry is None:
        raise ValueError(f"{type(obj).__name__} is not registered as SDG-taggable")
    ct = ContentType.objects.get_for_model(obj)
    text = (entry.text(obj) or "").strip()
    digest = _text_hash(text)
    seen = ClassifiedText.objects.filter(content_type=ct, object_id=obj.pk).first()
    if seen and seen.text_hash == digest and not force:
        return list(SdgTag.objects.filter(content_type=ct, object_id=obj.pk))
    _store(obj, ct, digest, classifier.classify(text) if text else [])
    return list(SdgTag.objects.filter(content_type=ct, object_id=obj.pk))


def _store(obj, ct, digest: str, suggestions) -> None:
    existing = {t.goal: t for t in SdgTag.objects.filter(content_type=ct, object_id=obj.pk)}
    wanted = {s.goal: s for s in suggestions}
    stale = [
        t.pk for goal, t in existing.items() if t.status == Status.SUGGESTED and goal not in wanted
    ]
    if stale:
        SdgTag.objects.filter(pk__in=stale).delete()
    new = []
    for goal, s in wanted.items():
        tag = existing.get(goal)
        if tag is None:
            new.append(
                SdgTag(
                    content_type=ct,
                    object_id=obj.pk,
                    goal=goal,
                    confidence=s.confidence,
                    evidence=s.evidence,
                )
            )
        elif tag.source == SdgTag.Source.CLASSIFIER and (
            tag.confidence != s.confidence or tag.evidence != s.evidence
        ):
            # Refresh the evidence; a human decision (the status) stays as it is.
            tag.confidence = s.confidence
            tag.evidence = s.evidence
            tag.save(update_fields=["confidence", "evidence", "updated_at"])
    if new:
        SdgTag.objects.bulk_create(new, ignore_conflicts=True)
    ClassifiedText.objects.update_or_create(
        content_type=ct,
        object_id=obj.pk,
        defaults={"text_hash": digest, "classifier_version": classifier.VERSION},
    )


# -- people's decisions -------------------------------------------------------------------------


def _check_decider(user, obj):
    entry = taggable_for(obj)
    if entry is None or obj is None or not entry.can_decide(user, obj):
        raise PermissionDenied(_("You may not change this record's SDG tags."))


@transaction.atomic
def sdg_tag_decide(*, tag: SdgTag, by, accept: bool) -> SdgTag:
    """Accept or reject one tag (a suggestion, or change an earlier decision)."""
    obj = tag.record
    _check_decider(by, obj)
    before = tag.status
    tag.status = Status.ACCEPTED if accept else Status.REJECTED
    tag.decided_by = by
    tag.decided_at = timezone.now()
    tag.full_clean(exclude=["content_type"])
    tag.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    if before != tag.status:
        audit_log(
            actor=by,
            action="update",
            obj=obj,
            changes={f"SDG {tag.goal}": [before, tag.status]},
        )
    return tag


def sdg_tags_decide_many(*, tags: Iterable[SdgTag], by, accept: bool) -> tuple[int, int]:
    """Accept or reject many tags at once (the office's review queue). Tags on records
    ``by`` may not decide are left as they are. Returns ``(decided, refused)``."""
    decided = refused = 0
    for tag in tags:
        try:
            sdg_tag_decide(tag=tag, by=by, accept=accept)
            decided += 1
        except PermissionDenied:
            refused += 1
    return decided, refused


@transaction.atomic
def sdg_tag_add(*, obj, goal: int, by) -> SdgTag:
    """A person tags ``obj`` with ``goal`` (accepted at once)."""
    _check_decider(by, obj)
    if not 1 <= int(goal) <= 17:
        raise ValidationError({"goal": _("Choose a goal from 1 to 17.")})
    ct = ContentType.objects.get_for_model(obj)
    tag, _created = SdgTag.objects.get_or_create(
        content_type=ct,
        object_id=obj.pk,
        goal=int(goal),
        defaults={"source": SdgTag.Source.PERSON},
    )
    return sdg_tag_decide(tag=tag, by=by, accept=True)
