"""Expert search, profiles, publications, projects and publication import."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import is_oil
from jalinan.core.audit import audit_log, history_for
from jalinan.core.exports import export_response
from jalinan.core.htmx import render_page_or_partial
from jalinan.core.pagination import paginate
from jalinan.sdgs.goals import GOAL_CHOICES

from . import imports, selectors, services
from .choices import Availability, Position
from .forms import ImportForm, ProfileForm, ProfileProjectForm, PublicationForm
from .models import ExpertProfile
from .permissions import (
    can_change_profile,
    can_have_profile,
    can_search_experts,
    can_see_private,
    get_profile_for_user,
    get_profile_project_for_user,
    get_publication_for_user,
)
from .selectors import (
    experts_for_text,
    filter_profiles,
    profile_completeness,
    profiles_for,
    similar_experts,
)

SEARCH_LIMIT = 50


def _filters(g) -> dict:
    f = {}
    if g.get("unit", "").isdigit():
        f["unit"] = int(g["unit"])
    if g.get("position") in Position.values:
        f["position"] = g["position"]
    if g.get("availability") in Availability.values:
        f["availability"] = g["availability"]
    if g.get("visibility") in ("public", "private"):
        f["visibility"] = g["visibility"]
    if g.get("sdg", "").isdigit():
        f["sdg"] = int(g["sdg"])
    return f


@login_required
def expert_search(request):
    """Find an expert: free text (a whole problem statement will do) ranks the experts with
    the evidence; without text, the visible profiles are listed by name."""
    user = request.user
    if not can_search_experts(user) and not can_have_profile(user):
        raise Http404
    g = request.GET
    q = g.get("q", "").strip()[:5000]
    name = g.get("name", "").strip()
    filters = _filters(g)
    fmt = g.get("export")
    ctx = {
        "q": q,
        "name": name,
        "f": g,
        "units": Unit.objects.filter(is_active=True),
        "positions": Position.choices,
        "availabilities": Availability.choices,
        "goals": GOAL_CHOICES,
        "can_see_private": can_see_private(user),
        "has_profile": ExpertProfile.objects.filter(user=user).exists(),
        "can_have_profile": can_have_profile(user),
    }
    if q:
        matches = experts_for_text(q, user, filters, k=SEARCH_LIMIT)
        if name:
            matches = [m for m in matches if name.lower() in m.profile.user.full_name.lower()]
        if fmt:
            return _export_matches(matches, fmt)
        ctx["page"] = paginate(request, matches)
        ctx["mode"] = "search"
    else:
        qs = filter_profiles(profiles_for(user), filters)
        if name:
            qs = qs.filter(
                Q(user__full_name__icontains=name)
                | Q(department__icontains=name)
                | Q(keywords__icontains=name)
            )
        qs = qs.annotate(pub_count=Count("publications")).order_by("user__full_name", "pk")
        if fmt:
            return _export_profiles(qs, fmt)
        ctx["page"] = paginate(request, qs)
        ctx["mode"] = "browse"
    return render_page_or_partial(request, "experts/search.html", "experts/_results.html", ctx)


def _export_matches(matches, fmt):
    headers = [
        _("Rank"),
        _("Name"),
        _("KCDIO unit"),
        _("Position"),
        _("Score"),
        _("Matched keywords"),
        _("Evidence"),
    ]
    rows = [
        [
            i + 1,
            m.profile.name,
            m.profile.unit.name if m.profile.unit else "",
            m.profile.get_position_display(),
            m.score,
            m.keywords,
            "; ".join(f"{e.title} ({e.year or '-'})" for e in m.evidence),
        ]
        for i, m in enumerate(matches)
    ]
    return export_response(headers=headers, rows=rows, filename="expert-search", fmt=fmt)


def _export_profiles(qs, fmt):
    headers = [
        _("Name"),
        _("KCDIO unit"),
        _("Department"),
        _("Position"),
        _("Expertise keywords"),
        _("Availability"),
        _("Publications"),
        _("Public"),
    ]
    rows = [
        [
            p.name,
            p.unit.name if p.unit else "",
            p.department,
            p.get_position_display(),
            p.keywords,
            p.get_availability_display(),
            p.pub_count,
            _("yes") if p.is_public else _("no"),
        ]
        for p in qs
    ]
    return export_response(headers=headers, rows=rows, filename="experts", fmt=fmt)


@login_required
def my_profile(request):
    user = request.user
    if not can_have_profile(user):
        raise Http404
    profile = services.profile_get_or_create(user=user, by=user)
    return redirect(profile)


def public_profile(request, pk):
    """A public profile as anyone sees it, signed in or not: expertise, publications,
    projects; no e-mail address (visitors reach the expert through the office)."""
    profile = get_object_or_404(selectors.public_profiles(), pk=pk)
    return render(
        request,
        "experts/public_detail.html",
        {
            "profile": profile,
            "publications": profile.publications.all(),
            "projects": profile.projects.all(),
        },
    )


@login_required
def profile_detail(request, pk):
    profile = get_profile_for_user(request.user, pk)
    can_change = can_change_profile(request.user, profile)
    ctx = {
        "profile": profile,
        "publications": profile.publications.all(),
        "projects": profile.projects.all(),
        "can_change": can_change,
    }
    if can_change:
        ctx["completeness"], ctx["hints"] = profile_completeness(profile)
        ctx["history"] = history_for(profile)[:20]
    return render(request, "experts/detail.html", ctx)


@login_required
def profile_similar(request, pk):
    """HTMX: the experts most like this one (loaded after the page)."""
    profile = get_profile_for_user(request.user, pk)
    similar = similar_experts(profile, request.user, k=5)
    return render(request, "experts/_similar.html", {"similar": similar, "profile": profile})


@login_required
def profile_edit(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    can_move = is_oil(request.user)
    form = ProfileForm(request.POST or None, instance=profile, can_move_unit=can_move)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(profile=profile, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(profile)
        profile.refresh_from_db()
    return render(request, "experts/profile_form.html", {"form": form, "profile": profile})


def _save(form, save, *args):
    try:
        return save(*args)
    except ValidationError as exc:
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
        return None


@login_required
def publication_create(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    form = PublicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pub = _save(
            form,
            lambda: services.publication_create(
                profile=profile, by=request.user, **form.cleaned_data
            ),
        )
        if pub:
            messages.success(request, _("The publication was added."))
            return redirect(profile)
    return render(
        request, "experts/item_form.html", {"form": form, "profile": profile, "what": "publication"}
    )


@login_required
def publication_edit(request, pk):
    pub = get_publication_for_user(request.user, pk, write=True)
    form = PublicationForm(request.POST or None, instance=pub)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda: services.publication_update(
                publication=pub, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The publication was saved."))
            return redirect(pub.profile)
    return render(
        request,
        "experts/item_form.html",
        {"form": form, "profile": pub.profile, "what": "publication", "item": pub},
    )


@login_required
@require_POST
def publication_delete(request, pk):
    pub = get_publication_for_user(request.user, pk, write=True)
    profile = pub.profile
    services.publication_delete(publication=pub, by=request.user)
    messages.success(request, _("The publication was removed."))
    return redirect(profile)


@login_required
def profile_project_create(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    form = ProfileProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = _save(
            form,
            lambda: services.profile_project_create(
                profile=profile, by=request.user, **form.cleaned_data
            ),
        )
        if project:
            messages.success(request, _("The project was added."))
            return redirect(profile)
    return render(
        request, "experts/item_form.html", {"form": form, "profile": profile, "what": "project"}
    )


@login_required
def profile_project_edit(request, pk):
    project = get_profile_project_for_user(request.user, pk, write=True)
    form = ProfileProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda: services.profile_project_update(
                profile_project=project, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The project was saved."))
            return redirect(project.profile)
    return render(
        request,
        "experts/item_form.html",
        {"form": form, "profile": project.profile, "what": "project", "item": project},
    )


@login_required
@require_POST
def profile_project_delete(request, pk):
    project = get_profile_project_for_user(request.user, pk, write=True)
    profile = project.profile
    services.profile_project_delete(profile_project=project, by=request.user)
    messages.success(request, _("The project was removed."))
    return redirect(profile)


# -- import --------------------------------------------------------------------------------------

SESSION_KEY = "experts_import"
REPORT_KEY = "experts_import_report"


@login_required
def import_upload(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.MAX_BYTES:
                raise imports.ImportFileError(
                    _("The file is larger than %(mb)d MB.") % {"mb": imports.MAX_BYTES // 2**20}
                )
            fmt, records = imports.parse(upload.name, upload.read(), profile)
        except imports.ImportFileError as exc:
            error = str(exc)
        else:
            key = secrets.token_urlsafe(12)
            # The preview stays on the server, in this user's session: nothing is stored in
            # the profile until the user confirms.
            request.session[SESSION_KEY] = {
                "key": key,
                "profile": profile.pk,
                "filename": upload.name,
                "format": fmt,
                "records": [r.as_dict() for r in records],
            }
            return redirect(f"{request.path}preview/?key={key}")
    return render(
        request,
        "experts/import_upload.html",
        {"form": form, "profile": profile, "error": error, "columns": imports.CSV_COLUMNS},
    )


@login_required
def import_preview(request, pk):
    profile = get_profile_for_user(request.user, pk, write=True)
    if request.GET.get("download") == "report":
        done = request.session.get(REPORT_KEY)
        if not done or done["key"] != request.GET.get("key") or done["profile"] != profile.pk:
            raise Http404
        return export_response(
            headers=[_("Record"), _("Title"), _("Result"), _("Reason")],
            rows=done["rows"],
            filename="publication-import-report",
            fmt="csv",
        )
    data = request.session.get(SESSION_KEY)
    if not data or data["key"] != request.GET.get("key") or data["profile"] != profile.pk:
        raise Http404
    records = [imports.Record(**r) for r in data["records"]]
    if request.method == "POST":
        good = [r for r in records if r.status == "ok"]
        result = services.publications_import(
            profile=profile, by=request.user, rows=[r.fields for r in good], source=data["format"]
        )
        del request.session[SESSION_KEY]
        failed = {id(row): reason for row, pub, reason in result if pub is None}
        report = []
        for r in records:
            if r.status == "rejected":
                report.append((r.line, r.title, _("rejected"), "; ".join(r.errors)))
            elif r.status == "duplicate":
                report.append((r.line, r.title, _("skipped as a duplicate"), r.duplicate))
        for r, (row, pub, reason) in zip(good, result, strict=True):
            if pub is None:
                report.append((r.line, r.title, _("rejected"), failed.get(id(row), reason)))
            else:
                report.append((r.line, r.title, _("imported"), ""))
        report.sort()
        created = sum(1 for _row, pub, _r in result if pub is not None)
        audit_log(
            actor=request.user,
            action="import",
            obj=profile,
            message=_("Imported %(file)s: %(c)d publications added, %(s)d not")
            % {"file": data["filename"], "c": created, "s": len(records) - created},
        )
        request.session[REPORT_KEY] = {"key": data["key"], "profile": profile.pk, "rows": report}
        return render(
            request,
            "experts/import_report.html",
            {
                "profile": profile,
                "report": report,
                "created": created,
                "filename": data["filename"],
                "key": data["key"],
            },
        )
    counts = {s: sum(1 for r in records if r.status == s) for s in ("ok", "duplicate", "rejected")}
    return render(
        request,
        "experts/import_preview.html",
        {
            "profile": profile,
            "records": records,
            "counts": counts,
            "filename": data["filename"],
            "format": data["format"],
            "key": data["key"],
        },
    )


@login_required
def import_template(request):
    if not can_have_profile(request.user) and not can_search_experts(request.user):
        raise Http404
    return export_response(
        headers=imports.CSV_COLUMNS,
        rows=[[imports.CSV_EXAMPLE[c] for c in imports.CSV_COLUMNS]],
        filename="publications-template",
        fmt="csv",
    )
