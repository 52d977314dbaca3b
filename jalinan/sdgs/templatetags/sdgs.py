"""``{% sdg_tags obj %}``: a record's SDG tags, with accept/reject for those allowed;
``{% sdg_badges goals %}``: small coloured badges for a list of goal numbers."""

from django import template
from django.template.loader import render_to_string

from jalinan.sdgs.goals import GOAL_CHOICES, GOALS
from jalinan.sdgs.registry import taggable_for
from jalinan.sdgs.selectors import tags_for

register = template.Library()


@register.simple_tag(takes_context=True)
def sdg_tags(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    entry = taggable_for(obj)
    if entry is None or obj is None or obj.pk is None:
        return ""
    can_decide = bool(user and user.is_authenticated and entry.can_decide(user, obj))
    tags = tags_for(obj, include_rejected=can_decide)
    return render_to_string(
        "sdgs/_tags.html",
        {
            "obj": obj,
            "tags": [(t, GOALS[t.goal]) for t in tags],
            "suggested": sum(1 for t in tags if t.status == "suggested"),
            "can_decide": can_decide,
            "content_type_id": _ct_id(obj),
            "goal_choices": GOAL_CHOICES,
        },
        request=request,
    )


@register.inclusion_tag("sdgs/_badges.html")
def sdg_badges(goals):
    return {"goals": [GOALS[g] for g in goals or [] if g in GOALS]}


@register.filter
def sdg_goal(number):
    return GOALS.get(int(number)) if number else None


def _ct_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
