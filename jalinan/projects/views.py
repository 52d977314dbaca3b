from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.agreements.selectors import memoranda_for
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners.selectors import organisations_for
from jalinan.sdgs.goals import GOAL_CHOICES

from . import selectors, services
from .choices import TRANSITIONS, ProjectKind, ProjectStatus
from .forms import (
    FundingForm,
    IncomeForm,
    MemberForm,
    MilestoneEditForm,
    MilestoneForm,
    OutputForm,
    ProjectForm,
    StatusForm,
)
from .models import Funding, IncomeRecord, Milestone, Output, ProjectMember
from .permissions import (
    can_change_project,
    can_create_project,
    can_see_history,
    can_see_internal,
    can_see_projects,
    get_project_for_user,
)

CENTS = Decimal("0.01")


def _need_access(user):
    if not can_see_projects(user):
        raise Http404


def _years():
    this = timezone.localdate().year
    return list(range(this + 2, this - 10, -1))


def _filter_context(request):
    user = request.user
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "kinds": ProjectKind.choices,
        "statuses": ProjectStatus.choices,
        "partners": organisations_for(user)
        .select_related(None)
        .only("pk", "legal_name")
        .order_by("legal_name"),
        "units": Unit.objects.filter(is_active=True),
        "years": _years(),
        "goals": GOAL_CHOICES,
        "can_create": can_create_project(user),
    }


@login_required
def project_list(request):
    user = request.user
    _need_access(user)
    qs = selectors.filter_projects(selectors.projects_for(user), request.GET, user=user)
    rows = selectors.list_rows(qs, user=user)
    fmt = request.GET.get("export")
    if fmt:
        return _export(request, rows, fmt)
    page = paginate(request, rows)
    ctx = {**_filter_context(request), "page": page, "today": timezone.localdate()}
    return render_page_or_partial(request, "projects/list.html", "projects/_rows.html", ctx)


def _money(value, fmt):
    value = Decimal(value or 0).quantize(CENTS)
    return float(value) if fmt == "xlsx" else str(value)


def _export(request, qs, fmt):
    rows = list(qs[:50000])
    data = [
        [
            p.reference,
            p.title,
            p.get_kind_display(),
            p.get_status_display(),
            p.lead.display_name,
            p.unit.name if p.unit else "",
            [o.legal_name for o in p.organisations.all()],
            p.start_date,
            p.end_date,
            _money(p.cash_total, fmt),
            _money(p.in_kind_total, fmt),
            _money(p.income_total, fmt),
        ]
        for p in rows
    ]
    return export_response(
        headers=[
            _("Reference"),
            _("Title"),
            _("Kind"),
            _("Status"),
            _("Project leader"),
            _("KCDIO"),
            _("Partners"),
            _("Start date"),
            _("End date"),
            _("Funding in cash (RM)"),
            _("Funding in kind (RM)"),
            _("Income received (RM)"),
        ],
        rows=data,
        filename="projects",
        fmt=fmt,
    )


STATUS_ACTIONS = {
    ProjectStatus.ACTIVE: gettext_lazy("Start"),
    ProjectStatus.SUSPENDED: gettext_lazy("Suspend"),
    ProjectStatus.COMPLETED: gettext_lazy("Mark completed"),
    ProjectStatus.TERMINATED: gettext_lazy("Terminate"),
}


def _detail_context(request, project, **forms):
    user = request.user
    can_change = can_change_project(user, project)
    internal = can_see_internal(user, project)
    team = selectors.team_of(user, project)
    income = project.income.select_related("payer")
    if not internal:
        income = income.filter(payer_id=getattr(user, "organisation_id", None) or -1)
    memo = None
    if project.memorandum_id:
        memo = memoranda_for(user).filter(pk=project.memorandum_id).first()
    today = timezone.localdate()
    milestones = list(project.milestones.all())
    for m in milestones:
        m.late = m.is_late_on(today)
    actions = []
    if can_change:
        actions = [
            (s, STATUS_ACTIONS.get(s, ProjectStatus(s).label)) for s in TRANSITIONS[project.status]
        ]
        if project.status == ProjectStatus.COMPLETED:
            actions = [(ProjectStatus.ACTIVE, _("Reopen"))]
    return {
        "project": project,
        "organisations": project.organisations.all(),
        "team": team,
        "hidden_students": sum(1 for m in project.members.all() if m.is_student)
        - sum(1 for m in team if m.is_student),
        "funding": project.funding.select_related("organisation"),
        "totals": selectors.project_totals(project, user=user),
        "milestones": milestones,
        "late_count": sum(1 for m in milestones if m.late),
        "outputs": project.outputs.all(),
        "income": income,
        "memo": memo,
        "can_change": can_change,
        "internal": internal,
        "status_actions": actions,
        "history": history_for(project)[:40] if can_see_history(user, project) else None,
        "member_form": forms.get("member_form") or MemberForm(project=project, prefix="m"),
        "funding_form": forms.get("funding_form")
        or FundingForm(project=project, prefix="f", initial={"year": today.year}),
        "milestone_form": forms.get("milestone_form") or MilestoneForm(prefix="ms"),
        "output_form": forms.get("output_form")
        or OutputForm(prefix="o", initial={"year": today.year}),
        "income_form": forms.get("income_form")
        or IncomeForm(project=project, prefix="i", initial={"received_on": today}),
        "today": today,
    }


@login_required
def project_detail(request, pk):
    project = get_project_for_user(request.user, pk)
    return render(request, "projects/detail.html", _detail_context(request, project))


@login_required
def project_create(request):
    user = request.user
    if not can_create_project(user):
        _need_access(user)
        raise PermissionDenied
    initial = {"lead": user.pk, "unit": user.unit_id, "status": ProjectStatus.PLANNED}
    memo_id = request.GET.get("memorandum", "")
    if memo_id.isdigit():
        memo = memoranda_for(user).filter(pk=int(memo_id)).first()
        if memo is not None:
            initial["memorandum"] = memo.pk
            initial["title"] = memo.title
            initial["organisations"] = list(memo.parties.values_list("organisation_id", flat=True))
            initial["start_date"] = memo.start_date
            initial["end_date"] = memo.end_date
    org_id = request.GET.get("organisation", "")
    if org_id.isdigit():
        initial["organisations"] = [int(org_id)]
    form = ProjectForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(by=user, **form.service_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The project was opened."))
            return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": None})


@login_required
def project_update(request, pk):
    project = get_project_for_user(request.user, pk, write=True)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.project_update(
                project=project, by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        project.refresh_from_db()
    return render(request, "projects/form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_status(request, pk):
    project = get_project_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
        return redirect(project)
    try:
        services.project_set_status(
            project=project, by=request.user, status=form.cleaned_data["status"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The project's status was changed."))
    return redirect(project)


# -- the project's parts: each added from a form on the detail page ----------------------------

PARTS = {
    "member": (
        MemberForm,
        "m",
        services.member_add,
        gettext_lazy("The person was added to the team."),
    ),
    "funding": (FundingForm, "f", services.funding_add, gettext_lazy("The funding was recorded.")),
    "milestone": (
        MilestoneForm,
        "ms",
        services.milestone_create,
        gettext_lazy("The milestone was added."),
    ),
    "output": (OutputForm, "o", services.output_add, gettext_lazy("The output was recorded.")),
    "income": (IncomeForm, "i", services.income_record, gettext_lazy("The income was recorded.")),
}
FORM_KWARGS = {"member": ("project",), "funding": ("project",), "income": ("project",)}


def _part_add(request, pk, part):
    project = get_project_for_user(request.user, pk, write=True)
    form_class, prefix, service, done = PARTS[part]
    kwargs = {"project": project} if part in FORM_KWARGS else {}
    if request.method != "POST":
        return redirect(project)
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if form.is_valid():
        try:
            service(project=project, by=request.user, **form.service_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, str(done))
            return redirect(f"{project.get_absolute_url()}#{part}s")
    messages.error(request, _("Please correct the errors marked below."))
    ctx = _detail_context(request, project, **{f"{part}_form": form})
    ctx["open_form"] = part
    return render(request, "projects/detail.html", ctx, status=400)


@login_required
def member_add(request, pk):
    return _part_add(request, pk, "member")


@login_required
def funding_add(request, pk):
    return _part_add(request, pk, "funding")


@login_required
def milestone_add(request, pk):
    return _part_add(request, pk, "milestone")


@login_required
def output_add(request, pk):
    return _part_add(request, pk, "output")


@login_required
def income_add(request, pk):
    return _part_add(request, pk, "income")


REMOVABLE = {
    "member": (ProjectMember, services.member_remove, "member"),
    "funding": (Funding, services.funding_remove, "funding"),
    "milestone": (Milestone, services.milestone_delete, "milestone"),
    "output": (Output, services.output_remove, "output"),
    "income": (IncomeRecord, services.income_remove, "income"),
}


def _part_remove(request, pk, part, item_pk):
    project = get_project_for_user(request.user, pk, write=True)
    model, service, kwarg = REMOVABLE[part]
    item = get_object_or_404(model, pk=item_pk, project=project)
    try:
        service(**{kwarg: item}, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Removed."))
    return redirect(f"{project.get_absolute_url()}#{part}s")


@login_required
@require_POST
def member_remove(request, pk, item_pk):
    return _part_remove(request, pk, "member", item_pk)


@login_required
@require_POST
def funding_remove(request, pk, item_pk):
    return _part_remove(request, pk, "funding", item_pk)


@login_required
@require_POST
def milestone_delete(request, pk, item_pk):
    return _part_remove(request, pk, "milestone", item_pk)


@login_required
@require_POST
def output_remove(request, pk, item_pk):
    return _part_remove(request, pk, "output", item_pk)


@login_required
@require_POST
def income_remove(request, pk, item_pk):
    return _part_remove(request, pk, "income", item_pk)


@login_required
def milestone_update(request, pk, item_pk):
    project = get_project_for_user(request.user, pk, write=True)
    milestone = get_object_or_404(Milestone, pk=item_pk, project=project)
    form = MilestoneEditForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, by=request.user, **form.service_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The milestone was saved."))
            return redirect(f"{project.get_absolute_url()}#milestones")
    return render(
        request,
        "projects/milestone_form.html",
        {"form": form, "project": project, "milestone": milestone},
    )


@login_required
@require_POST
def milestone_done(request, pk, item_pk):
    project = get_project_for_user(request.user, pk, write=True)
    milestone = get_object_or_404(Milestone, pk=item_pk, project=project)
    services.milestone_update(milestone=milestone, by=request.user, status="done")
    messages.success(request, _("The milestone was marked done."))
    return redirect(f"{project.get_absolute_url()}#milestones")
