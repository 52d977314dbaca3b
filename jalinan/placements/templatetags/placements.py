"""``{% placement_tabs "openings" %}``: the section's tabs this user may use;
``{{ status|status_badge }}``: the Bootstrap colour of a status."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jalinan.placements.permissions import (
    can_manage_settings,
    can_see_outcomes,
    can_see_overview,
    is_student,
)

register = template.Library()

COLOURS = {
    "submitted": "secondary",
    "shortlisted": "info",
    "interview": "primary",
    "offered": "warning",
    "accepted": "success",
    "declined": "light",
    "rejected": "danger",
    "withdrawn": "light",
    "pending": "warning",
    "published": "success",
    "closed": "secondary",
    "active": "primary",
    "completed": "success",
    "cancelled": "secondary",
    "reviewed": "success",
    "returned": "warning",
}


@register.filter
def status_badge(status) -> str:
    colour = COLOURS.get(str(status), "secondary")
    return f"text-bg-{colour}" + (" border" if colour == "light" else "")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("placements/_tabs.html", takes_context=True)
def placement_tabs(context, active=""):
    user = context["request"].user
    tabs = []
    if is_student(user):
        tabs.append(("eligible", _("Recommended openings"), reverse("placements:opening_eligible")))
    tabs.append(("openings", _("Openings"), reverse("placements:opening_list")))
    tabs.append(("applications", _("Applications"), reverse("placements:application_list")))
    tabs.append(("placements", _("Placements"), reverse("placements:placement_list")))
    if is_student(user):
        tabs.append(("profile", _("My placement profile"), reverse("placements:my_profile")))
    if can_see_overview(user):
        tabs.append(("overview", _("Overview"), reverse("placements:overview")))
    if can_see_outcomes(user):
        tabs.append(("outcomes", _("Graduate outcomes"), reverse("placements:outcome_list")))
    if can_manage_settings(user):
        tabs.append(("settings", _("Rubric and programmes"), reverse("placements:rubric_list")))
    return {"tabs": tabs, "active": active}
