"""Who may see and decide SDG tags. Views and the API ask here.

- The goals and targets are public.
- A record's tags are seen by whoever may see the record (the record's app decides, through
  ``register_taggable(can_view=...)``); rejected tags only by those who may decide.
- A record's tags are accepted, rejected or added by whoever its app lets decide
  (``can_decide``), usually those who may change the record.
- The review queue of suggestions across record types is the office's (OIL).
- Any signed-in user may ask the classifier about a text of their own.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jalinan.accounts.roles import is_oil, is_signed_in

from .models import SdgTag
from .registry import taggable_by_key, taggable_for


def can_review_suggestions(user) -> bool:
    return is_oil(user)


def can_classify_text(user) -> bool:
    return is_signed_in(user)


def can_view_record(user, obj) -> bool:
    entry = taggable_for(obj)
    return bool(entry and entry.can_view(user, obj))


def can_decide_record(user, obj) -> bool:
    entry = taggable_for(obj)
    return bool(entry and entry.can_view(user, obj) and entry.can_decide(user, obj))


def get_record_for_user(user, *, key: str = "", content_type_id: int = 0, pk, write=False):
    """The tagged record (by ``app_label.model`` key or content type id) if ``user`` may
    see it (404 otherwise, so nothing leaks); with ``write``, 403 when they may see it but not
    decide its tags."""
    entry = None
    if key:
        entry = taggable_by_key(key)
    elif content_type_id:
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist as exc:
            raise Http404 from exc
        entry = taggable_for(model) if model else None
    obj = entry.model._default_manager.filter(pk=pk).first() if entry else None
    if obj is None or not entry.can_view(user, obj):
        raise Http404
    if write and not entry.can_decide(user, obj):
        raise PermissionDenied
    return obj


def get_tag_for_user(user, pk, *, write=False) -> tuple[SdgTag, object]:
    """The tag and its record, with the record's permissions (404 / 403 as above)."""
    tag = SdgTag.objects.filter(pk=pk).first()
    if tag is None:
        raise Http404
    obj = get_record_for_user(
        user, content_type_id=tag.content_type_id, pk=tag.object_id, write=write
    )
    if tag.status == SdgTag.Status.REJECTED and not write and not can_decide_record(user, obj):
        raise Http404
    return tag, obj
