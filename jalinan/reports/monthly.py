"""The monthly e-mail to management with the headline figures.

A daily job (``reports.monthly_headlines``) sends it on the first day of each month, or on the
first run after it when a day was missed; ``notify``'s ``dedupe_key`` (the month, YYYY-MM)
makes every later run that month send nothing. The figures are those of the year the month
just ended belongs to (so January's e-mail closes the previous year), counted for the whole
university.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from jalinan.accounts.roles import Role
from jalinan.accounts.selectors import active_users_with_role
from jalinan.core.notifications import notify

from . import dashboard
from .registry import Scope

KIND = "reports.monthly"


def send_monthly_headlines(*, today: datetime.date | None = None) -> int:
    """Send this month's headline figures to every active management user who has not had
    them yet; returns how many were sent."""
    today = today or timezone.localdate()
    month_key = today.strftime("%Y-%m")
    year = (today.replace(day=1) - datetime.timedelta(days=1)).year
    recipients = list(active_users_with_role(Role.MANAGEMENT))
    if not recipients:
        return 0
    # Management counts the whole university: one evaluation serves every recipient.
    scope = Scope(user=recipients[0], year_from=year, year_to=year, today=today)
    figures = dashboard.headlines(scope)
    sent = 0
    for user in recipients:
        with translation.override(user.language or None):
            title = _("Headline figures for %(month)s") % {
                "month": formats.date_format(today, "F Y")
            }
            body = render_to_string(
                "reports/email/monthly.txt",
                {
                    "figures": [
                        (str(f.figure.label), dashboard.format_value(f.value, f.figure.unit))
                        for f in figures
                    ],
                    "year": year,
                    "as_of": scope.as_of,
                },
            ).strip()
        if notify(
            recipient=user,
            kind=KIND,
            title=title,
            body=body,
            url=reverse("reports:dashboard") + f"?year={year}",
            dedupe_key=month_key,
        ):
            sent += 1
    return sent
