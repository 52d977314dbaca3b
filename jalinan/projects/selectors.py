"""Reads of projects, each limited to what the user may see."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from jalinan.accounts.roles import Role, has_role, is_partner_user, is_staff_member

from .choices import MilestoneStatus, ProjectKind, ProjectStatus
from .models import Funding, IncomeRecord, Milestone, Output, Project, ProjectMember

ZERO = Decimal("0")
OPEN_STATUSES = (ProjectStatus.PLANNED, ProjectStatus.ACTIVE, ProjectStatus.SUSPENDED)


def projects_for(user) -> QuerySet[Project]:
    """The projects ``user`` may see."""
    qs = Project.objects.all()
    if is_staff_member(user):
        return qs
    if is_partner_user(user):
        return qs.filter(
            pk__in=Project.organisations.through.objects.filter(
                organisation_id=user.organisation_id
            ).values("project_id")
        )
    if has_role(user, Role.STUDENT):
        return qs.filter(
            Q(lead_id=user.pk)
            | Q(pk__in=ProjectMember.objects.filter(user_id=user.pk).values("project_id"))
        )
    return qs.none()


def income_for(user) -> QuerySet[IncomeRecord]:
    """The income entries ``user`` may see: staff every entry of the projects they see; a
    partner user only what its own organisation paid."""
    qs = IncomeRecord.objects.filter(project__in=projects_for(user))
    if not is_staff_member(user):
        if is_partner_user(user):
            return qs.filter(payer_id=user.organisation_id)
        return qs.none()
    return qs


def funding_for(user) -> QuerySet[Funding]:
    return Funding.objects.filter(project__in=projects_for(user))


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def active_in_year_q(year: int, prefix: str = "") -> Q:
    """Projects running at some time in ``year``: started by its end, not ended before it."""
    return Q(**{f"{prefix}start_date__lte": datetime.date(year, 12, 31)}) & (
        Q(**{f"{prefix}end_date__isnull": True})
        | Q(**{f"{prefix}end_date__gte": datetime.date(year, 1, 1)})
    )


SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "start": ("-start_date", "-pk"),
    "end": ("end_date", "pk"),
    "title": ("title", "pk"),
    "reference": ("reference",),
}


def filter_projects(qs: QuerySet[Project], params: Mapping, *, user) -> QuerySet[Project]:
    """The list filters (page and API): q, kind, status, unit (and the units below it),
    partner, year (running in that year), memorandum, sdg, mine, sort."""
    get = params.get
    q = (get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(reference__icontains=q)
            | Q(summary__icontains=q)
            | Q(lead__full_name__icontains=q)
        )
    if get("kind") in ProjectKind.values:
        qs = qs.filter(kind=get("kind"))
    if get("status") in ProjectStatus.values:
        qs = qs.filter(status=get("status"))
    unit = _int(get("unit"))
    if unit:
        from jalinan.accounts.models import Unit

        unit_obj = Unit.objects.filter(pk=unit).first()
        qs = qs.filter(unit_id__in=unit_obj.descendant_ids() if unit_obj else [])
    partner = _int(get("partner"))
    if partner:
        qs = qs.filter(
            pk__in=Project.organisations.through.objects.filter(organisation_id=partner).values(
                "project_id"
            )
        )
    year = _int(get("year"))
    if year and 1990 <= year <= 2100:
        qs = qs.filter(active_in_year_q(year))
    memo = _int(get("memorandum"))
    if memo:
        qs = qs.filter(memorandum_id=memo)
    goal = _int(get("sdg"))
    if goal and 1 <= goal <= 17:
        from jalinan.sdgs.selectors import filter_by_goal

        qs = filter_by_goal(qs, goal)
    if str(get("mine") or "") in ("1", "true", "True", "on"):
        qs = qs.filter(mine_q(user))
    return qs.order_by(*SORTS.get(get("sort") or "", SORTS["newest"]))


def mine_q(user) -> Q:
    return Q(lead_id=user.pk) | Q(
        pk__in=ProjectMember.objects.filter(user_id=user.pk).values("project_id")
    )


def _sum(model, field: str, **filters):
    total = (
        model.objects.filter(project=OuterRef("pk"), **filters)
        .values("project")
        .annotate(t=Sum(field))
        .values("t")
    )
    return Coalesce(
        Subquery(total, output_field=DecimalField(max_digits=16, decimal_places=2)),
        Value(ZERO),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def list_rows(qs: QuerySet[Project], *, user=None) -> QuerySet[Project]:
    """The list's rows with their funding totals (and the income the user may see)."""
    income_filter = {}
    if user is not None and not is_staff_member(user):
        income_filter = {"payer_id": getattr(user, "organisation_id", None)}
    return (
        qs.select_related("lead", "unit", "memorandum")
        .prefetch_related("organisations")
        .annotate(
            cash_total=_sum(Funding, "cash"),
            in_kind_total=_sum(Funding, "in_kind"),
            income_total=_sum(IncomeRecord, "amount", **income_filter),
        )
    )


def project_totals(project: Project, *, user=None) -> dict:
    """Funding (cash, in kind, together) and income received; ``by_year`` gives one row per
    year. With ``user``, income counts only what that user may see."""
    rows = {}
    for f in project.funding.all():
        row = rows.setdefault(f.year, {"year": f.year, "cash": ZERO, "in_kind": ZERO})
        row["cash"] += f.cash
        row["in_kind"] += f.in_kind
    income = project.income.all()
    if user is not None and not is_staff_member(user):
        income = income.filter(payer_id=getattr(user, "organisation_id", None) or -1)
    income_total = income.aggregate(t=Sum("amount"))["t"] or ZERO
    by_year = []
    for year in sorted(rows):
        row = rows[year]
        row["total"] = row["cash"] + row["in_kind"]
        by_year.append(row)
    cash = sum((r["cash"] for r in by_year), ZERO)
    in_kind = sum((r["in_kind"] for r in by_year), ZERO)
    return {
        "cash": cash,
        "in_kind": in_kind,
        "total": cash + in_kind,
        "income": income_total,
        "by_year": by_year,
    }


def projects_of_organisation(user, organisation_id: int) -> QuerySet[Project]:
    return (
        projects_for(user)
        .filter(
            pk__in=Project.organisations.through.objects.filter(
                organisation_id=organisation_id
            ).values("project_id")
        )
        .order_by("-start_date", "-pk")
    )


def my_projects(user) -> QuerySet[Project]:
    """Projects I lead or am on the team of, still open."""
    return (
        projects_for(user)
        .filter(mine_q(user), status__in=OPEN_STATUSES)
        .select_related("unit")
        .order_by("end_date", "pk")
    )


def late_milestones(user, *, today: datetime.date | None = None) -> QuerySet[Milestone]:
    """Pending milestones past due, of the open projects I lead or am on the team of."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.filter(
            project__in=my_projects(user),
            status=MilestoneStatus.PENDING,
            due_date__lt=today,
        )
        .select_related("project")
        .order_by("due_date", "pk")
    )


def milestones_to_remind(*, today: datetime.date, days: int = 14) -> QuerySet[Milestone]:
    """Pending milestones of running projects due within ``days`` days or already late."""
    return (
        Milestone.objects.filter(
            status=MilestoneStatus.PENDING,
            due_date__lte=today + datetime.timedelta(days=days),
            project__status__in=(ProjectStatus.PLANNED, ProjectStatus.ACTIVE),
        )
        .select_related("project", "project__lead")
        .order_by("due_date", "pk")
    )


def outputs_of(project: Project) -> QuerySet[Output]:
    return project.outputs.all()


def team_of(user, project: Project) -> list[ProjectMember]:
    """The team as ``user`` may see it: partner users see students only as a count."""
    members = list(project.members.select_related("user", "organisation"))
    if is_staff_member(user) or has_role(user, Role.STUDENT):
        return members
    return [m for m in members if not m.is_student]
