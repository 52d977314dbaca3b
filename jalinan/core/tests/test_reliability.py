"""Faults the product must survive: the database down (503, then recovery) and the broker down
(the work runs in-process, nothing lost)."""

from __future__ import annotations

import socket
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client

from jalinan.core.notifications import notify

DEAD = OperationalError("server closed the connection unexpectedly")


def _database_down():
    return mock.patch("django.db.backends.utils.CursorWrapper._execute", side_effect=DEAD)


def test_a_database_that_is_down_answers_503_and_the_next_request_recovers(db):
    visitor = Client(raise_request_exception=False)
    with _database_down():
        response = visitor.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert b"try again in a few seconds" in response.content
    assert visitor.get("/").status_code == 200


def test_a_signed_in_user_also_gets_503_when_the_session_lookup_fails(officer):
    # The user is looked up by a middleware before any view runs.
    browser = Client(raise_request_exception=False)
    browser.force_login(officer)
    with _database_down():
        response = browser.get("/my-work/")
    assert response.status_code == 503
    assert b"Temporarily unavailable" in response.content
    assert browser.get("/").status_code == 200


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker_down(settings):
    """A broker configured (not eager) on a loopback port where nothing listens."""
    from jalinan.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    app._pool = None
    yield app
    app._pool = None


def test_a_broker_that_is_down_loses_no_email(
    officer, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        n = notify(recipient=officer, kind="agreements.workflow", title="Memorandum to review")
    assert [m.to for m in mail.outbox] == [[officer.email]]
    n.refresh_from_db()
    assert n.emailed_at is not None


def test_a_task_whose_worker_dies_is_requeued_and_running_it_twice_sends_one_email(officer):
    from jalinan.celery import app
    from jalinan.core.tasks import send_notification_email

    app.loader.import_default_modules()
    for name in [
        "jalinan.core.tasks.send_notification_email",
        "jalinan.matching.tasks.embed_pending",
    ]:
        task = app.tasks[name]
        assert task.acks_late and task.reject_on_worker_lost, name

    n = notify(recipient=officer, kind="agreements.workflow", title="Memorandum to review")
    # The worker died after sending but before acknowledging: the task runs again.
    assert send_notification_email(n.pk) is True
    assert send_notification_email(n.pk) is False
    assert len(mail.outbox) == 1
