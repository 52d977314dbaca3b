"""The backup drill: a varied small world is backed up, wiped (database flushed, media deleted),
restored, and every row of every table and every file compared with what was there before."""

from __future__ import annotations

import base64
import json
import shutil
import tarfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from jalinan.agreements.tests.factories import make_document, make_memo, pdf_upload
from jalinan.challenges.services.attachments import attachment_add
from jalinan.challenges.tests.factories import make_challenge
from jalinan.challenges.tests.factories import make_profile as make_expert
from jalinan.core.audit import AuditEntry
from jalinan.core.backup import MIGRATE_FILLS, tables
from jalinan.core.notifications import notify
from jalinan.placements.tests.factories import (
    make_opening,
    make_placement,
    make_profile,
    make_programme,
)


def _plain(value):
    if isinstance(value, memoryview | bytes | bytearray):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "tolist"):  # a pgvector column read as a NumPy array
        return value.tolist()
    return value


def snapshot() -> dict:
    """Every row of every table as dicts (by primary key), and every file's bytes."""
    rows = {}
    for table, model in tables().items():
        fields = [f.attname for f in model._meta.concrete_fields]
        if model._meta.auto_created:
            # A many-to-many row is its pair: loading re-inserts the pairs with new ids.
            fields = [f for f in fields if f != "id"]
        values = model._base_manager.order_by(*fields).values(*fields)
        rows[table] = [{k: _plain(v) for k, v in row.items()} for row in values]
    root = Path(settings.MEDIA_ROOT)
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return {"rows": rows, "files": files}


@pytest.fixture
def world(oil_admin, officer, coordinator, academic, student, partner_user, org_acme, unit_eng):
    """Users, units, organisations, a memorandum with an uploaded document, an expert with
    publications, a challenge with a specification file, a placement, notifications, audit."""
    memo = make_memo(unit=unit_eng, pic=coordinator, parties=[org_acme], created_by=officer)
    make_document(memo, by=officer)
    make_expert(
        academic,
        keywords=["corrosion", "pipelines"],
        biography="Materials engineer.",
        publications=[
            ("Corrosion of offshore pipelines", "Field study of CO2 corrosion.", 2021),
            ("Inhibitors for mild steel", "Green inhibitors from palm oil.", 2023),
        ],
    )
    challenge = make_challenge(organisation=org_acme, posted_by=partner_user)
    attachment_add(challenge=challenge, by=officer, upload=pdf_upload("spec.pdf"))
    programme = make_programme(unit_eng)
    make_profile(student, programme, consent=True)
    opening = make_opening(org_acme, officer, programmes=[programme])
    make_placement(opening, student, partner_user)
    notify(recipient=officer, kind="agreements.workflow", title="Ünïcode title ✓")
    return memo


def _populated(snap) -> dict:
    return {t: len(r) for t, r in snap["rows"].items() if r}


@pytest.mark.slow
def test_backup_wipe_restore_gives_back_every_row_and_file(world, tmp_path):
    before = snapshot()
    populated = _populated(before)
    # The drill means something only if the world is varied.
    for table in [
        "accounts_user",
        "partners_organisation",
        "agreements_memorandum",
        "agreements_document",
        "experts_publication",
        "challenges_challenge",
        "placements_placement",
        "core_auditentry",
        "core_notification",
        "matching_indexeddoc",
    ]:
        assert populated.get(table), table
    assert len(before["files"]) >= 2
    audit_ids = list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True))

    archive = tmp_path / "backups" / "site.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format_version"] == 1
    assert manifest["row_counts"]["agreements_document"] == populated["agreements_document"]
    assert set(manifest["files"]) == set(before["files"])

    # Disaster: every table emptied, the media folder gone.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the test's own rows are still being checked
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not _populated(snapshot())

    call_command("restore", str(archive), verbosity=0)

    after = snapshot()
    assert after["files"] == before["files"]
    assert after["rows"].keys() == before["rows"].keys()
    for table in before["rows"]:
        assert after["rows"][table] == before["rows"][table], table
    assert list(AuditEntry.objects.order_by("pk").values_list("pk", flat=True)) == audit_ids

    # New rows continue after the restored ids (sequences reset on PostgreSQL).
    notify(recipient=world.person_in_charge, kind="agreements.workflow", title="After restore")


@pytest.mark.slow
def test_restore_refuses_a_database_with_data_without_yes(world, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    count = AuditEntry.objects.count()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), verbosity=0)
    assert AuditEntry.objects.count() == count
    call_command("restore", str(archive), yes=True, verbosity=0)
    assert AuditEntry.objects.count() == count


@pytest.mark.slow
def test_restore_refuses_another_migration_state_and_changes_nothing(world, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}
    manifest["migrations"].append(["agreements", "9999_from_the_future"])
    members["manifest.json"] = json.dumps(manifest).encode()
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, __import__("io").BytesIO(data))
    before = snapshot()
    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(other), yes=True, verbosity=0)
    assert snapshot() == before


def test_only_content_types_and_permissions_count_as_empty():
    assert MIGRATE_FILLS <= set(tables())
    assert "core_auditentry" in tables()
    assert apps.get_model("core", "AuditEntry")._meta.db_table == "core_auditentry"
