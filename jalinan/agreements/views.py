import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import unit_ids
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.files import file_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.core.pdf import PdfUnavailable, pdf_response
from jalinan.partners import msic
from jalinan.partners.selectors import organisations_for
from jalinan.sdgs.goals import GOAL_CHOICES
from jalinan.sdgs.selectors import accepted_goals_for

from . import selectors, services
from .choices import IN_FORCE, Health, Status
from .forms import (
    DeliverableForm,
    DocumentForm,
    MemorandumForm,
    MemorandumTypeForm,
    NudgeForm,
    SignatoryForm,
    TransitionForm,
)
from .models import MemorandumType, Signatory
from .permissions import (
    can_add_document,
    can_change_memorandum,
    can_create_memorandum,
    can_manage_deliverables,
    can_manage_signatories,
    can_manage_types,
    can_nudge,
    can_see_health,
    can_see_internal_comments,
    can_see_mcom_agenda,
    can_see_memoranda,
    can_update_deliverable,
    can_view_confidential,
    get_deliverable_for_user,
    get_document_for_user,
    get_memorandum_for_user,
    get_type_for_admin,
    reads_everything,
)
from .workflow import TransitionError, TransitionNotPermitted, check_transition, transitions_for


def _need_list_access(user):
    if not can_see_memoranda(user):
        raise Http404


# -- list ----------------------------------------------------------------------------------


def _countries(user):
    return (
        organisations_for(user)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


@login_required
def memorandum_list(request):
    user = request.user
    _need_list_access(user)
    qs = selectors.filter_memoranda(selectors.memoranda_for(user), request.GET, user=user)
    fmt = request.GET.get("export")
    if fmt:
        return _export(selectors.list_rows(qs), fmt)
    page = paginate(request, selectors.list_rows(qs))
    goals = accepted_goals_for(page.object_list)
    for memo in page.object_list:
        memo.sdg_goals = goals.get(memo.pk, [])
    ctx = {
        "page": page,
        "q": request.GET.get("q", "").strip(),
        "f": request.GET,
        "statuses": Status.choices,
        "types": MemorandumType.objects.all(),
        "units": Unit.objects.filter(is_active=True),
        "sections": msic.SECTION_CHOICES,
        "countries": _countries(user),
        "partners": organisations_for(user)
        .select_related(None)
        .only("pk", "legal_name")
        .order_by("legal_name"),
        "healths": Health.choices,
        "goals": GOAL_CHOICES,
        "can_create": can_create_memorandum(user),
        "can_manage_types": can_manage_types(user),
        "can_see_health": can_see_health(user),
        "can_see_mcom": can_see_mcom_agenda(user),
    }
    return render_page_or_partial(request, "agreements/list.html", "agreements/_rows.html", ctx)


def _export(qs, fmt):
    headers = [
        _("Reference"),
        _("Title"),
        _("Type"),
        _("Status"),
        _("Health"),
        _("Parties"),
        _("Initiating KCDIO"),
        _("Person in charge"),
        _("Start date"),
        _("End date"),
        _("Value in cash (RM)"),
        _("Value in kind (RM)"),
        _("Confidentiality"),
        _("Latest activity"),
        _("SDGs"),
    ]
    rows = list(qs[:50000])
    goals = accepted_goals_for(rows)
    data = [
        [
            m.reference,
            m.title,
            m.memo_type.name,
            m.get_status_display(),
            Health(m.health).label if m.health else "",
            [str(p.organisation) for p in m.parties.all()],
            m.initiating_unit.name,
            m.person_in_charge.display_name,
            m.start_date,
            m.end_date,
            float(m.value_cash),
            float(m.value_in_kind),
            m.get_confidentiality_display(),
            m.last_activity_on,
            [f"SDG {g}" for g in goals.get(m.pk, [])],
        ]
        for m in rows
    ]
    return export_response(headers=headers, rows=data, filename="memoranda", fmt=fmt)


# -- one memorandum ------------------------------------------------------------------------


@login_required
def memorandum_detail(request, pk):
    user = request.user
    memo = get_memorandum_for_user(user, pk)
    from jalinan.engagements.selectors import activities_for_memorandum, activity_counts

    internal = can_see_internal_comments(user, memo)
    parties = list(memo.parties.select_related("organisation").prefetch_related("signatories"))
    deliverables = list(memo.deliverables.select_related("owner"))
    counts = activity_counts(user, [d.pk for d in deliverables])
    for d in deliverables:
        d.activity_count = counts.get(d.pk, 0)
        d.can_update = can_update_deliverable(user, d)
    can_change = can_change_memorandum(user, memo)
    ctx = {
        "memo": memo,
        "health": selectors.health_of(memo),
        "parties": parties,
        "university_signatories": memo.signatories.filter(party__isnull=True),
        "documents": selectors.documents_for(user, memo),
        "hidden_documents": not can_view_confidential(user, memo)
        and memo.documents.filter(is_confidential=True).exists(),
        "deliverables": deliverables,
        "activities": activities_for_memorandum(user, memo)[:20],
        "changes": selectors.status_changes_for(memo),
        "show_comments": internal,
        "transitions": transitions_for(user, memo),
        "renewals": selectors.memoranda_for(user).filter(renews=memo),
        "renews_visible": memo.renews_id
        and selectors.memoranda_for(user).filter(pk=memo.renews_id).exists(),
        "can_change": can_change,
        "can_add_document": can_add_document(user, memo),
        "can_manage_signatories": can_manage_signatories(user, memo),
        "can_manage_deliverables": can_manage_deliverables(user, memo),
        "can_nudge": can_nudge(user, memo),
        "history": history_for(memo)[:50]
        if internal and (can_change or reads_everything(user))
        else None,
    }
    return render(request, "agreements/detail.html", ctx)


@login_required
def memorandum_create(request):
    user = request.user
    if not can_create_memorandum(user):
        _need_list_access(user)
        raise PermissionDenied
    initial = {}
    if user.unit_id:
        initial["initiating_unit"] = user.unit_id
    initial["person_in_charge"] = user.pk
    renews = request.GET.get("renews")
    form = MemorandumForm(request.POST or None, initial=initial, user=user)
    if renews and renews.isdigit() and not request.POST:
        form.initial["renews"] = int(renews)
    if request.method == "POST" and form.is_valid():
        try:
            memo = services.memorandum_create(
                by=user, parties=form.cleaned_data["parties"], **form.service_fields()
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The draft %(ref)s was created.") % {"ref": memo.reference})
            return redirect(memo)
    return render(request, "agreements/form.html", {"form": form, "memo": None})


@login_required
def memorandum_update(request, pk):
    user = request.user
    memo = get_memorandum_for_user(user, pk, write=True)
    form = MemorandumForm(request.POST or None, instance=memo, user=user)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.memorandum_update(
                memorandum=memo,
                by=user,
                version=form.cleaned_data.get("version") or 0,
                parties=form.cleaned_data["parties"],
                **form.service_fields(),
            )
        except services.StaleEdit as exc:
            conflict = exc.changes
            # Keep what this person typed; the next save, made knowingly, may go through.
            form.data = form.data.copy()
            form.data["version"] = str(exc.memorandum.version)
            form.add_error(
                None,
                _(
                    "Someone else saved this memorandum while you were editing it. Your changes "
                    "were not saved: check theirs below, then save again to keep yours."
                ),
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        memo.refresh_from_db()
    return render(
        request, "agreements/form.html", {"form": form, "memo": memo, "conflict": conflict}
    )


@login_required
def memorandum_transition(request, pk, action):
    user = request.user
    memo = get_memorandum_for_user(user, pk)
    try:
        t = check_transition(user, memo, action)
    except (TransitionError, TransitionNotPermitted) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        return redirect(memo)
    posted = request.method == "POST"
    form = TransitionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        transition=t,
        memorandum=memo,
    )
    if request.method == "POST" and form.is_valid():
        try:
            applied = services.memorandum_transition(
                memorandum=memo, action=action, by=user, **form.service_fields()
            )
        except TransitionError as exc:
            errors_to_form(form, exc)
        except TransitionNotPermitted as exc:
            messages.error(request, str(exc))
            return redirect(memo)
        else:
            messages.success(
                request,
                _("Done: %(step)s. The memorandum is now %(status)s.")
                % {"step": t.label, "status": Status(applied.memorandum.status).label},
            )
            if applied.successor is not None:
                messages.info(
                    request,
                    _("The renewal draft %(ref)s was opened.")
                    % {"ref": applied.successor.reference},
                )
                return redirect(applied.successor)
            return redirect(memo)
    return render(
        request,
        "agreements/transition.html",
        {
            "memo": memo,
            "form": form,
            "transition": t,
            "problem": t.guard(memo) if t.guard else None,
        },
    )


@login_required
@require_POST
def memorandum_nudge(request, pk):
    memo = get_memorandum_for_user(request.user, pk)
    if not can_nudge(request.user, memo):
        raise PermissionDenied
    form = NudgeForm(request.POST)
    form.is_valid()
    sent = services.memorandum_nudge(
        memorandum=memo, by=request.user, message=form.cleaned_data.get("message", "")
    )
    if sent:
        messages.success(request, _("%(person)s was reminded.") % {"person": memo.person_in_charge})
    else:
        messages.info(
            request, _("%(person)s was already reminded today.") % {"person": memo.person_in_charge}
        )
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = memo.get_absolute_url()
    return redirect(target)


# -- documents, signatories, deliverables --------------------------------------------------


@login_required
def document_add(request, pk):
    memo = get_memorandum_for_user(request.user, pk)
    if not can_add_document(request.user, memo):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.document_add(
                memorandum=memo,
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["upload"],
                is_confidential=form.cleaned_data["is_confidential"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("%(doc)s was uploaded.") % {"doc": doc.get_kind_display()})
            return redirect(memo)
    return render(request, "agreements/document_form.html", {"form": form, "memo": memo})


@login_required
def document_download(request, pk):
    doc = get_document_for_user(request.user, pk)
    return file_response(doc.file, filename=doc.original_name)


@login_required
def signatory_add(request, pk):
    memo = get_memorandum_for_user(request.user, pk)
    if not can_manage_signatories(request.user, memo):
        raise PermissionDenied
    form = SignatoryForm(request.POST or None, memorandum=memo, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.signatory_add(memorandum=memo, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The signatory was added."))
            return redirect(memo)
    return render(request, "agreements/signatory_form.html", {"form": form, "memo": memo})


@login_required
@require_POST
def signatory_remove(request, pk):
    signatory = Signatory.objects.select_related("memorandum").filter(pk=pk).first()
    if signatory is None:
        raise Http404
    memo = get_memorandum_for_user(request.user, signatory.memorandum_id)
    if not can_manage_signatories(request.user, memo):
        raise PermissionDenied
    services.signatory_remove(signatory=signatory, by=request.user)
    messages.success(request, _("The signatory was removed."))
    return redirect(memo)


@login_required
def deliverable_create(request, pk):
    memo = get_memorandum_for_user(request.user, pk)
    if not can_manage_deliverables(request.user, memo):
        raise PermissionDenied
    form = DeliverableForm(request.POST or None, initial={"owner": memo.person_in_charge_id})
    if request.method == "POST" and form.is_valid():
        services.deliverable_create(memorandum=memo, by=request.user, **form.cleaned_data)
        messages.success(request, _("The deliverable was added."))
        return redirect(memo)
    return render(
        request, "agreements/deliverable_form.html", {"form": form, "memo": memo, "obj": None}
    )


@login_required
def deliverable_update(request, pk):
    deliverable = get_deliverable_for_user(request.user, pk, write=True)
    memo = deliverable.memorandum
    owner_only = not can_manage_deliverables(request.user, memo)
    form = DeliverableForm(request.POST or None, instance=deliverable, owner_only=owner_only)
    if request.method == "POST" and form.is_valid():
        fields = {"status": form.cleaned_data["status"]} if owner_only else dict(form.cleaned_data)
        services.deliverable_update(deliverable=deliverable, by=request.user, **fields)
        messages.success(request, _("The deliverable was saved."))
        return redirect(memo)
    return render(
        request,
        "agreements/deliverable_form.html",
        {"form": form, "memo": memo, "obj": deliverable},
    )


# -- MCOM ----------------------------------------------------------------------------------


def _need_mcom(user):
    if not can_see_mcom_agenda(user):
        raise Http404


def _agenda_context(request):
    items = list(selectors.mcom_agenda(request.user))
    for memo in items:
        memo.visible_papers = [
            d
            for d in memo.papers
            if not d.is_confidential or can_view_confidential(request.user, memo)
        ]
    return items


def _meeting_date(request) -> datetime.date | None:
    raw = request.GET.get("date", "")
    try:
        return datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def mcom_agenda(request):
    _need_mcom(request.user)
    dates = selectors.mcom_meeting_dates(request.user)
    return render(
        request,
        "agreements/mcom_agenda.html",
        {"items": _agenda_context(request), "meeting_dates": dates, "today": timezone.localdate()},
    )


@login_required
def mcom_agenda_pdf(request):
    _need_mcom(request.user)
    meeting = _meeting_date(request) or timezone.localdate()
    try:
        return pdf_response(
            "agreements/pdf/agenda.html",
            {"items": _agenda_context(request), "meeting_date": meeting},
            request,
            filename="mcom-agenda",
        )
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("agreements:mcom_agenda")


@login_required
def mcom_minutes_pdf(request):
    _need_mcom(request.user)
    meeting = _meeting_date(request)
    if meeting is None:
        dates = selectors.mcom_meeting_dates(request.user, limit=1)
        meeting = dates[0] if dates else timezone.localdate()
    decisions = selectors.mcom_decisions(request.user, meeting_date=meeting)
    try:
        return pdf_response(
            "agreements/pdf/minutes.html",
            {"decisions": decisions, "meeting_date": meeting},
            request,
            filename=f"mcom-minutes-{meeting.isoformat()}",
        )
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("agreements:mcom_agenda")


# -- health --------------------------------------------------------------------------------


@login_required
def health_list(request):
    user = request.user
    if not can_see_health(user):
        _need_list_access(user)
        raise PermissionDenied
    unit = request.GET.get("unit", "")
    health = request.GET.get("health", "")
    qs = selectors.health_for(user, unit=int(unit) if unit.isdigit() else None, health=health)
    fmt = request.GET.get("export")
    if fmt:
        nudge = selectors.coordinators_by_unit(qs.values_list("initiating_unit_id", flat=True))
        rows = [
            [
                m.initiating_unit.name,
                m.reference,
                m.title,
                Health(m.health).label,
                m.engaged_since,
                m.end_date,
                m.person_in_charge.display_name,
                m.person_in_charge.email,
                [c.email for c in nudge.get(m.initiating_unit_id, [])],
            ]
            for m in qs[:50000]
        ]
        return export_response(
            headers=[
                _("KCDIO"),
                _("Reference"),
                _("Title"),
                _("Health"),
                _("Latest activity or start"),
                _("End date"),
                _("Person in charge"),
                _("E-mail"),
                _("Coordinators"),
            ],
            rows=rows,
            filename="memoranda-health",
            fmt=fmt,
        )
    page = paginate(request, qs, 50)
    nudge = selectors.coordinators_by_unit({m.initiating_unit_id for m in page.object_list})
    for memo in page.object_list:
        memo.coordinators = nudge.get(memo.initiating_unit_id, [])
        memo.may_nudge = can_nudge(user, memo)
    scope = selectors.memoranda_for(user)
    if not reads_everything(user):
        scope = scope.filter(initiating_unit_id__in=unit_ids(user))
    by_unit = (
        selectors.with_health(scope.filter(status__in=IN_FORCE))
        .values("initiating_unit__name", "initiating_unit_id", "health")
        .order_by("initiating_unit__name")
    )
    from django.db.models import Count

    summary: dict = {}
    for row in by_unit.annotate(n=Count("pk")):
        entry = summary.setdefault(
            row["initiating_unit_id"],
            {"name": row["initiating_unit__name"], "engaged": 0, "at_risk": 0, "dormant": 0},
        )
        entry[row["health"]] = row["n"]
    ctx = {
        "page": page,
        "f": request.GET,
        "units": Unit.objects.filter(pk__in=list(summary)).order_by("name"),
        "summary": sorted(
            summary.values(), key=lambda e: (-e["dormant"], -e["at_risk"], e["name"])
        ),
        "healths": [(Health.DORMANT, Health.DORMANT.label), (Health.AT_RISK, Health.AT_RISK.label)],
        "dormant_months": selectors.dormant_months(),
        "at_risk_months": selectors.at_risk_months(),
    }
    return render_page_or_partial(
        request, "agreements/health.html", "agreements/_health_rows.html", ctx
    )


# -- types ---------------------------------------------------------------------------------


@login_required
def type_list(request):
    user = request.user
    _need_list_access(user)
    if not can_manage_types(user):
        raise PermissionDenied
    from django.db.models import Count

    types = MemorandumType.objects.annotate(n=Count("memoranda"))
    return render(request, "agreements/type_list.html", {"types": types})


@login_required
def type_create(request):
    user = request.user
    _need_list_access(user)
    if not can_manage_types(user):
        raise PermissionDenied
    form = MemorandumTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.type_create(by=user, **form.cleaned_data)
        messages.success(request, _("The type was added."))
        return redirect("agreements:type_list")
    return render(request, "agreements/type_form.html", {"form": form, "obj": None})


@login_required
def type_update(request, pk):
    memo_type = get_type_for_admin(request.user, pk)
    form = MemorandumTypeForm(request.POST or None, instance=memo_type)
    if request.method == "POST" and form.is_valid():
        services.type_update(memo_type=memo_type, by=request.user, **form.cleaned_data)
        messages.success(request, _("The type was saved."))
        return redirect("agreements:type_list")
    return render(request, "agreements/type_form.html", {"form": form, "obj": memo_type})
