"""Helpers the selectors of the app share."""

from __future__ import annotations


def int_or_none(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def unit_ids(pk) -> list[int]:
    from jalinan.accounts.models import Unit

    unit = Unit.objects.filter(pk=pk).first()
    return unit.descendant_ids() if unit else []
