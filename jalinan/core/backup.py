"""Backup and restore of the whole site: the database and the uploaded files, in one archive.

The archive (``.tar.gz``) holds::

    manifest.json   format version, migration state, row count per table, file list with sha256
    db.jsonl        every row of every model (Django's JSON lines, primary keys kept)
    media/...       every file under MEDIA_ROOT

Primary keys are kept (no natural keys), content types and permissions included: a restore
flushes the database without recreating them and loads every row with its id, so the audit log
keeps its ids and order and every generic relation (content type + object id) still points
where it pointed. The same archive restores on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT_VERSION = 1
# Tables a fresh `migrate` fills by itself: a database holding only these counts as empty.
MIGRATE_FILLS = {"django_content_type", "auth_permission"}


class BackupError(Exception):
    """Why a backup or restore refused to run or failed its verification."""


def tables() -> dict[str, type[Model]]:
    """Every table Django manages, many-to-many tables included, by name."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            found[meta.db_table] = model
    return dict(sorted(found.items()))


def row_counts() -> dict[str, int]:
    return {name: model._base_manager.count() for name, model in tables().items()}


def migration_state() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "Uploaded files are not in a local folder (JALINAN_STORAGE=s3): back them up with "
            "the store's own versioning; this command handles the local media folder only."
        )
    return Path(settings.MEDIA_ROOT)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, dict]:
    """Every file under ``root`` by its relative POSIX path: size and sha256."""
    found = {}
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                rel = path.relative_to(root).as_posix()
                found[rel] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    return found


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds (as JavaScript does); a backup keeps the
    microseconds, or rows created in the same millisecond would change order."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def dump_rows(path: Path) -> None:
    """Every row of every model, primary keys kept, as JSON lines (what `dumpdata --format
    jsonl` writes, without its loss of microseconds); `loaddata` reads it back."""
    with path.open("w", encoding="utf-8") as stream:
        for model in apps.get_models():
            meta = model._meta
            if not meta.managed or meta.proxy or meta.swapped:
                continue
            rows = model._base_manager.order_by(meta.pk.name).iterator(chunk_size=2000)
            serializers.serialize("jsonl", rows, stream=stream, cls=ExactEncoder)


def backup(output: Path) -> dict:
    """Write the archive to ``output``; returns its manifest."""
    media = _media_root()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as tmp:
        dump = Path(tmp) / "db.jsonl"
        # One transaction: the rows and their counts are one consistent picture.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            dump_rows(dump)
            counts = row_counts()
            migrations = migration_state()
        files = media_files(media)
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "row_counts": counts,
            "database_dump": {"name": "db.jsonl", "sha256": _sha256(dump)},
            "files": files,
        }
        partial = Path(tmp) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname="db.jsonl")
            for rel in files:
                tar.add(media / rel, arcname=f"media/{rel}")
        os.replace(partial, output)  # never a half-written archive under the final name
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            return json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive} is not a Jalinan backup: {exc}") from exc


def database_is_empty() -> bool:
    return not any(n for t, n in row_counts().items() if t not in MIGRATE_FILLS)


def check_compatible(manifest: dict) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"The backup's format version is {version}; this Jalinan reads version "
            f"{FORMAT_VERSION}."
        )
    ours = migration_state()
    theirs = sorted(list(m) for m in manifest.get("migrations", []))
    if ours != theirs:
        missing = [f"{a}.{n}" for a, n in theirs if [a, n] not in ours]
        extra = [f"{a}.{n}" for a, n in ours if [a, n] not in theirs]
        raise BackupError(
            "The database's migrations differ from the backup's: "
            f"not applied here: {', '.join(missing[:10]) or 'none'}; "
            f"applied here only: {', '.join(extra[:10]) or 'none'}. "
            "Run the code version the backup was made with (then `migrate`)."
        )


def _safe_member(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"Refusing a file outside the media folder: {name}")
    return name


def _set_constraints(mode: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")


def _reset_sequences() -> None:
    """What `sqlsequencereset` prints, for every table: new rows continue after the loaded ids."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(tables().values()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def restore(archive: Path, *, force: bool) -> dict:
    """Replace the database and the media folder by the archive's; verify counts and hashes."""
    manifest = read_manifest(archive)
    check_compatible(manifest)
    media = _media_root()
    if not force and (not database_is_empty() or media_files(media)):
        raise BackupError(
            "The database or the media folder is not empty: restoring replaces everything in "
            "them. Run again with --yes to confirm."
        )
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restore-") as tmp:
        staged = Path(tmp) / "media"
        staged.mkdir()
        dump = Path(tmp) / "db.jsonl"
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if member.name == "db.jsonl":
                    tar.extract(member, tmp, filter="data")
                elif member.name.startswith("media/") and member.isfile():
                    _safe_member(member.name[len("media/") :])
                    tar.extract(member, tmp, filter="data")
        if _sha256(dump) != manifest["database_dump"]["sha256"]:
            raise BackupError("The database dump does not match its checksum in the manifest.")
        _verify_files(staged, manifest["files"])

        with transaction.atomic():
            # PostgreSQL refuses to TRUNCATE a table with deferred checks still pending (rows
            # written earlier in an enclosing transaction): run them now, defer them again for
            # the load (rows arrive table by table, their references checked at the end).
            _set_constraints("IMMEDIATE")
            # Content types and permissions are loaded with their ids, not recreated.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            _set_constraints("DEFERRED")
            call_command("loaddata", str(dump), verbosity=0)
            _reset_sequences()
            counts = row_counts()
            expected = manifest["row_counts"]
            wrong = {
                t: (expected.get(t), counts.get(t))
                for t in set(counts) | set(expected)
                if counts.get(t) != expected.get(t)
            }
            if wrong:
                # Rolled back: the database is as it was before the restore.
                raise BackupError(f"Row counts differ from the manifest (expected, found): {wrong}")

        # The database is committed; now swap the media folder in one rename.
        old = Path(tmp) / "old-media"
        if media.exists():
            media.rename(old)
        staged.rename(media)
        shutil.rmtree(old, ignore_errors=True)
    _verify_files(media, manifest["files"])
    return manifest


def _verify_files(root: Path, expected: dict) -> None:
    found = media_files(root)
    if set(found) != set(expected):
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        raise BackupError(f"Files differ from the manifest: missing {missing}, extra {extra}")
    bad = [rel for rel, meta in expected.items() if found[rel]["sha256"] != meta["sha256"]]
    if bad:
        raise BackupError(f"Files whose content does not match the manifest: {bad}")
