"""Tokens made before scopes existed keep working after the migration: read-write in every
area, their expiry kept or set 90 days on, and tied to their user's current password."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0004_legal_and_ip_committee_groups")]
AFTER = [("accounts", "0006_api_token_stamp_existing")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_become_read_write_everywhere_with_an_expiry(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Token = old.get_model("accounts", "ApiToken")
    user = User.objects.create(email="old@example.test", full_name="Old", password="md5$x$y")
    kept = timezone.now() + timedelta(days=5)
    Token.objects.create(user=user, name="no expiry", token_hash="a" * 64, hint="jal_aaaa")
    Token.objects.create(
        user=user, name="expiring", token_hash="b" * 64, hint="jal_bbbb", expires_at=kept
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # The current models read the tokens: bring the schema up to date (later migrations add
    # columns to the user), which also leaves the database as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from jalinan.accounts.models import ApiToken

    tokens = {t.name: t for t in ApiToken.objects.select_related("user")}
    assert all(t.scopes == {"*": "write"} for t in tokens.values())
    assert all(not t.password_changed for t in tokens.values())
    assert tokens["expiring"].expires_at == kept
    left = tokens["no expiry"].expires_at - timezone.now()
    assert timedelta(days=89) < left <= timedelta(days=90)
