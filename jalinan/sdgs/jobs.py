"""The sdgs app's daily jobs (one function per job, named as its key; ``register()`` is called
from ``AppConfig.ready()``): remind the office, once a week, of suggestions awaiting a
decision."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from jalinan.accounts.models import User
from jalinan.accounts.roles import OIL_ROLES
from jalinan.core.notifications import notify
from jalinan.core.registry import register_daily_job

from .selectors import awaiting_count

# The "general" kind: the weekly reminder follows each officer's choice for general
# messages (a kind of its own, registered with ``register_kind``, would get its own choice).
KIND = "general"


def remind_office_of_suggestions() -> int:
    """Tell each OIL officer how many SDG suggestions await a decision, at most once per
    ISO week (idempotent: a second run in the same week sends nothing). Returns how many
    were told."""
    n = awaiting_count()
    if not n:
        return 0
    year, week, _day = timezone.localdate().isocalendar()
    told = 0
    for user in User.objects.filter(groups__name__in=OIL_ROLES, is_active=True).distinct():
        with override(getattr(user, "language", None) or None):
            sent = notify(
                recipient=user,
                kind=KIND,
                title=ngettext(
                    "%(n)d SDG suggestion awaits a decision",
                    "%(n)d SDG suggestions await a decision",
                    n,
                )
                % {"n": n},
                body=_(
                    "The classifier suggested Sustainable Development Goals for records; "
                    "accept or reject them so that they count in the reports."
                ),
                url=reverse("sdgs:review"),
                dedupe_key=f"sdgs-review-{year}-W{week:02d}",
            )
        told += sent is not None
    return told


def remind_review() -> int:
    return remind_office_of_suggestions()


def register() -> None:
    register_daily_job(
        "sdgs.remind_review",
        remind_review,
        description="SDGs: remind the office (weekly) of SDG suggestions awaiting a decision",
        order=700,
    )
