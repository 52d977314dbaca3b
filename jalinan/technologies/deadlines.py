"""Dates an IP asset must not miss, and the patentability warnings of a disclosure.

Deadlines are computed from an asset's dates by the rules in :data:`RULES`, a small table read
top to bottom. Each rule says which kinds of asset (and which offices) it applies to, in which
statuses, from which date it counts ("priority", "filing", "grant" or "registration": the
filing date, else the grant date) and how many months later the date falls; a repeating rule
(``every``) gives the next ``count`` due dates after the last one marked done, within the term.

=============  ==================  =========  ============  ======================================
deadline       asset / office      from       when          rule
=============  ==================  =========  ============  ======================================
priority_year  patent, utility;    priority   not filed     12 months: the last day to file abroad
               any office but PCT  (first     abroad yet    or a PCT application claiming priority
                                   filing)                  (Paris Convention art. 4, PCT art. 8)
pct_national   patent; PCT         priority   filed,        30 months: national phase entry
                                              published     (PCT art. 22)
examination    patent, utility;    filing     filed,        48 months: request for substantive
               MyIPO                          published     examination (Patents Regulations 2011)
annuity        patent, utility;    filing     granted       each anniversary of filing after the
               any office but                               grant, the next 3, within 20 years
               PCT and USPTO
annuity        patent; USPTO       grant      granted       maintenance fees at 3½, 7½, 11½ years
renewal        trademark           regist-    filed, pub-   every 10 years, the next one
                                   ration     lished,
                                              granted
renewal        design; MyIPO       filing     filed, pub-   every 5 years, the next one, within
               (and other offices)            lished,       25 years
                                              granted
=============  ==================  =========  ============  ======================================

Copyright notifications and know-how have no deadlines. Lapsed and abandoned assets have none.
Months are added by calendar: 31 January + 1 month is 28 (or 29) February; an anniversary of
29 February falls on 28 February in a common year.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .choices import AssetKind, AssetStatus, DeadlineKind, IPOffice

GRACE_MONTHS = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


PATENTS = frozenset({AssetKind.PATENT, AssetKind.UTILITY})
PENDING = frozenset({AssetStatus.FILED, AssetStatus.PUBLISHED})
LIVE = frozenset({AssetStatus.PREPARING, AssetStatus.FILED, AssetStatus.PUBLISHED})
REGISTERED_OR_PENDING = frozenset({AssetStatus.FILED, AssetStatus.PUBLISHED, AssetStatus.GRANTED})
GRANTED = frozenset({AssetStatus.GRANTED})


def _not_filed_abroad(asset) -> bool:
    """A first filing none of whose family members went to another office (or the PCT)."""
    if asset.family_id is not None:
        return False
    if not asset.pk:
        return True
    return not asset.family_members.exclude(office=asset.office).exists()


@dataclass(frozen=True)
class Rule:
    deadline: str
    kinds: frozenset
    anchor: str  # "priority", "filing", "grant" or "registration"
    statuses: frozenset
    months: tuple[int, ...] = ()  # one-off offsets (one deadline each)
    every: int = 0  # repeating: every so many months from the anchor ...
    count: int = 1  # ... the next so many
    term_months: int = 0  # ... none on or after the anchor plus this (0: no end)
    after_grant: bool = False  # repeating dates only after the grant date
    offices: frozenset | None = None  # None: any office
    exclude_offices: frozenset = frozenset()
    when: Callable | None = None
    text: str = ""

    def applies(self, asset) -> bool:
        if asset.kind not in self.kinds or asset.status not in self.statuses:
            return False
        if self.offices is not None and asset.office not in self.offices:
            return False
        if asset.office in self.exclude_offices:
            return False
        return self.when is None or self.when(asset)


RULES: tuple[Rule, ...] = (
    Rule(
        DeadlineKind.PRIORITY_YEAR,
        PATENTS,
        "priority",
        LIVE,
        months=(12,),
        exclude_offices=frozenset({IPOffice.PCT}),
        when=_not_filed_abroad,
        text=gettext_lazy(
            "Last day to file abroad or a PCT application claiming priority (12 months from "
            "the priority date %(anchor)s)."
        ),
    ),
    Rule(
        DeadlineKind.PCT_NATIONAL,
        frozenset({AssetKind.PATENT}),
        "priority",
        PENDING,
        months=(30,),
        offices=frozenset({IPOffice.PCT}),
        text=gettext_lazy(
            "Enter the national phase in each chosen country (30 months from the priority "
            "date %(anchor)s)."
        ),
    ),
    Rule(
        DeadlineKind.EXAMINATION,
        PATENTS,
        "filing",
        PENDING,
        months=(48,),
        offices=frozenset({IPOffice.MYIPO}),
        text=gettext_lazy(
            "Request substantive examination (48 months from the filing date %(anchor)s)."
        ),
    ),
    Rule(
        DeadlineKind.ANNUITY,
        PATENTS,
        "filing",
        GRANTED,
        every=12,
        count=3,
        term_months=20 * 12,
        after_grant=True,
        exclude_offices=frozenset({IPOffice.PCT, IPOffice.USPTO}),
        text=gettext_lazy("Annual renewal fee (anniversary of the filing date %(anchor)s)."),
    ),
    Rule(
        DeadlineKind.ANNUITY,
        frozenset({AssetKind.PATENT}),
        "grant",
        GRANTED,
        months=(42, 90, 138),
        offices=frozenset({IPOffice.USPTO}),
        text=gettext_lazy("Maintenance fee (3½, 7½ or 11½ years from the grant %(anchor)s)."),
    ),
    Rule(
        DeadlineKind.RENEWAL,
        frozenset({AssetKind.TRADEMARK}),
        "registration",
        REGISTERED_OR_PENDING,
        every=10 * 12,
        count=1,
        text=gettext_lazy("Renew the trademark registration (every 10 years from %(anchor)s)."),
    ),
    Rule(
        DeadlineKind.RENEWAL,
        frozenset({AssetKind.DESIGN}),
        "filing",
        REGISTERED_OR_PENDING,
        every=5 * 12,
        count=1,
        term_months=25 * 12,
        text=gettext_lazy(
            "Renew the industrial design registration (every 5 years from the filing date "
            "%(anchor)s, up to 25 years)."
        ),
    ),
)


def _anchor(asset, name: str) -> datetime.date | None:
    if name == "priority":
        return asset.priority_date or (asset.filing_date if asset.family_id is None else None)
    if name == "filing":
        return asset.filing_date
    if name == "grant":
        return asset.granted_on
    if name == "registration":
        return asset.filing_date or asset.granted_on
    raise ValueError(name)


def _done(asset) -> list:
    if not asset.pk:
        return []
    return [(d.kind, d.due_date) for d in asset.deadlines.all() if d.done_on is not None]


def compute_deadlines(asset) -> list[tuple[str, datetime.date, str]]:
    """The deadlines ``asset`` has by the rules, as ``(kind, due date, description)``, sorted
    by date. Repeating fees start after the latest one marked done."""
    done = _done(asset)
    out: list[tuple[str, datetime.date, str]] = []
    for rule in RULES:
        if not rule.applies(asset):
            continue
        anchor = _anchor(asset, rule.anchor)
        if anchor is None:
            continue
        text = str(rule.text) % {"anchor": formats.date_format(anchor)}
        if rule.months:
            out.extend((rule.deadline, add_months(anchor, m), text) for m in rule.months)
            continue
        last_done = max((d for k, d in done if k == rule.deadline), default=None)
        end = add_months(anchor, rule.term_months) if rule.term_months else None
        found, k = 0, 1
        while found < rule.count:
            due = add_months(anchor, rule.every * k)
            k += 1
            if end is not None and due >= end:
                break  # the right ends on that day: nothing left to pay or renew
            if rule.after_grant and asset.granted_on and due <= asset.granted_on:
                continue
            if last_done is not None and due <= last_done:
                continue
            out.append((rule.deadline, due, text))
            found += 1
    return sorted(out, key=lambda row: (row[1], row[0]))


def describe(deadline) -> str:
    """What ``deadline`` is, in the current language: a computed one is explained from its
    rule and its asset's dates now (the stored text was written in the language of whoever
    caused the computation); one entered by hand keeps its own words."""
    if not deadline.is_computed:
        return deadline.description
    asset = deadline.asset
    for rule in RULES:
        if rule.deadline != deadline.kind or not rule.applies(asset):
            continue
        anchor = _anchor(asset, rule.anchor)
        if anchor is not None:
            return str(rule.text) % {"anchor": formats.date_format(anchor)}
    return deadline.description


def _date_of(item) -> datetime.date | None:
    value = item.get("date") if isinstance(item, dict) else getattr(item, "date", None)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def first_filing_date(assets: Iterable) -> datetime.date | None:
    """The earliest priority or filing date among the patents and utility innovations of
    ``assets``: the date novelty is judged at (a trademark or a copyright notification
    protects nothing of the invention's novelty)."""
    dates = [
        a.priority_date or a.filing_date
        for a in assets
        if a.kind in PATENTS and (a.priority_date or a.filing_date)
    ]
    return min(dates, default=None)


def grace_period_end(disclosed_on: datetime.date) -> datetime.date:
    return add_months(disclosed_on, GRACE_MONTHS)


def patentability_warnings(
    public_disclosures: Iterable,
    *,
    today: datetime.date | None = None,
    filing_date: datetime.date | None = None,
) -> list[str]:
    """What the public disclosures (objects or dicts with a ``date``) mean for patentability.

    Malaysia (Patents Act 1983, s. 14(3)) and the United States give the inventor a 12-month
    grace period for their own disclosure; Europe (EPO), China and most other offices require
    absolute novelty, so any disclosure before filing bars a patent there.
    """
    today = today or timezone.localdate()
    dates = [d for d in (_date_of(p) for p in public_disclosures) if d is not None]
    warnings: list[str] = []
    for day in sorted({d for d in dates if d > today}):
        warnings.append(
            _("The disclosure date %(date)s is in the future: check the date.")
            % {"date": formats.date_format(day)}
        )
    past = [d for d in dates if d <= today]
    if not past:
        return warnings
    earliest = min(past)
    if filing_date is not None and filing_date <= earliest:
        # Prior art is what was public *before* the filing date (EPC art. 54(2), Patents Act
        # 1983 s. 14(2)): a disclosure on the day of filing does not count.
        return warnings
    warnings.append(
        _(
            "The invention was made public on %(date)s: in countries that require absolute "
            "novelty (Europe (EPO), China and most others) a patent is probably no longer "
            "possible."
        )
        % {"date": formats.date_format(earliest)}
    )
    ends = grace_period_end(earliest)
    reference = filing_date or today
    if reference > ends:
        warnings.append(
            _(
                "The 12-month grace period for the inventor's own disclosure (Malaysia, Patents "
                "Act 1983 s. 14(3); United States) ended on %(date)s: the invention is probably "
                "no longer patentable anywhere."
            )
            % {"date": formats.date_format(ends)}
        )
    elif filing_date is not None:
        warnings.append(
            _(
                "The filing date %(filed)s is within the 12-month grace period (Malaysia, "
                "United States), which ends on %(date)s."
            )
            % {"filed": formats.date_format(filing_date), "date": formats.date_format(ends)}
        )
    else:
        days = (ends - today).days
        warnings.append(
            ngettext(
                "To rely on the 12-month grace period (Malaysia, Patents Act 1983 s. 14(3); "
                "United States), file by %(date)s: %(days)d day left.",
                "To rely on the 12-month grace period (Malaysia, Patents Act 1983 s. 14(3); "
                "United States), file by %(date)s: %(days)d days left.",
                days,
            )
            % {"date": formats.date_format(ends), "days": days}
        )
    return warnings
