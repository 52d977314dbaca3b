"""``{{ text|highlight:terms }}``: the words of ``text`` that matched, in <mark>;
``{{ text|snippet:terms }}``: the same, cut to the part around the first match."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from jalinan.matching.text import highlight_spans

register = template.Library()


def _render(parts) -> str:
    return "".join(f"<mark>{escape(p)}</mark>" if hit else escape(p) for p, hit in parts)


@register.filter
def highlight(text, terms):
    if not text:
        return ""
    if not terms:
        return escape(text)
    return mark_safe(_render(highlight_spans(str(text), list(terms))))  # noqa: S308 - escaped


@register.filter
def snippet(text, terms, length: int = 320):
    text = str(text or "")
    if not text:
        return ""
    parts = highlight_spans(text, list(terms or []))
    first = 0
    pos = 0
    for piece, hit in parts:
        if hit:
            first = pos
            break
        pos += len(piece)
    start = max(0, first - 80)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    cut = text[start:end]
    body = _render(highlight_spans(cut, list(terms or []))) if terms else escape(cut)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))  # noqa: S308


@register.filter
def percent(value):
    try:
        return f"{100 * float(value):.0f}"
    except (TypeError, ValueError):
        return ""
