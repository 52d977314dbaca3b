"""Writes of SDG tags: classification results and people's decisions. Every change audited."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log

from . import classifier
from .models import ClassifiedText, SdgTag
from .registry import taggable_for

Status = SdgTag.Status


def _text_hash(text: str) -> str:
    return hashlib.sha256(f"{classifier.VERSION}\n{text}".encode()).hexdigest()


def sdg_request_classification(*, obj) -> None:
    """Ask for ``obj``'s SDG suggestions to be (re)computed in the background, once the
    current transaction commits. Cheap to call after every save: unchanged text is skipped."""
    if taggable_for(obj) is None:
        raise ValueError(f"{type(obj).__name__} is not registered as SDG-taggable")
    from .tasks import classify_record

    ct_id = ContentType.objects.get_for_model(obj).pk
    pk = obj.pk
    transaction.on_commit(lambda: classify_record.delay(ct_id, pk))


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
    suggestions = classifier.classify(text) if text else []
    existing = {t.goal: t for t in SdgTag.objects.filter(content_type=ct, object_id=obj.pk)}
    wanted = {s.goal: s for s in suggestions}
    for goal, tag in existing.items():
        if tag.status == Status.SUGGESTED and goal not in wanted:
            tag.delete()
    for goal, s in wanted.items():
        tag = existing.get(goal)
        if tag is None:
            SdgTag.objects.create(
                content_type=ct,
                object_id=obj.pk,
                goal=goal,
                confidence=s.confidence,
                evidence=s.evidence,
            )
        elif tag.status == Status.SUGGESTED or tag.source == SdgTag.Source.CLASSIFIER:
            # Refresh the evidence; a human decision (the status) stays as it is.
            tag.confidence = s.confidence
            tag.evidence = s.evidence
            tag.save(update_fields=["confidence", "evidence", "updated_at"])
    ClassifiedText.objects.update_or_create(
        content_type=ct,
        object_id=obj.pk,
        defaults={"text_hash": digest, "classifier_version": classifier.VERSION},
    )
    return list(SdgTag.objects.filter(content_type=ct, object_id=obj.pk))


def _check_decider(user, obj):
    entry = taggable_for(obj)
    if entry is None or not entry.can_decide(user, obj):
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
    tag.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    if before != tag.status:
        audit_log(
            actor=by,
            action="update",
            obj=obj,
            changes={f"SDG {tag.goal}": [before, tag.status]},
        )
    return tag


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
