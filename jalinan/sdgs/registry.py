"""Which record types carry SDG tags, how to get their text, and who decides their tags.

An app registers its models from ``AppConfig.ready()``::

    from jalinan.sdgs.registry import register_taggable
    register_taggable(
        Memorandum,
        text=lambda m: f"{m.title}\\n{m.scope}\\n{m.objectives}",
        can_decide=lambda user, m: can_change_memorandum(user, m),
        can_view=lambda user, m: can_view_memorandum(user, m),
    )

and, in its services, after a write that may have changed that text, calls
``jalinan.sdgs.services.sdg_request_classification(obj=...)`` (classification runs in the
background; unchanged text is skipped).

Optional arguments:

- ``visible=lambda user: memoranda_for(user)``: the records of the model ``user`` may see, as
  a queryset. Lists across record types (a goal's page, the office's review queue) then filter
  in the database instead of asking ``can_view`` record by record;
- ``label``: the record type's name in lists (default: the model's verbose name);
- ``title``: a record's name in lists (default: ``str(record)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class Taggable:
    model: type[models.Model]
    text: Callable[[Any], str]
    can_decide: Callable[[Any, Any], bool]
    can_view: Callable[[Any, Any], bool]
    label: Any = ""
    visible: Callable[[Any], Any] | None = None
    title: Callable[[Any], str] | None = None

    @property
    def key(self) -> str:
        return _key(self.model)

    def title_of(self, obj) -> str:
        return self.title(obj) if self.title else str(obj)


_REGISTRY: dict[str, Taggable] = {}


def _key(model) -> str:
    return model._meta.label_lower


def register_taggable(
    model,
    *,
    text: Callable[[Any], str],
    can_decide: Callable[[Any, Any], bool],
    can_view: Callable[[Any, Any], bool],
    label: Any = "",
    visible: Callable[[Any], Any] | None = None,
    title: Callable[[Any], str] | None = None,
) -> Taggable:
    entry = Taggable(
        model, text, can_decide, can_view, label or model._meta.verbose_name, visible, title
    )
    _REGISTRY[_key(model)] = entry
    return entry


def taggable_for(obj_or_model) -> Taggable | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return _REGISTRY.get(_key(model._meta.concrete_model))


def taggables() -> list[Taggable]:
    return sorted(_REGISTRY.values(), key=lambda e: e.key)


def taggable_by_key(key: str) -> Taggable | None:
    """The entry of ``"app_label.model"`` (as in ``classify_records --model``)."""
    return _REGISTRY.get((key or "").lower())
