"""The client secret given on the Single sign-on page is stored encrypted: the database (and so
a backup) holds no usable secret, the page's provider still gets it, a SECRET_KEY rotation with
the old key in SECRET_KEY_FALLBACKS keeps it readable, and an unknown key reads as empty (the
page asks for it again) instead of failing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from jalinan.sso.models import IdentityProvider

pytestmark = pytest.mark.django_db

SECRET = "s3cr3t-from-the-identity-provider"


def _stored(pk) -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT client_secret FROM sso_identityprovider WHERE id = %s", [pk])
        return cur.fetchone()[0]


def test_the_secret_is_encrypted_in_the_database_and_read_back_in_clear():
    row = IdentityProvider.objects.create(
        protocol="oidc", client_id="jalinan", client_secret=SECRET
    )
    stored = _stored(row.pk)
    assert stored.startswith("enc1:") and SECRET not in stored
    assert IdentityProvider.objects.get(pk=row.pk).client_secret == SECRET


def test_a_rotated_key_keeps_it_readable_and_an_unknown_key_reads_empty(settings):
    row = IdentityProvider.objects.create(
        protocol="oidc", client_id="jalinan", client_secret=SECRET
    )
    old = settings.SECRET_KEY
    with override_settings(SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[old]):
        assert IdentityProvider.objects.get(pk=row.pk).client_secret == SECRET
    with override_settings(SECRET_KEY="another-key-" + "y" * 50, SECRET_KEY_FALLBACKS=[]):
        assert IdentityProvider.objects.get(pk=row.pk).client_secret == ""
