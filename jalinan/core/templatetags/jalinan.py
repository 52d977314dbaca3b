"""Template tags shared by every app: menus and panels from :mod:`jalinan.core.registry`, and
the labels of audited fields."""

from typing import TYPE_CHECKING

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from jalinan.core import registry

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context, menu="main"):
    """``{% nav_items "office" as items %}``: the menu items the current user may see,
    each as ``(item, url, active)``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    out = []
    for item in registry.nav_for(user, menu):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = request is not None and request.path.startswith(url) and url != "/"
        out.append((item, url, active))
    return out


@register.simple_tag(takes_context=True)
def render_panels(context, slot, obj=None):
    """``{% render_panels "partner_detail" org %}``: every registered panel of ``slot`` that
    has something for this user, each in its own column."""
    request = context.get("request")
    html = []
    for panel, ctx in registry.panels_for(slot, request, obj):
        body = render_to_string(
            panel.template,
            {**context.flatten(), **ctx, "panel_obj": obj},
            request=request,
        )
        html.append(f'<div class="col-lg-{panel.width}" data-panel="{panel.key}">{body}</div>')
    return mark_safe("\n".join(html))  # noqa: S308 - each part is an escaped template render


@register.filter
def field_label(entry, name):
    """``{{ entry|field_label:field }}``: the verbose name of a field of the audited record's
    model ("End date" for ``end_date``), in the reader's language; other keys of a change
    (relations recorded by name, e.g. ``parties``) with their underscores as spaces."""
    label: str | StrPromise = str(name).replace("_", " ")
    if getattr(entry, "content_type_id", None):
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        try:
            # A model gone from the code (None) or a relation without a verbose name raises
            # the AttributeError caught below.
            label = model._meta.get_field(name).verbose_name  # type: ignore[union-attr]
        except (AttributeError, FieldDoesNotExist):
            pass
    return capfirst(label)
