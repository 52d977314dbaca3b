"""Every write to projects: validated, atomic, audited on the project's own history, and told
to whom it concerns. Changes to a project's parts (team, funding, milestones, outputs,
income) are recorded on the project's history too."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jalinan.accounts.roles import Role, has_role
from jalinan.core.audit import audit_log, diff, snapshot
from jalinan.core.notifications import notify
from jalinan.sdgs.services import sdg_request_classification

from .choices import TRANSITIONS, MemberRole, MilestoneStatus, ProjectStatus
from .models import Funding, IncomeRecord, Milestone, Output, Project, ProjectMember

NOTIFY_KIND = "projects.project"
REMINDER_KIND = "projects.milestone"

FIELDS = {
    "title",
    "kind",
    "status",
    "summary",
    "internal_notes",
    "lead",
    "unit",
    "start_date",
    "end_date",
    "memorandum",
}
TEXT_FIELDS = {"title", "summary"}  # what the SDG classifier reads
MILESTONE_FIELDS = {"title", "description", "due_date", "is_deliverable", "status", "completed_on"}


def _by(by):
    return by if getattr(by, "pk", None) else None


def _money(value) -> Decimal:
    if value in (None, ""):
        return Decimal("0")
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("Give an amount in RM, such as 12500.00.")) from exc


def _apply(project: Project, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("summary", "internal_notes"):
            value = value.strip()
        setattr(project, key, value)


def _orgs_snapshot(project: Project) -> list[str]:
    return sorted(str(o) for o in project.organisations.all())


def _check_organisations(organisations) -> list:
    organisations = list(organisations or [])
    if not organisations:
        raise ValidationError({"organisations": _("Choose at least one partner organisation.")})
    return organisations


def _reference(project: Project) -> str:
    return f"PRJ-{timezone.localdate(project.created_at).year}-{project.pk:04d}"


def _member_label(member: ProjectMember) -> str:
    return f"{member.display_name} ({member.get_role_display()})"


@transaction.atomic
def project_create(
    *,
    by,
    title: str,
    kind: str,
    lead,
    unit,
    organisations,
    summary: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    status: str = ProjectStatus.PLANNED,
    memorandum=None,
    team=(),
    funding=(),
    milestones=(),
    internal_notes: str = "",
    reference: str | None = None,
    quiet: bool = False,
    at: datetime.datetime | None = None,
) -> Project:
    """Open a project with its partners and, optionally, its team (dicts ``{"user", "name",
    "role"}``), funding (``{"year", "organisation", "cash", "in_kind"}``) and milestones
    (``{"title", "due_date"}``). The leader joins the team as its leader. Unless ``quiet``,
    the leader is told when someone else opened it."""
    organisations = _check_organisations(organisations)
    project = Project(created_by=_by(by))
    project.created_at = at or timezone.now()
    project.reference = reference or f"NEW-{uuid.uuid4().hex[:16]}"
    _apply(
        project,
        {
            "title": title,
            "kind": kind,
            "status": status,
            "summary": summary,
            "internal_notes": internal_notes,
            "lead": lead,
            "unit": unit,
            "start_date": start_date,
            "end_date": end_date,
            "memorandum": memorandum,
        },
    )
    project.full_clean()
    project.save()
    if not reference:
        project.reference = _reference(project)
        Project.objects.filter(pk=project.pk).update(reference=project.reference)
    project.organisations.set(organisations)
    members = [_new_member(project, user=lead, role=MemberRole.LEAD)]
    for row in team:
        row = dict(row)
        if row.get("user") is not None and row["user"].pk == lead.pk:
            continue
        members.append(_new_member(project, **row))
    funds = [_new_funding(project, **dict(row)) for row in funding]
    steps = [_new_milestone(project, **dict(row)) for row in milestones]
    audit_log(
        actor=by,
        action="create",
        obj=project,
        changes={
            **diff({}, snapshot(project)),
            "organisations": [None, _orgs_snapshot(project)],
            **({"team": [None, [_member_label(m) for m in members]]} if members else {}),
            **({"funding": [None, [_funding_label(f) for f in funds]]} if funds else {}),
            **({"milestones": [None, [m.title for m in steps]]} if steps else {}),
        },
    )
    sdg_request_classification(obj=project)
    if not quiet:
        if lead.pk != getattr(by, "pk", None):
            notify(
                recipient=lead,
                kind=NOTIFY_KIND,
                title=_("You lead the project %(p)s") % {"p": str(project)},
                url=project.get_absolute_url(),
            )
        for m in members[1:]:
            _tell_member(m, by)
    return project


@transaction.atomic
def project_update(*, project: Project, by, organisations=None, **fields) -> Project:
    """Save changes to a project's fields (and, if given, its partners). A new ``status``
    goes through :func:`project_set_status` and its table of moves."""
    status = fields.pop("status", None)
    current = Project.objects.select_for_update().get(pk=project.pk)
    before = {**snapshot(current), "organisations": _orgs_snapshot(current)}
    _apply(current, fields)
    current.full_clean()
    current.save()
    if organisations is not None:
        current.organisations.set(_check_organisations(organisations))
    changes = diff(before, {**snapshot(current), "organisations": _orgs_snapshot(current)})
    if changes:
        audit_log(actor=by, action="update", obj=current, changes=changes)
        if TEXT_FIELDS & set(changes):
            sdg_request_classification(obj=current)
        if "lead" in changes:
            if not current.members.filter(user=current.lead).exists():
                _new_member(current, user=current.lead, role=MemberRole.LEAD)
            if current.lead_id != getattr(by, "pk", None):
                notify(
                    recipient=current.lead,
                    kind=NOTIFY_KIND,
                    title=_("You lead the project %(p)s") % {"p": str(current)},
                    url=current.get_absolute_url(),
                )
    if status and status != current.status:
        current = project_set_status(project=current, by=by, status=status)
    if project is not current:
        project.refresh_from_db()
    return current


def can_move(project: Project, status: str) -> bool:
    return status in TRANSITIONS.get(project.status, ())


@transaction.atomic
def project_set_status(
    *, project: Project, by, status: str, at: datetime.date | None = None
) -> Project:
    """Move a project to ``status`` (see :data:`choices.TRANSITIONS`). Starting a project with
    no start date starts it on ``at`` (today); completing or terminating one with no end
    date ends it then. The leader is told when someone else made the move."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not can_move(current, status):
        raise ValidationError(
            {
                "status": _("A project cannot go from “%(a)s” to “%(b)s”.")
                % {"a": current.get_status_display(), "b": ProjectStatus(status).label}
            }
        )
    day = at or timezone.localdate()
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    before = snapshot(current)
    current.status = status
    if status == ProjectStatus.ACTIVE and current.start_date is None:
        current.start_date = day
    if status in (ProjectStatus.COMPLETED, ProjectStatus.TERMINATED) and current.end_date is None:
        current.end_date = max(day, current.start_date or day)
    current.full_clean()
    current.save()
    audit_log(actor=by, action="update", obj=current, changes=diff(before, snapshot(current)))
    if current.lead_id != getattr(by, "pk", None):
        notify(
            recipient=current.lead,
            kind=NOTIFY_KIND,
            title=_("%(p)s is now %(s)s") % {"p": str(current), "s": current.get_status_display()},
            url=current.get_absolute_url(),
        )
    if project is not current:
        project.refresh_from_db()
    return current


# -- the team ----------------------------------------------------------------------------------


def _new_member(
    project: Project, *, user=None, name: str = "", role: str, organisation=None, is_student=None
) -> ProjectMember:
    if user is not None and project.members.filter(user=user).exists():
        raise ValidationError({"user": _("%(n)s is already on the team.") % {"n": user}})
    if is_student is None:
        is_student = role == MemberRole.STUDENT or (
            user is not None and has_role(user, Role.STUDENT)
        )
    member = ProjectMember(
        project=project,
        user=user,
        name=(name or (user.display_name if user is not None else "")).strip()[:200],
        role=role,
        organisation=organisation,
        is_student=bool(is_student),
    )
    member.full_clean()
    member.save()
    return member


def _tell_member(member: ProjectMember, by) -> None:
    if member.user_id and member.user_id != getattr(by, "pk", None):
        notify(
            recipient=member.user,
            kind=NOTIFY_KIND,
            title=_("You were added to the team of %(p)s") % {"p": str(member.project)},
            url=member.project.get_absolute_url(),
        )


@transaction.atomic
def member_add(
    *,
    project: Project,
    by,
    role: str,
    user=None,
    name: str = "",
    organisation=None,
    is_student: bool | None = None,
    quiet: bool = False,
) -> ProjectMember:
    """Put a person on the team: a user, or a named person without an account."""
    member = _new_member(
        project, user=user, name=name, role=role, organisation=organisation, is_student=is_student
    )
    audit_log(
        actor=by, action="update", obj=project, changes={"team": [None, _member_label(member)]}
    )
    if not quiet:
        _tell_member(member, by)
    return member


@transaction.atomic
def member_remove(*, member: ProjectMember, by) -> None:
    project = member.project
    if member.user_id and member.user_id == project.lead_id:
        raise ValidationError(
            _("The project leader stays on the team; choose another leader first.")
        )
    audit_log(
        actor=by, action="update", obj=project, changes={"team": [_member_label(member), None]}
    )
    member.delete()


# -- funding -----------------------------------------------------------------------------------


def _funding_label(f: Funding) -> str:
    source = str(f.organisation) if f.organisation_id else _("University")
    return f"{f.year} {source}: RM {f.cash} + {f.in_kind}"


def _new_funding(
    project: Project, *, year, organisation=None, cash=0, in_kind=0, note: str = ""
) -> Funding:
    funding = Funding(
        project=project,
        year=year,
        organisation=organisation,
        cash=_money(cash),
        in_kind=_money(in_kind),
        note=(note or "").strip(),
    )
    funding.full_clean()
    funding.save()
    return funding


@transaction.atomic
def funding_add(
    *, project: Project, by, year: int, organisation=None, cash=0, in_kind=0, note: str = ""
) -> Funding:
    """Record a year's funding from one source (no organisation: the university's own)."""
    funding = _new_funding(
        project, year=year, organisation=organisation, cash=cash, in_kind=in_kind, note=note
    )
    audit_log(
        actor=by, action="update", obj=project, changes={"funding": [None, _funding_label(funding)]}
    )
    return funding


@transaction.atomic
def funding_remove(*, funding: Funding, by) -> None:
    audit_log(
        actor=by,
        action="update",
        obj=funding.project,
        changes={"funding": [_funding_label(funding), None]},
    )
    funding.delete()


# -- milestones --------------------------------------------------------------------------------


def _new_milestone(
    project: Project,
    *,
    title: str,
    due_date: datetime.date,
    is_deliverable: bool = False,
    description: str = "",
    status: str = MilestoneStatus.PENDING,
    completed_on: datetime.date | None = None,
) -> Milestone:
    milestone = Milestone(
        project=project,
        title=(title or "").strip(),
        due_date=due_date,
        is_deliverable=is_deliverable,
        description=description or "",
        status=status,
        completed_on=completed_on,
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_create(
    *,
    project: Project,
    by,
    title: str,
    due_date: datetime.date,
    is_deliverable: bool = False,
    description: str = "",
) -> Milestone:
    """Add a milestone (or, with ``is_deliverable``, a deliverable to the partner)."""
    milestone = _new_milestone(
        project,
        title=title,
        due_date=due_date,
        is_deliverable=is_deliverable,
        description=description,
    )
    audit_log(
        actor=by,
        action="update",
        obj=project,
        changes={"milestone": [None, f"{milestone.title} ({milestone.due_date.isoformat()})"]},
    )
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by, **fields) -> Milestone:
    """Change a milestone: its title, due date, kind, or status (done sets ``completed_on``
    to today unless given)."""
    unknown = set(fields) - MILESTONE_FIELDS
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    current = Milestone.objects.select_for_update().get(pk=milestone.pk)
    before = snapshot(current, fields=sorted(MILESTONE_FIELDS))
    for key, value in fields.items():
        if isinstance(value, str) and key == "title":
            value = value.strip()
        setattr(current, key, value)
    if fields.get("status") == MilestoneStatus.DONE and "completed_on" not in fields:
        current.completed_on = current.completed_on or timezone.localdate()
    current.full_clean()
    current.save()
    changes = diff(before, snapshot(current, fields=sorted(MILESTONE_FIELDS)))
    if changes:
        audit_log(
            actor=by,
            action="update",
            obj=current.project,
            changes={f"milestone “{current.title}”: {k}": v for k, v in changes.items()},
        )
    if milestone is not current:
        milestone.refresh_from_db()
    return current


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    audit_log(
        actor=by,
        action="update",
        obj=milestone.project,
        changes={"milestone": [milestone.title, None]},
    )
    milestone.delete()


# -- outputs and income ------------------------------------------------------------------------


@transaction.atomic
def output_add(
    *,
    project: Project,
    by,
    kind: str,
    title: str,
    year: int | None = None,
    url: str = "",
    note: str = "",
) -> Output:
    """Record something the project produced (a publication, IP, a prototype…)."""
    output = Output(
        project=project,
        kind=kind,
        title=(title or "").strip(),
        year=year,
        url=(url or "").strip(),
        note=note or "",
        created_by=_by(by),
    )
    output.full_clean()
    output.save()
    audit_log(
        actor=by,
        action="update",
        obj=project,
        changes={"output": [None, f"{output.get_kind_display()}: {output.title}"]},
    )
    return output


@transaction.atomic
def output_remove(*, output: Output, by) -> None:
    audit_log(
        actor=by,
        action="update",
        obj=output.project,
        changes={"output": [f"{output.get_kind_display()}: {output.title}", None]},
    )
    output.delete()


def _income_label(income: IncomeRecord) -> str:
    payer = f" {income.payer}" if income.payer_id else ""
    return f"RM {income.amount} {income.received_on.isoformat()}{payer}"


@transaction.atomic
def income_record(
    *,
    project: Project,
    by,
    received_on: datetime.date,
    amount,
    payer=None,
    reference: str = "",
    note: str = "",
) -> IncomeRecord:
    """Record money received for a project."""
    try:
        value = _money(amount)
    except ValidationError as exc:
        raise ValidationError({"amount": exc.messages}) from exc
    income = IncomeRecord(
        project=project,
        received_on=received_on,
        amount=value,
        payer=payer,
        reference=(reference or "").strip(),
        note=(note or "").strip(),
        created_by=_by(by),
    )
    income.full_clean()
    income.save()
    audit_log(
        actor=by, action="update", obj=project, changes={"income": [None, _income_label(income)]}
    )
    return income


@transaction.atomic
def income_remove(*, income: IncomeRecord, by) -> None:
    audit_log(
        actor=by,
        action="update",
        obj=income.project,
        changes={"income": [_income_label(income), None]},
    )
    income.delete()


# -- the daily reminders -----------------------------------------------------------------------


def milestones_remind(*, today: datetime.date | None = None, days: int = 14) -> int:
    """Tell each project leader of milestones due within ``days`` days and of late ones.
    Idempotent: one reminder per milestone and due date while due, one once late."""
    from .selectors import milestones_to_remind

    today = today or timezone.localdate()
    sent = 0
    for m in milestones_to_remind(today=today, days=days):
        project = m.project
        if m.due_date < today:
            key = f"milestone:{m.pk}:late:{m.due_date.isoformat()}"
            title = _("Late: “%(m)s” of %(p)s was due on %(d)s") % {
                "m": m.title,
                "p": project.reference,
                "d": m.due_date.isoformat(),
            }
        else:
            key = f"milestone:{m.pk}:due:{m.due_date.isoformat()}"
            title = _("Due on %(d)s: “%(m)s” of %(p)s") % {
                "m": m.title,
                "p": project.reference,
                "d": m.due_date.isoformat(),
            }
        if notify(
            recipient=project.lead,
            kind=REMINDER_KIND,
            title=title,
            url=project.get_absolute_url(),
            body=project.title,
            dedupe_key=key,
        ):
            sent += 1
    return sent
