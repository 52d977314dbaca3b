"""Background classification of records' text into SDG suggestions."""

from __future__ import annotations

from celery import shared_task
from django.contrib.contenttypes.models import ContentType


@shared_task
def classify_record(content_type_id: int, pk: int, force: bool = False) -> int:
    """Classify one record; returns the number of tags it has afterwards (0 if it is gone)."""
    from .services import sdg_apply_classification

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    obj = model._default_manager.filter(pk=pk).first() if model else None
    if obj is None:
        return 0
    return len(sdg_apply_classification(obj=obj, force=force))


@shared_task
def classify_records(items: list[list[int]], force: bool = False) -> int:
    """Classify many records, ``[[content_type_id, pk], ...]``, in batches (see
    ``services.deferred_classification``); returns how many were (re)classified."""
    from .services import sdg_classify_records

    return sdg_classify_records(items=[tuple(i) for i in items], force=force)
