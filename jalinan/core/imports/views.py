"""The registers page: every register the office may import, its template and its last
import; upload → preview (a dry run) → confirm → the per-row report. OIL only."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalinan.core.exports import export_response
from jalinan.core.models import ImportRun
from jalinan.core.pagination import paginate
from jalinan.core.tabular import ImportFileError

from . import engine, selectors, services
from .registry import Register, get_register, registers_for

RESULT_LABELS = {
    engine.CREATED: gettext_lazy("created"),
    engine.UPDATED: gettext_lazy("updated"),
    engine.UNCHANGED: gettext_lazy("unchanged"),
    engine.REJECTED: gettext_lazy("rejected"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )
    documents = forms.FileField(
        label=gettext_lazy("Documents (ZIP, optional)"),
        required=False,
        help_text=gettext_lazy("Each file's name starts with the reference of its row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip", "class": "form-control"}),
    )


def _register_for(user, key: str) -> Register:
    register = get_register(key)
    if register is None or not register.can_import(user):
        raise Http404
    return register


@login_required
def register_list(request):
    regs = registers_for(request.user)
    if not regs:
        raise Http404
    last = selectors.last_runs([r.key for r in regs])
    return render(
        request,
        "core/registers/list.html",
        {"registers": [(r, last.get(r.key)) for r in regs]},
    )


@login_required
def register_template(request, key: str, fmt: str):
    register = _register_for(request.user, key)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    headers, rows = engine.template_table(register)
    return export_response(headers=headers, rows=rows, filename=f"{register.key}-template", fmt=fmt)


@login_required
def register_import(request, key: str):
    register = _register_for(request.user, key)
    form = UploadForm(request.POST or None, request.FILES or None)
    if not register.attachments:
        del form.fields["documents"]
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        docs = form.cleaned_data.get("documents")
        try:
            limit = settings.JALINAN_MAX_IMPORT_BYTES
            if upload.size > limit:
                raise ImportFileError(
                    _("The file is larger than %(mb).0f MB.") % {"mb": limit / 1024 / 1024}
                )
            rows = engine.read_file(register, upload.name, upload.read())
            zipped = docs.read() if docs else None
            attachments = engine.read_attachments(docs.name, zipped) if docs and zipped else None
        except ImportFileError as exc:
            error = str(exc)
        else:
            report = engine.run(
                register,
                rows,
                by=request.user,
                filename=upload.name,
                dry_run=True,
                attachments=attachments,
            )
            token = engine.save_preview(
                register,
                user_id=request.user.pk,
                filename=upload.name,
                rows=rows,
                report=report,
                attachments=zipped,
                attachments_name=docs.name if docs else "",
            )
            return redirect("core:register_preview", key=register.key, token=token)
    return render(
        request,
        "core/registers/import.html",
        {"register": register, "form": form, "error": error},
    )


@login_required
def register_preview(request, key: str, token: str):
    register = _register_for(request.user, key)
    preview = engine.load_preview(register, token, user_id=request.user.pk)
    if preview is None:
        raise Http404
    if request.method == "POST":
        report = engine.run(
            register,
            preview.rows,
            by=request.user,
            filename=preview.filename,
            attachments=preview.attachments,
        )
        run = services.import_run_record(register=register, report=report, by=request.user)
        engine.discard_preview(token)
        return redirect("core:register_run", pk=run.pk)
    return render(
        request,
        "core/registers/report.html",
        {
            "register": register,
            "report": preview.report,
            "page": _rows(request, preview.report),
            "counts": preview.report.counts,
            "preview": preview,
        },
    )


@login_required
def register_run(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    register = _register_for(request.user, run.register)
    report = engine.Report.from_dict(run.report)
    if request.GET.get("export") in ("csv", "xlsx"):
        return export_response(
            headers=[_("Row"), _("Reference"), _("Result"), _("Messages"), _("Notes")],
            rows=[
                (
                    r.line,
                    r.reference,
                    str(RESULT_LABELS[r.outcome]),
                    "; ".join(r.messages),
                    "; ".join(r.notes),
                )
                for r in report.rows
            ],
            filename=f"{register.key}-import-report",
            fmt=request.GET["export"],
        )
    return render(
        request,
        "core/registers/report.html",
        {
            "register": register,
            "report": report,
            "page": _rows(request, report),
            "counts": report.counts,
            "run": run,
        },
    )


REPORT_PAGE_SIZE = 100


def _rows(request, report: engine.Report):
    """The page of the report's rows asked for (``?page=``), the refused ones alone with
    ``?only=rejected``: a preview of thousands of rows stays a page long."""
    rows = report.rows
    if request.GET.get("only") == "rejected":
        rows = [r for r in rows if r.outcome == engine.REJECTED]
    page = paginate(request, rows, REPORT_PAGE_SIZE)
    page.object_list = [{"row": r, "result": RESULT_LABELS[r.outcome]} for r in page.object_list]
    return page
