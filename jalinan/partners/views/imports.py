"""Import organisations from CSV/XLSX: upload, preview, confirm, report (OIL only)."""

import json

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.audit import audit_log
from jalinan.core.exports import export_response

from .. import imports
from ..permissions import can_manage_registry


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )


def _require_office(user):
    if not can_manage_registry(user):
        raise Http404


@login_required
def import_upload(request):
    _require_office(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > imports.settings.JALINAN_MAX_IMPORT_BYTES:
                raise imports.ImportFileError(
                    _("The file is larger than %(mb).0f MB.")
                    % {"mb": imports.settings.JALINAN_MAX_IMPORT_BYTES / 1024 / 1024}
                )
            rows = imports.parse(upload.name, upload.read())
        except imports.ImportFileError as exc:
            error = str(exc)
        else:
            key = imports.save_preview(rows, user_id=request.user.pk, filename=upload.name)
            return redirect(f"{request.path}preview/?key={key}")
    return render(
        request,
        "partners/import_upload.html",
        {"form": form, "error": error, "columns": imports.COLUMNS},
    )


@login_required
def import_preview(request):
    _require_office(request.user)
    key = request.GET.get("key", "")
    if request.GET.get("download") == "report":
        return _download_report(request, key)
    loaded = imports.load_preview(key, user_id=request.user.pk)
    if loaded is None:
        raise Http404
    filename, rows = loaded
    if request.method == "POST":
        anyway = {int(x) for x in request.POST.getlist("create_anyway") if x.isdigit()}
        report = imports.commit(rows, by=request.user, create_anyway=anyway)
        imports.discard_preview(key)
        default_storage.save(
            f"imports/{key}-report.json",
            ContentFile(
                json.dumps(
                    {
                        "user": request.user.pk,
                        "created": report.created,
                        "skipped": report.skipped,
                        "rejected": report.rejected,
                    }
                ).encode()
            ),
        )
        # Each organisation has its own "created" entry; this one summarises the import.
        audit_log(
            actor=request.user,
            action="import",
            obj=request.user,
            message=_("Imported %(file)s: %(c)d created, %(s)d skipped, %(r)d rejected")
            % {
                "file": filename,
                "c": len(report.created),
                "s": len(report.skipped),
                "r": len(report.rejected),
            },
        )
        return render(
            request,
            "partners/import_report.html",
            {"report": report, "filename": filename, "key": key},
        )
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("ok", "duplicate", "rejected")}
    return render(
        request,
        "partners/import_preview.html",
        {"rows": rows, "filename": filename, "key": key, "counts": counts},
    )


def _download_report(request, key):
    path = f"imports/{key}-report.json"
    if not key.replace("-", "").replace("_", "").isalnum() or not default_storage.exists(path):
        raise Http404
    with default_storage.open(path) as fh:
        data = json.loads(fh.read())
    if data["user"] != request.user.pk:
        raise Http404
    rows = [(line, name, _("created"), "") for line, name in data["created"]]
    rows += [(line, name, _("skipped as a duplicate"), why) for line, name, why in data["skipped"]]
    rows += [(line, name, _("rejected"), why) for line, name, why in data["rejected"]]
    rows.sort()
    return export_response(
        headers=[_("Row"), _("Legal name"), _("Result"), _("Reason")],
        rows=rows,
        filename="import-report",
        fmt="csv",
    )


@login_required
def import_template(request, fmt):
    _require_office(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return export_response(
        headers=imports.COLUMNS,
        rows=[[imports.EXAMPLE[c] for c in imports.COLUMNS]],
        filename="organisations-template",
        fmt=fmt,
    )
