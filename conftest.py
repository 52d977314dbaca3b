"""The shared cast, as healthchecks does with alice, bob and charlie.

Every view test includes the ``outsider``: signed in, no role, and refused everywhere.
"""

from __future__ import annotations

import os

import pytest

from jalinan.accounts.models import Unit
from jalinan.accounts.roles import Role
from jalinan.accounts.tests.factories import PASSWORD, UnitFactory, UserFactory
from jalinan.partners.tests.factories import OrganisationFactory

__all__ = ["PASSWORD"]  # imported by tests that sign in with a password


@pytest.fixture(autouse=True)
def _fast_and_quiet(request, settings, tmp_path):
    # The SDG classifier's deterministic stand-in encoder, except in tests marked ``model``
    # that measure the real one: other apps' tests classify as a side effect of saving.
    if request.node.get_closest_marker("model") is None:
        settings.JALINAN_SDG_ENCODER = "hashing"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()
    yield
    # A test that switched the language (translation.activate, a Malay user's request) must
    # not leave it switched for the next one.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def unit_eng(db):
    return UnitFactory(
        code="koe",
        name="Kulliyyah of Engineering",
        name_ms="Kulliyyah Kejuruteraan",
        kind=Unit.Kind.KULLIYYAH,
    )


@pytest.fixture
def unit_ict(db):
    return UnitFactory(code="kict", name="Kulliyyah of ICT", kind=Unit.Kind.KULLIYYAH)


@pytest.fixture
def org_acme(db):
    return OrganisationFactory(
        legal_name="Acme Robotics Sdn. Bhd.", org_type="sme", search_name="acme robotics"
    )


@pytest.fixture
def org_other(db):
    return OrganisationFactory(
        legal_name="Borneo Timber Berhad", org_type="glc", search_name="borneo timber"
    )


def _make(email, name, roles, **extra):
    return UserFactory(email=email, full_name=name, roles=roles, **extra)


@pytest.fixture
def oil_admin(db):
    return _make("admin@uni.test", "Aisyah Admin", [Role.OIL_ADMIN])


@pytest.fixture
def officer(db):
    return _make("officer@uni.test", "Omar Officer", [Role.OIL_OFFICER])


@pytest.fixture
def coordinator(db, unit_eng):
    return _make("coord@uni.test", "Chong Coordinator", [Role.COORDINATOR], unit=unit_eng)


@pytest.fixture
def academic(db, unit_eng):
    return _make("academic@uni.test", "Dr Amina Academic", [Role.ACADEMIC], unit=unit_eng)


@pytest.fixture
def ict_academic(db, unit_ict):
    """An academic of another KCDIO (the Kulliyyah of ICT)."""
    return _make("ict@uni.test", "Dr Ravi ICT", [Role.ACADEMIC], unit=unit_ict)


@pytest.fixture
def student(db, unit_eng):
    return _make("student@uni.test", "Siti Student", [Role.STUDENT], unit=unit_eng)


@pytest.fixture
def committee(db):
    return _make("mcom@uni.test", "Kamal Committee", [Role.COMMITTEE, Role.ACADEMIC])


@pytest.fixture
def legal(db):
    return _make("legal@uni.test", "Laila Legal", [Role.LEGAL])


@pytest.fixture
def ip_committee(db):
    return _make("ipc@uni.test", "Ismail IP Committee", [Role.IP_COMMITTEE, Role.ACADEMIC])


@pytest.fixture
def management(db):
    return _make("mgmt@uni.test", "Maryam Management", [Role.MANAGEMENT])


@pytest.fixture
def partner_user(db, org_acme):
    return _make("pat@acme.test", "Pat Partner", [Role.PARTNER], organisation=org_acme)


@pytest.fixture
def other_partner(db, org_other):
    return _make("olly@borneo.test", "Olly Other", [Role.PARTNER], organisation=org_other)


@pytest.fixture
def outsider(db):
    """Signed in, no role: must be refused (404) on every record."""
    return _make("outsider@elsewhere.test", "Oscar Outsider", [])


@pytest.fixture
def client_for(client):
    """``client_for(user)`` gives a test client signed in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_configure(config):
    # Matching embeds with the deterministic stand-in in the tests (no model is loaded) unless
    # JALINAN_EMBEDDER is set in the environment; tests marked ``model`` load the real one.
    if not os.environ.get("JALINAN_EMBEDDER"):
        from django.conf import settings

        settings.JALINAN_EMBEDDER = "hashing"


# Tests that need Chromium or real Redis/worker processes run only when the -m expression names
# their marker (make test-browser, make test-services), so that any other selection, such as
# the fast loop ``pytest -m "not slow"``, leaves them out without saying so.
OPT_IN_MARKERS = ("browser", "services")


def pytest_collection_modifyitems(config, items):
    # Tests on a transactional database empty every table when they end (the migrations' rows
    # too); scripts/test-all runs them apart, after the others, since pytest-xdist would
    # otherwise run another file's tests after one of them on the same worker.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            item.add_marker(pytest.mark.transactional)
    expression = config.getoption("markexpr") or ""
    left_out = [m for m in OPT_IN_MARKERS if m not in expression]
    if left_out:
        keep, drop = [], []
        for item in items:
            (drop if any(item.get_closest_marker(m) for m in left_out) else keep).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"jalinan database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME', '')}"
