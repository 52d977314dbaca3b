import datetime
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe

from ..dashboard import format_value

register = template.Library()


@register.filter
def kpi(value, unit="count"):
    """A figure as people read it: 1,234 · RM 1,234 · 87.5% · — for none."""
    return format_value(value, unit or "count")


@register.filter
def cell(value):
    """A report table's cell: dates as 31/12/2025, money with two decimals."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, force_grouping=True)
    if isinstance(value, float):
        return formats.number_format(value, 1, force_grouping=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return formats.number_format(value, 0, force_grouping=True)
    return value


@register.filter
def css_string(value):
    """Text for a quoted CSS ``content`` string (the PDF's running footer)."""
    text = " ".join(str(value).split())
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return mark_safe(text)  # noqa: S308 - quotes, backslashes and "<" escaped for CSS
