"""SDG pages: the goals (public), the office's review queue of suggestions, a page to try the
classifier, and the accept / reject / add actions behind ``{% sdg_tags %}``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate

from . import selectors, services
from .forms import ClassifyForm
from .goals import GOAL_CHOICES, GOALS
from .models import SdgTag
from .permissions import (
    can_review_suggestions,
    get_record_for_user,
    get_tag_for_user,
)

# -- the goals (public) ----------------------------------------------------------------------


def goal_index(request):
    goals = {g.number: g for g in selectors.goals()}
    counts = selectors.accepted_counts_by_goal() if can_review_suggestions(request.user) else {}
    cards = [{"goal": GOALS[n], "row": goals.get(n), "count": counts.get(n)} for n in sorted(GOALS)]
    return render(
        request,
        "sdgs/goal_index.html",
        {
            "cards": cards,
            "loaded": bool(goals),
            "show_counts": can_review_suggestions(request.user),
            "can_review": can_review_suggestions(request.user),
        },
    )


def goal_detail(request, number: int):
    if number not in GOALS:
        raise Http404
    goal = selectors.goal_with_targets(number)
    g = request.GET
    key = g.get("type", "")
    q = g.get("q", "").strip()
    rows = selectors.records_for_goal(request.user, number, key=key)
    if q:
        rows = [r for r in rows if q.lower() in r.title.lower()]
    fmt = g.get("export")
    if fmt:
        return export_response(
            headers=[_("Record type"), _("Record"), _("Link"), _("Accepted on")],
            rows=(
                [
                    r.type_label,
                    r.title,
                    request.build_absolute_uri(r.url) if r.url else "",
                    r.tag.decided_at.date() if r.tag.decided_at else "",
                ]
                for r in rows
            ),
            filename=f"sdg-{number}-records",
            fmt=fmt,
        )
    ctx = {
        "g": GOALS[number],
        "goal": goal,
        "page": paginate(request, rows),
        "types": selectors.type_choices(),
        "q": q,
        "f": g,
        "previous": GOALS.get(number - 1),
        "next": GOALS.get(number + 1),
    }
    return render_page_or_partial(request, "sdgs/goal_detail.html", "sdgs/_records.html", ctx)


# -- the office's review queue ----------------------------------------------------------------


def _review_filters(request):
    g = request.GET if request.method == "GET" else request.POST
    goal = int(g["goal"]) if g.get("goal", "").isdigit() and int(g["goal"]) in GOALS else None
    key = g.get("type", "")
    try:
        min_conf = float(g["min"]) if g.get("min") else None
    except ValueError:
        min_conf = None
    return goal, key, min_conf


@login_required
def review(request):
    if not can_review_suggestions(request.user):
        raise Http404
    if request.method == "POST":
        return _review_decide(request)
    goal, key, min_conf = _review_filters(request)
    rows = selectors.suggestions_awaiting(request.user, goal=goal, key=key, min_confidence=min_conf)
    fmt = request.GET.get("export")
    if fmt:
        return export_response(
            headers=[
                _("Record type"),
                _("Record"),
                _("Goal"),
                _("Confidence"),
                _("Targets"),
                _("Matching terms"),
            ],
            rows=(
                [
                    r.type_label,
                    r.title,
                    GOALS[r.tag.goal].label,
                    r.tag.confidence,
                    [t.get("code") for t in r.tag.evidence.get("targets", [])],
                    r.tag.evidence.get("terms", []),
                ]
                for r in rows
            ),
            filename="sdg-suggestions",
            fmt=fmt,
        )
    ctx = {
        "page": paginate(request, rows),
        "goals": GOAL_CHOICES,
        "types": selectors.type_choices(),
        "f": request.GET,
    }
    return render_page_or_partial(request, "sdgs/review.html", "sdgs/_review_rows.html", ctx)


def _review_decide(request):
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        raise Http404
    ids = [int(i) for i in request.POST.getlist("tag") if i.isdigit()]
    tags = list(
        SdgTag.objects.filter(pk__in=ids, status=SdgTag.Status.SUGGESTED).prefetch_related("record")
    )
    decided, refused = services.sdg_tags_decide_many(
        tags=tags, by=request.user, accept=decision == "accept"
    )
    if not ids:
        messages.warning(request, _("Choose at least one suggestion."))
    elif decision == "accept":
        messages.success(
            request,
            ngettext("%(n)d suggestion accepted.", "%(n)d suggestions accepted.", decided)
            % {"n": decided},
        )
    else:
        messages.success(
            request,
            ngettext("%(n)d suggestion rejected.", "%(n)d suggestions rejected.", decided)
            % {"n": decided},
        )
    if refused:
        messages.warning(
            request,
            ngettext(
                "%(n)d suggestion left as it was: you may not decide it.",
                "%(n)d suggestions left as they were: you may not decide them.",
                refused,
            )
            % {"n": refused},
        )
    back = request.POST.get("next", "")
    url = reverse("sdgs:review")
    return redirect(back if back.startswith(url) else url)


# -- try the classifier -------------------------------------------------------------------------


@login_required
def classify_text(request):
    from .permissions import can_classify_text

    if not can_classify_text(request.user):
        raise Http404
    form = ClassifyForm(request.POST or None)
    suggestions = None
    if request.method == "POST" and form.is_valid():
        from . import classifier

        suggestions = [
            {"s": s, "goal": GOALS[s.goal]} for s in classifier.classify(form.cleaned_data["text"])
        ]
    return render(request, "sdgs/classify.html", {"form": form, "suggestions": suggestions})


# -- decisions on one record's tags --------------------------------------------------------------


def _answer(request, obj):
    if request.htmx:
        html = Template("{% load sdgs %}{% sdg_tags obj %}").render(
            Context({"obj": obj, "request": request})
        )
        return HttpResponse(html)
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "/"
    return redirect(url)


@login_required
@require_POST
def tag_decide(request, pk):
    decision = request.POST.get("decision")
    tag, obj = get_tag_for_user(request.user, pk)
    if decision not in ("accept", "reject"):
        raise Http404
    services.sdg_tag_decide(tag=tag, by=request.user, accept=decision == "accept")
    if not request.htmx:
        messages.success(request, _("The SDG tag was saved."))
    return _answer(request, obj)


@login_required
@require_POST
def tag_decide_all(request, content_type_id, pk):
    """Accept or reject every suggestion on one record at once."""
    obj = get_record_for_user(request.user, content_type_id=content_type_id, pk=pk, write=True)
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        raise Http404
    tags = [t for t in selectors.tags_for(obj) if t.status == SdgTag.Status.SUGGESTED]
    for tag in tags:
        services.sdg_tag_decide(tag=tag, by=request.user, accept=decision == "accept")
    if not request.htmx:
        messages.success(request, _("The SDG tags were saved."))
    return _answer(request, obj)


@login_required
@require_POST
def tag_add(request, content_type_id, pk):
    obj = get_record_for_user(request.user, content_type_id=content_type_id, pk=pk)
    try:
        services.sdg_tag_add(obj=obj, goal=int(request.POST.get("goal", "0")), by=request.user)
    except (ValueError, ValidationError):
        messages.error(request, _("Choose a goal from 1 to 17."))
    except PermissionDenied:
        raise
    return _answer(request, obj)
