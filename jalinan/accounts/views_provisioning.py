"""The people sync page (upload → preview → confirm → per-row report) and the identity
mappings it reads, for OIL administrators (the sync gives and takes roles)."""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalinan.core.audit import audit_log
from jalinan.core.exports import export_response
from jalinan.core.forms import errors_to_form

from . import services
from .forms import IdentityMappingForm, PeopleSyncForm
from .models import IdentityMapping
from .provisioning import SOURCES, STAFF, STUDENTS, SyncReport, column_names, sync_people
from .roles import is_oil_admin

# Rows shown on the page; the CSV download has them all.
SHOWN = 500
FOLDER = "people-sync"


def _require_admin(user):
    if not is_oil_admin(user):
        raise Http404


def _valid_key(key: str) -> bool:
    return bool(key) and key.replace("-", "").replace("_", "").isalnum()


def _load(key: str, user) -> dict | None:
    """The upload waiting for confirmation (or its report), if it is this person's."""
    path = f"{FOLDER}/{key}/meta.json"
    if not _valid_key(key) or not default_storage.exists(path):
        return None
    with default_storage.open(path) as fh:
        meta = json.loads(fh.read())
    return meta if meta["user"] == user.pk else None


def _files(key: str, meta: dict) -> dict:
    out = {}
    for source in (STAFF, STUDENTS):
        if meta.get(source):
            with default_storage.open(f"{FOLDER}/{key}/{source}") as fh:
                out[source] = (meta[source], fh.read())
    return out


def _columns():
    return [(SOURCES[s], column_names(SOURCES[s])) for s in (STAFF, STUDENTS)]


@login_required
def people_sync(request):
    _require_admin(request.user)
    posted = request.method == "POST"
    form = PeopleSyncForm(request.POST, request.FILES) if posted else PeopleSyncForm()
    if posted and form.is_valid():
        key = secrets.token_urlsafe(16)
        meta = {"user": request.user.pk}
        for source in (STAFF, STUDENTS):
            upload = form.cleaned_data.get(source)
            if upload:
                default_storage.save(f"{FOLDER}/{key}/{source}", ContentFile(upload.read()))
                meta[source] = upload.name
        default_storage.save(f"{FOLDER}/{key}/meta.json", ContentFile(json.dumps(meta).encode()))
        return redirect(f"{request.path}preview/?key={key}")
    return render(request, "accounts/people_sync.html", {"form": form, "columns": _columns()})


def _page(request, report: SyncReport, key: str, *, done: bool):
    shown = []
    for source in report.sources:
        rows = [r for r in source.rows if r.action != "unchanged"]
        shown.append((source, rows[:SHOWN], max(0, len(rows) - SHOWN)))
    return render(
        request,
        "accounts/people_sync_preview.html",
        {"report": report, "shown": shown, "key": key, "done": done, "counts": report.counts},
    )


@login_required
def people_sync_preview(request):
    _require_admin(request.user)
    key = request.GET.get("key", "")
    meta = _load(key, request.user)
    if meta is None:
        raise Http404
    if meta.get("report"):
        report = SyncReport.from_json(meta["report"])
    else:
        report = None
    if request.GET.get("download") == "csv":
        if report is None:
            report = sync_people(**_files(key, meta), by=request.user, dry_run=True)
        return _download(report)
    if report is not None:
        return _page(request, report, key, done=True)
    files = _files(key, meta)
    if request.method == "POST":
        report = sync_people(
            **files,
            by=request.user,
            allow_mass_deactivation=request.POST.get("allow_mass_deactivation") == "on",
        )
        for source in files:
            default_storage.delete(f"{FOLDER}/{key}/{source}")
        meta = {"user": request.user.pk, "report": report.to_json()}
        default_storage.delete(f"{FOLDER}/{key}/meta.json")
        default_storage.save(f"{FOLDER}/{key}/meta.json", ContentFile(json.dumps(meta).encode()))
        files_named = ", ".join(s.filename for s in report.sources)
        summary = ", ".join(f"{n} {a}" for a, n in sorted(report.counts.items()))
        # Each account changed has its own entry; this one says who ran the sync.
        audit_log(
            actor=request.user,
            action="import",
            obj=request.user,
            message=f"People sync of {files_named}: {summary or 'nothing'}",
        )
        return redirect(f"{request.path}?key={key}")
    report = sync_people(**files, by=request.user, dry_run=True)
    return _page(request, report, key, done=False)


def _download(report: SyncReport):
    actions = {
        "create": _("New account"),
        "update": _("Changes"),
        "unchanged": _("Unchanged"),
        "deactivate": _("Deactivation"),
        "held": _("Deactivation held back"),
        "skipped": _("Skipped"),
        "rejected": _("Rejected"),
    }
    rows = []
    for source in report.sources:
        if source.error:
            rows.append((source.label, "", "", "", "", _("refused"), source.error, ""))
        for r in source.rows:
            rows.append(
                (
                    source.label,
                    str(r.line or ""),
                    r.number,
                    r.email,
                    r.name,
                    actions.get(r.action, r.action),
                    "; ".join(str(e) for e in r.errors),
                    "; ".join(f"{label}: {old or '—'} → {new}" for label, old, new in r.changes),
                )
            )
    return export_response(
        headers=[
            _("File"),
            _("Row"),
            _("Number"),
            _("E-mail"),
            _("Name"),
            _("Result"),
            _("Reason"),
            _("Changes"),
        ],
        rows=rows,
        filename="people-sync-report",
        fmt="csv",
    )


# -- identity mappings ------------------------------------------------------------------------


@login_required
def mapping_list(request):
    _require_admin(request.user)
    mappings = IdentityMapping.objects.select_related("unit").order_by("kind", "value")
    return render(request, "accounts/mapping_list.html", {"mappings": mappings})


@login_required
def mapping_edit(request, pk=None):
    _require_admin(request.user)
    mapping = get_object_or_404(IdentityMapping, pk=pk) if pk else None
    form = IdentityMappingForm(request.POST or None, instance=mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_mapping_save(by=request.user, mapping=mapping, **form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The mapping was saved."))
            return redirect("accounts:mapping_list")
    return render(request, "accounts/mapping_form.html", {"form": form, "mapping": mapping})


@login_required
@require_POST
def mapping_delete(request, pk):
    _require_admin(request.user)
    mapping = get_object_or_404(IdentityMapping, pk=pk)
    services.identity_mapping_delete(mapping=mapping, by=request.user)
    messages.success(request, _("The mapping was removed."))
    return redirect("accounts:mapping_list")
