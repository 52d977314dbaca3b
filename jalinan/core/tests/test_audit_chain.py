"""The audit log is a hash chain: a changed or deleted entry is found by verify_audit_chain."""

import io
import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from jalinan.core.audit import audit_log
from jalinan.core.models import AuditEntry
from jalinan.partners.models import Organisation


def verify() -> str:
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


@pytest.fixture
def entries(officer, org_acme, org_other):
    written = [
        audit_log(actor=officer, action="create", obj=org_acme),
        audit_log(actor=officer, action="update", obj=org_acme, changes={"city": ["", "Gombak"]}),
        audit_log(actor=None, action="update", obj=org_other, changes={"n": [1, 2.5]}),
        audit_log(actor=officer, action="delete", obj=org_other, message="duplicate"),
    ]
    return [e.pk for e in written]


def test_an_untouched_chain_verifies(entries):
    rows = list(AuditEntry.objects.order_by("id"))
    assert rows[0].prev_hash == "" and all(len(r.row_hash) == 64 for r in rows)
    assert [r.prev_hash for r in rows[1:]] == [r.row_hash for r in rows[:-1]]
    assert verify() == f"OK: {len(rows)} audit entries, chain intact.\n"


def test_a_changed_entry_is_reported(entries):
    AuditEntry.objects.filter(pk=entries[1]).update(changes={"city": ["", "Kuantan"]})
    with pytest.raises(CommandError, match=rf"entry id {entries[1]}: its content does not match"):
        verify()


def test_a_deleted_entry_is_reported_at_the_next_one(entries):
    AuditEntry.objects.filter(pk=entries[2]).delete()
    with pytest.raises(CommandError, match=rf"entry id {entries[3]}: its link"):
        verify()


def test_a_rehashed_entry_still_breaks_the_chain_after_it(entries):
    from jalinan.core.auditchain import row_hash

    entry = AuditEntry.objects.get(pk=entries[1])
    entry.changes = {"city": ["", "Kuantan"]}
    entry.row_hash = row_hash(vars(entry), entry.prev_hash)
    AuditEntry.objects.filter(pk=entry.pk).update(changes=entry.changes, row_hash=entry.row_hash)
    with pytest.raises(CommandError, match=rf"entry id {entries[2]}: its link"):
        verify()


def test_the_command_exits_non_zero_when_broken(entries, capsys):
    from django.core.management import execute_from_command_line

    AuditEntry.objects.filter(pk=entries[0]).update(actor_repr="someone@else.test")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "verify_audit_chain"])
    assert exit_info.value.code != 0
    assert f"entry id {entries[0]}" in capsys.readouterr().err


def test_an_audit_write_costs_one_query_more_than_the_insert(
    officer, org_acme, django_assert_num_queries
):
    audit_log(actor=officer, action="create", obj=org_acme)  # content type cached
    # The last entry's hash and the insert; on PostgreSQL the advisory lock before them.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        audit_log(actor=officer, action="update", obj=org_acme)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite serialises writers itself; the lock under test is PostgreSQL's",
)
def test_entries_written_at_the_same_time_form_one_chain():
    org = Organisation.objects.create(legal_name="Acme", org_type="sme", search_name="acme")
    start = threading.Barrier(4)

    def write(n):
        start.wait()
        try:
            for i in range(15):
                with transaction.atomic():
                    audit_log(actor=None, action="update", obj=org, changes={"n": [n, i]})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert verify() == f"OK: {AuditEntry.objects.count()} audit entries, chain intact.\n"
    assert AuditEntry.objects.count() == 60
