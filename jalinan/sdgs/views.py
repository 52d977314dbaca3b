from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template import Context, Template
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import SdgTag
from .registry import taggable_for


def _record_for(user, content_type_id, pk):
    """The tagged record, if the user may see it (404 otherwise)."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    entry = taggable_for(model) if model else None
    obj = model._default_manager.filter(pk=pk).first() if entry else None
    if obj is None or not entry.can_view(user, obj):
        raise Http404
    return obj


def _answer(request, obj):
    if request.htmx:
        from django.http import HttpResponse

        html = Template("{% load sdgs %}{% sdg_tags obj %}").render(
            Context({"obj": obj, "request": request})
        )
        return HttpResponse(html)
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return redirect(url)


@login_required
@require_POST
def tag_decide(request, pk):
    tag = SdgTag.objects.filter(pk=pk).first()
    if tag is None:
        raise Http404
    obj = _record_for(request.user, tag.content_type_id, tag.object_id)
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        raise Http404
    services.sdg_tag_decide(tag=tag, by=request.user, accept=decision == "accept")
    if not request.htmx:
        messages.success(request, _("The SDG tag was saved."))
    return _answer(request, obj)


@login_required
@require_POST
def tag_add(request, content_type_id, pk):
    obj = _record_for(request.user, content_type_id, pk)
    try:
        services.sdg_tag_add(obj=obj, goal=int(request.POST.get("goal", "0")), by=request.user)
    except (ValueError, ValidationError):
        messages.error(request, _("Choose a goal from 1 to 17."))
    return _answer(request, obj)
