from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_oil, unit_ids
from jalinan.core import ratelimit
from jalinan.core.antispam import form_token
from jalinan.core.audit import history_for
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.partners import msic
from jalinan.sdgs.goals import GOAL_CHOICES

from . import selectors, services
from .choices import ORDER, LostReason, Source, Stage
from .forms import EnquiryForm, MoveForm, OpportunityForm, is_spam, owner_choices
from .permissions import (
    can_change_opportunity,
    can_create_opportunity,
    can_see_pipeline,
    get_opportunity_for_user,
)
from .sources import source_view

BOARD_COLUMN = 50
COLUMNS = [*ORDER, Stage.LOST]


def _need_access(user):
    if not can_see_pipeline(user):
        raise Http404


def _visible(user):
    return selectors.opportunities_for(user)


def _filter_context(request):
    user = request.user
    units = Unit.objects.filter(is_active=True)
    if not is_oil(user):
        units = units.filter(pk__in=unit_ids(user))
    params = request.GET.copy()
    for key in ("page", "export", "download"):
        params.pop(key, None)
    return {
        "f": request.GET,
        "q": request.GET.get("q", "").strip(),
        "sources": Source.choices,
        "stages": Stage.choices,
        "units": units,
        "owners": owner_choices(),
        "sectors": msic.SECTION_CHOICES,
        "goals": GOAL_CHOICES,
        "years": selectors.years_of(_visible(user)),
        "querystring": params.urlencode(),
        "can_create": can_create_opportunity(user),
        "lost_reasons": LostReason.choices,
    }


# -- board --------------------------------------------------------------------------------


def _board_context(request, params=None):
    user = request.user
    params = request.GET if params is None else params
    qs = selectors.list_rows(selectors.filter_opportunities(_visible(user), params))
    counts = dict(qs.order_by().values_list("stage").annotate(n=Count("pk")))
    now = timezone.now()
    columns = []
    for stage in COLUMNS:
        items = list(qs.filter(stage=stage).order_by("-stage_entered_at", "-pk")[:BOARD_COLUMN])
        for o in items:
            o.days = o.days_in_stage(now)
            o.targets = [c for c in Stage.choices if c[0] != o.stage]
        columns.append(
            {
                "stage": stage.value,
                "label": stage.label,
                "items": items,
                "count": counts.get(stage.value, 0),
                "more": max(0, counts.get(stage.value, 0) - len(items)),
            }
        )
    return {"columns": columns, "total": sum(counts.values())}


@login_required
def board(request):
    _need_access(request.user)
    ctx = {**_filter_context(request), **_board_context(request)}
    return render_page_or_partial(request, "pipeline/board.html", "pipeline/_board.html", ctx)


@login_required
@require_POST
def opportunity_move(request, pk):
    user = request.user
    opp = get_opportunity_for_user(user, pk, write=True)
    form = MoveForm(request.POST, current=opp.stage)
    error = None
    if form.is_valid():
        try:
            services.opportunity_move(
                opportunity=opp,
                to_stage=form.cleaned_data["to_stage"],
                by=user,
                note=form.cleaned_data["note"],
                lost_reason=form.cleaned_data["lost_reason"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errs in form.errors.values() for e in errs)
    from django.http import QueryDict

    filters = QueryDict(request.POST.get("filters", ""))
    if getattr(request, "htmx", False) and request.POST.get("next") == "board":
        ctx = {**_filter_context(request), **_board_context(request, filters)}
        ctx["querystring"] = filters.urlencode()
        ctx["f"] = filters
        if error:
            ctx["board_error"] = _("%(ref)s was not moved: %(error)s") % {
                "ref": opp.reference,
                "error": error,
            }
        else:
            ctx["board_message"] = _("%(ref)s moved.") % {"ref": opp.reference}
        return render(request, "pipeline/_board.html", ctx)
    if error:
        messages.error(
            request, _("%(ref)s was not moved: %(error)s") % {"ref": opp.reference, "error": error}
        )
    else:
        messages.success(request, _("%(ref)s moved.") % {"ref": opp.reference})
    if request.POST.get("next") == "board":
        url = reverse("pipeline:board")
        return redirect(f"{url}?{filters.urlencode()}" if filters else url)
    return redirect(opp)


# -- list and export ----------------------------------------------------------------------


@login_required
def opportunity_list(request):
    user = request.user
    _need_access(user)
    qs = selectors.list_rows(selectors.filter_opportunities(_visible(user), request.GET))
    fmt = request.GET.get("export")
    if fmt:
        return _export(qs, fmt)
    page = paginate(request, qs)
    now = timezone.now()
    for o in page.object_list:
        o.days = o.days_in_stage(now)
    ctx = {**_filter_context(request), "page": page}
    return render_page_or_partial(request, "pipeline/list.html", "pipeline/_rows.html", ctx)


def _export(qs, fmt):
    now = timezone.now()
    rows = [
        [
            o.reference,
            o.title,
            o.get_source_display(),
            o.get_stage_display(),
            o.days_in_stage(now),
            o.partner_label,
            o.organisation.get_msic_section_display() if o.organisation_id else "",
            o.unit.name if o.unit_id else "",
            o.owner.display_name if o.owner_id else "",
            o.estimated_value,
            o.get_lost_reason_display() if o.lost_reason else "",
            timezone.localtime(o.created_at).date(),
            timezone.localtime(o.closed_at).date() if o.closed_at else None,
        ]
        for o in qs[:50000]
    ]
    return export_response(
        headers=[
            _("Reference"),
            _("Title"),
            _("Source"),
            _("Stage"),
            _("Days in stage"),
            _("Organisation"),
            _("Sector"),
            _("KCDIO"),
            _("Officer in charge"),
            _("Estimated value (RM)"),
            _("Reason lost"),
            _("Created"),
            _("Closed"),
        ],
        rows=rows,
        filename="opportunities",
        fmt=fmt,
    )


# -- one opportunity ----------------------------------------------------------------------


def _history_rows(opp, now):
    changes = list(opp.stage_changes.select_related("by"))
    for i, c in enumerate(changes):
        end = changes[i + 1].at if i + 1 < len(changes) else None
        c.ended = end
        c.days = (
            None
            if c.to_stage in ("completed", "lost") and end is None
            else (((end or now) - c.at).days)
        )
    return changes


@login_required
def opportunity_detail(request, pk):
    user = request.user
    opp = get_opportunity_for_user(user, pk)
    can_change = can_change_opportunity(user, opp)
    now = timezone.now()
    ctx = {
        "opp": opp,
        "can_change": can_change,
        "changes": _history_rows(opp, now),
        "days": opp.days_in_stage(now),
        "move_form": MoveForm(current=opp.stage, initial={"next": "detail"})
        if can_change
        else None,
        "source_object": source_view(user, opp),
        "history": history_for(opp)[:30],
    }
    return render(request, "pipeline/detail.html", ctx)


@login_required
def opportunity_create(request):
    user = request.user
    if not can_create_opportunity(user):
        raise Http404
    initial = {"owner": user.pk, "unit": user.unit_id}
    org_id = request.GET.get("organisation", "")
    if org_id.isdigit():
        initial["organisation"] = int(org_id)
    form = OpportunityForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            opp = services.opportunity_create(by=user, **form.service_fields())
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Opportunity %(ref)s was opened.") % {"ref": opp.reference})
            return redirect(opp)
    return render(request, "pipeline/form.html", {"form": form, "opp": None})


@login_required
def opportunity_update(request, pk):
    user = request.user
    opp = get_opportunity_for_user(user, pk, write=True)
    form = OpportunityForm(request.POST or None, instance=opp, user=user)
    if request.method == "POST" and form.is_valid():
        memo, project = form.cleaned_data.get("memorandum"), form.cleaned_data.get("project")
        try:
            saved = services.opportunity_update(opportunity=opp, by=user, **form.service_fields())
            unlink_memo = memo is None and saved.memorandum_id is not None
            unlink_project = project is None and saved.project_id is not None
            if unlink_memo or unlink_project:
                saved = services.opportunity_unlink(
                    opportunity=saved, by=user, memorandum=unlink_memo, project=unlink_project
                )
            if memo or project:
                saved = services.opportunity_link(
                    opportunity=saved, by=user, memorandum=memo, project=project
                )
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(saved)
    if request.method == "POST":
        opp.refresh_from_db()
    return render(request, "pipeline/form.html", {"form": form, "opp": opp})


# -- funnel -------------------------------------------------------------------------------


def _funnel_tables(data):
    stage_rows = [
        [
            s["label"],
            s["reached"],
            s["current"],
            s["conversion"],
            s["median_days"],
            s["lost_here"],
        ]
        for s in data["stages"]
    ]
    reason_rows = [[r["label"], r["count"]] for r in data["lost"]["by_reason"]]
    return stage_rows, reason_rows


def _group_rows(groups):
    rows = []
    for g in groups:
        stages = {s["stage"]: s for s in g["stages"]}
        rows.append(
            [
                g["label"],
                g["total"],
                g["open"],
                stages[Stage.PROPOSAL]["reached"],
                g["to_agreement"],
                g["agreement_rate"],
                g["to_project"],
                g["project_rate"],
                g["lost"]["total"],
                stages[Stage.ENQUIRY]["median_days"],
            ]
        )
    return rows


def group_headers():
    return [
        _("Group"),
        _("Opportunities"),
        _("Open"),
        _("Reached proposal"),
        _("Reached agreement"),
        _("Agreement rate (%)"),
        _("Reached project"),
        _("Project rate (%)"),
        _("Lost"),
        _("Median days as enquiry"),
    ]


def stage_headers():
    return [
        _("Stage"),
        _("Reached"),
        _("Now in stage"),
        _("Went on to the next stage (%)"),
        _("Median days in stage"),
        _("Lost from this stage"),
    ]


@login_required
def funnel(request):
    user = request.user
    _need_access(user)
    qs = selectors.filter_opportunities(_visible(user), request.GET)
    data = selectors.funnel(qs)
    by_unit = selectors.funnel(qs, by="unit")["groups"]
    by_sector = selectors.funnel(qs, by="sector")["groups"]
    stage_rows, reason_rows = _funnel_tables(data)
    download = request.GET.get("download")
    if download in ("stages", "reasons", "unit", "sector"):
        headers, rows, name = {
            "stages": (stage_headers(), stage_rows, "funnel-stages"),
            "reasons": ([_("Reason lost"), _("Opportunities")], reason_rows, "funnel-lost"),
            "unit": (group_headers(), _group_rows(by_unit), "funnel-by-kcdio"),
            "sector": (group_headers(), _group_rows(by_sector), "funnel-by-sector"),
        }[download]
        return export_response(headers=headers, rows=rows, filename=name, fmt="csv")
    chart = {
        "kind": "hbar",
        "unit": "count",
        "labels": [s["label"] for s in data["stages"]],
        "datasets": [
            {
                "label": _("Reached"),
                "data": [s["reached"] for s in data["stages"]],
                "colour": "#1f6f5c",
            }
        ],
    }
    ctx = {
        **_filter_context(request),
        "data": data,
        "stage_rows": stage_rows,
        "reason_rows": reason_rows,
        "unit_rows": _group_rows(by_unit),
        "sector_rows": _group_rows(by_sector),
        "stage_headers": stage_headers(),
        "group_headers": group_headers(),
        "chart": chart,
    }
    return render(request, "pipeline/funnel.html", ctx)


# -- the public enquiry form --------------------------------------------------------------


def _suggestions(text: str) -> list:
    from jalinan.experts.selectors import public_experts_for_text

    text = (text or "").strip()
    if len(text) < 12:
        return []
    return public_experts_for_text(text[:3000], k=5)


def _suggest_context(matches):
    out = []
    for m in matches:
        words = []
        for ev in m.evidence:
            words.extend(t for t in ev.terms if t not in words)
        for kw in m.keywords:
            if kw not in words:
                words.append(kw)
        out.append({"match": m, "profile": m.profile, "words": words[:8]})
    return out


def enquire(request):
    """The public "tell us your problem / find an expert" form (no account needed)."""
    ip = ratelimit.client_ip(request)
    if request.method != "POST":
        form = EnquiryForm(initial={"ts": form_token()})
        return render(request, "pipeline/enquire.html", {"form": form})
    data = request.POST.copy()
    data["ts"] = form_token()  # the page comes back with a fresh token
    data.pop("website", None)
    ctx = {"form": EnquiryForm(data), "experts": None, "notice": None, "limited": False}
    if "suggest" in request.POST:  # "Show matching experts", without JavaScript
        ctx["form"] = EnquiryForm(initial=data.dict())
        if ratelimit.take("suggest", ip, limit=settings.JALINAN_SUGGEST_PER_10MIN, window=600):
            ctx["experts"] = _suggest_context(_suggestions(data.get("description")))
        else:
            ctx["limited"] = True
        return render(request, "pipeline/enquire.html", ctx)
    per_hour = settings.JALINAN_ENQUIRY_PER_HOUR
    if not ratelimit.allowed("enquiry", ip, limit=per_hour, window=3600):
        ctx["form"] = EnquiryForm(initial=data.dict())
        ctx["limited"] = True
        return render(request, "pipeline/enquire.html", ctx, status=429)
    if is_spam(request.POST):
        ratelimit.hit("enquiry", ip, window=3600)
        ctx["form"] = EnquiryForm(initial=data.dict())
        ctx["notice"] = _(
            "We could not accept this submission. Please check it and send it again in a moment."
        )
        return render(request, "pipeline/enquire.html", ctx)
    form = ctx["form"]
    if not form.is_valid():
        return render(request, "pipeline/enquire.html", ctx, status=400)
    ratelimit.hit("enquiry", ip, window=3600)
    c = form.cleaned_data
    opp = services.enquiry_submit(
        title=c["title"],
        description=c["description"],
        organisation_name=c["organisation_name"],
        contact_name=c["contact_name"],
        contact_email=c["contact_email"],
        contact_phone=c["contact_phone"],
        ip=ip,
    )
    request.session["pipeline_enquiry"] = opp.reference
    return redirect("pipeline:enquire_thanks")


@require_POST
def enquire_suggest(request):
    """The htmx partial beside the description: public experts who fit what is typed."""
    ip = ratelimit.client_ip(request)
    limited = not ratelimit.take(
        "suggest", ip, limit=settings.JALINAN_SUGGEST_PER_10MIN, window=600
    )
    experts = [] if limited else _suggest_context(_suggestions(request.POST.get("description")))
    return render(
        request,
        "pipeline/_suggestions.html",
        {"experts": experts, "limited": limited, "typed": bool(request.POST.get("description"))},
    )


def enquire_thanks(request):
    reference = request.session.get("pipeline_enquiry")
    if not reference:
        return redirect("pipeline:enquire")
    return render(request, "pipeline/enquire_thanks.html", {"reference": reference})
