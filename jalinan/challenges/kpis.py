"""What industry challenges give the dashboards and reports (see
:mod:`jalinan.reports.registry`): challenges posted (submitted to the office) and published
in the period, by partner sector, and the invitations sent to experts.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalinan.accounts.roles import Role, has_role, is_oil
from jalinan.reports.kpi_helpers import (
    AppKpis,
    SdgRecords,
    count_by_year,
    count_rows,
    count_series,
    sector_label,
    year_series,
)
from jalinan.reports.registry import ReportSection, Series, Stat, Table, not_shown

from .models import Challenge, Invitation
from .selectors.challenges import challenges_for


def _challenges(scope):
    """Every challenge for the office and management (they count the whole university);
    what one may see for everyone else."""
    user = scope.user
    qs = (
        Challenge.objects.all()
        if is_oil(user) or has_role(user, Role.MANAGEMENT)
        else (challenges_for(user))
    )
    return qs.filter(scope.unit_q("unit_id"))


def _posted(scope):
    return _challenges(scope).filter(scope.in_years("submitted_at__date"))


def _published(scope):
    return _challenges(scope).filter(scope.in_years("published_at__date"))


def _invitations(scope):
    return Invitation.objects.filter(challenge__in=_challenges(scope).values("pk")).filter(
        scope.in_years("invited_at__date")
    )


def _headline(scope) -> dict:
    def compute():
        return {
            "posted": _posted(scope).count(),
            "published": _published(scope).count(),
            "invitations": _invitations(scope).count(),
            "experts": _invitations(scope).values("expert_id").distinct().count(),
        }

    return scope.once("challenges.headline", compute)


def posted_per_year(scope) -> dict[int, int]:
    return scope.once(
        "challenges.posted_years",
        lambda: count_by_year(scope, _challenges(scope), "submitted_at"),
    )


def published_per_year(scope) -> dict[int, int]:
    return scope.once(
        "challenges.published_years",
        lambda: count_by_year(scope, _challenges(scope), "published_at"),
    )


def by_year(scope) -> Series:
    return year_series(
        scope,
        [(_("Posted"), posted_per_year(scope)), (_("Published"), published_per_year(scope))],
    )


def _by_sector_rows(scope) -> list[tuple[str, int]]:
    return scope.once(
        "challenges.by_sector",
        lambda: sorted(
            count_rows(_posted(scope), "organisation__msic_section"),
            key=lambda r: (-r[1], r[0] or "~"),
        ),
    )


def by_sector(scope) -> Series:
    return count_series(
        _by_sector_rows(scope),
        label=_("Challenges posted"),
        x_label=_("Partner sector"),
        label_of=sector_label,
    )


def _readable(qs, scope):
    """Of the challenges counted, those the reader may open: the office and management count
    every challenge, but the titles and partners of confidential (invited only) and
    unpublished ones are the office's."""
    return qs.filter(pk__in=challenges_for(scope.user).values("pk"))


def report_section(scope) -> ReportSection:
    head = _headline(scope)
    listed = list(
        _readable(_posted(scope), scope)
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )
    return ReportSection(
        stats=[
            Stat(_("Industry challenges posted"), head["posted"]),
            Stat(_("Industry challenges published"), head["published"]),
            Stat(_("Experts invited to answer challenges"), head["experts"]),
        ],
        tables=[
            Table(
                _("Industry challenges by partner sector"),
                [_("Partner sector"), _("Challenges posted")],
                [[sector_label(code), n] for code, n in _by_sector_rows(scope)],
            ),
        ],
        lists=[
            Table(
                _("Industry challenges posted in the period"),
                [_("Submitted"), _("Reference"), _("Challenge"), _("Partner"), _("Status")],
                [
                    [
                        timezone.localtime(c.submitted_at).date() if c.submitted_at else "",
                        c.reference,
                        c.title,
                        c.organisation.legal_name,
                        c.get_status_display(),
                    ]
                    for c in listed
                ],
                note=not_shown(head["posted"] - len(listed)),
                links=[c.get_absolute_url() for c in listed],
            ),
        ],
    )


# -- SDGs ----------------------------------------------------------------------------------

CHALLENGES = SdgRecords(
    _posted,
    partners="organisation",
    listed=lambda scope: _readable(_posted(scope), scope),
    describe=lambda c: f"{c.title} ({c.reference})",
    date=lambda c: timezone.localtime(c.submitted_at).date() if c.submitted_at else None,
)


# -- registration --------------------------------------------------------------------------


def register():
    kpis = AppKpis("challenges", ministry_category="projects", values=_headline)
    kpis.figure("posted", _("Industry challenges posted"), trend=posted_per_year, trend_order=50)
    kpis.figure("published", _("Industry challenges published"))
    kpis.figure("invitations", _("Invitations sent to experts"), ministry_category="")
    kpis.chart("by_year", _("Industry challenges posted and published by year"), by_year)
    kpis.chart("by_sector", _("Industry challenges by partner sector"), by_sector, "hbar")
    kpis.report("challenges", _("Industry challenges"), report_section)
    kpis.sdg_records("challenges", _("Industry challenges"), CHALLENGES, order=40)
