"""Small pieces of challenge pages: the status badge and the deadline with days left."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-warning",
    "returned": "text-bg-danger",
    "published": "text-bg-success",
    "closed": "text-bg-info",
    "awarded": "text-bg-primary",
    "cancelled": "text-bg-dark",
    "invited": "text-bg-secondary",
    "accepted": "text-bg-success",
    "declined": "text-bg-light border",
}


@register.simple_tag
def challenge_status(obj):
    """A badge for a challenge's (or an invitation's) status."""
    return format_html(
        '<span class="badge {}">{}</span>',
        BADGES.get(obj.status, "text-bg-secondary"),
        obj.get_status_display(),
    )


@register.simple_tag
def challenge_deadline(challenge, today=None):
    """The proposal deadline, with the days left while the challenge is open, or "closed"."""
    deadline = challenge.proposal_deadline
    if deadline is None:
        return "—"
    today = today or timezone.localdate()
    when = format_html(
        '<time datetime="{}">{}</time>', deadline.isoformat(), date_format(deadline, "j M Y")
    )
    if challenge.status != "published" or deadline < today:
        note = format_html('<span class="badge text-bg-secondary">{}</span>', _("closed"))
    else:
        days = (deadline - today).days
        text = (
            _("closes today")
            if days == 0
            else ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
        )
        note = format_html('<span class="small text-body-secondary">({})</span>', text)
    return format_html("{} {}", when, note)
