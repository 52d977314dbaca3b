"""Secrets kept in the database (an identity provider's client secret) are stored encrypted
with a key derived from ``SECRET_KEY`` (Fernet: AES-128-CBC with an HMAC), so a copy of the
database or a backup alone does not hand them out. A value encrypted under a key of
``SECRET_KEY_FALLBACKS`` is still read after a rotation; one that no key opens reads as empty
(the page then asks for it again) rather than failing the request."""

from __future__ import annotations

import base64
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

log = logging.getLogger(__name__)

PREFIX = "enc1:"


def _fernet(purpose: str) -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"{purpose}:{k}".encode()).digest()))
            for k in keys
        ]
    )


def encrypt(value: str, purpose: str) -> str:
    if not value:
        return ""
    return PREFIX + _fernet(purpose).encrypt(value.encode()).decode()


def decrypt(stored: str, purpose: str) -> str:
    if not stored:
        return ""
    if not stored.startswith(PREFIX):  # written before encryption: read as it is
        return stored
    try:
        return _fernet(purpose).decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        log.warning("A stored %s could not be decrypted (SECRET_KEY changed?)", purpose)
        return ""


class EncryptedTextField(models.TextField):
    """A text field whose value is encrypted in the database (see the module's docstring);
    the model reads and writes plain text. Not searchable nor filterable by value."""

    def __init__(self, *args, purpose: str = "field", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value, self.purpose) if value is not None else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value, self.purpose) if value else value
