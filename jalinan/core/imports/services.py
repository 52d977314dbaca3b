"""Writes of the import framework: an import run, with its audit entry (each row's object has
its own, written by the register's services)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from jalinan.core.audit import audit_log
from jalinan.core.models import ImportRun

from . import engine
from .registry import Register


@transaction.atomic
def import_run_record(*, register: Register, report: engine.Report, by) -> ImportRun:
    """Keep the report of a (real, not dry) import for the registers page."""
    counts = report.counts
    run = ImportRun.objects.create(
        register=register.key,
        by=by if getattr(by, "pk", None) else None,
        filename=report.filename[:255],
        created=counts[engine.CREATED],
        updated=counts[engine.UPDATED],
        unchanged=counts[engine.UNCHANGED],
        rejected=counts[engine.REJECTED],
        report=report.as_dict(),
    )
    audit_log(
        actor=by,
        action="import",
        obj=run,
        message=_(
            "Imported %(file)s into %(register)s: %(c)d created, %(u)d updated, "
            "%(n)d unchanged, %(r)d rejected"
        )
        % {
            "file": report.filename,
            "register": register.key,
            "c": counts[engine.CREATED],
            "u": counts[engine.UPDATED],
            "n": counts[engine.UNCHANGED],
            "r": counts[engine.REJECTED],
        },
    )
    return run


def import_file(
    register: Register,
    *,
    filename: str,
    content: bytes,
    by,
    dry_run: bool = False,
    attachments: dict[str, bytes] | None = None,
) -> tuple[engine.Report, ImportRun | None]:
    """Read, check and write one file (the command line's and the benchmark's way in; the
    page goes through a preview first). Raises ``ImportFileError`` for a file refused whole."""
    rows = engine.read_file(register, filename, content)
    report = engine.run(
        register, rows, by=by, filename=filename, dry_run=dry_run, attachments=attachments
    )
    if dry_run:
        return report, None
    return report, import_run_record(register=register, report=report, by=by)
