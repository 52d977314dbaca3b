"""Small helpers for memoranda pages: status and health badges."""

from django import template
from django.utils.html import format_html

from jalinan.agreements.choices import Health, Status

register = template.Library()

STATUS_COLOURS = {
    Status.DRAFT: "secondary",
    Status.SUBMITTED: "info",
    Status.OIL_REVIEW: "info",
    Status.RETURNED: "warning",
    Status.LEGAL_REVIEW: "info",
    Status.AWAITING_MCOM: "primary",
    Status.AWAITING_UMC: "primary",
    Status.APPROVED: "primary",
    Status.SIGNED: "success",
    Status.ACTIVE: "success",
    Status.EXPIRING: "warning",
    Status.EXPIRED: "dark",
    Status.RENEWED: "light",
    Status.TERMINATED: "dark",
    Status.REJECTED: "danger",
    Status.WITHDRAWN: "light",
}
HEALTH_COLOURS = {Health.ENGAGED: "success", Health.AT_RISK: "warning", Health.DORMANT: "danger"}


@register.simple_tag
def status_badge(status):
    if not status:
        return ""
    label = Status(status).label if status in Status.values else status
    return format_html(
        '<span class="badge text-bg-{} border" data-status="{}">{}</span>',
        STATUS_COLOURS.get(status, "secondary"),
        status,
        label,
    )


@register.simple_tag
def health_badge(health):
    if not health:
        return ""
    return format_html(
        '<span class="badge text-bg-{}" data-health="{}">{}</span>',
        HEALTH_COLOURS.get(health, "secondary"),
        health,
        Health(health).label,
    )


@register.filter
def rm(value):
    """A ringgit amount: RM 12,345.00."""
    try:
        return f"RM {float(value):,.2f}"
    except (TypeError, ValueError):
        return ""
