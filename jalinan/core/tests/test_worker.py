"""A real Redis and a real Celery worker: tasks leave the web process and come back done."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    exe = shutil.which("redis-server")
    if exe is None:
        if os.environ.get("CI") or os.environ.get("JALINAN_REQUIRE_SERVICES"):
            pytest.fail("redis-server is not installed (apt-get install redis-server)")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def worker(redis_url, tmp_path_factory):
    data = tmp_path_factory.mktemp("worker")
    env = {
        **os.environ,
        "CELERY_BROKER_URL": redis_url,
        "JALINAN_DATA_DIR": str(data),
        "EMAIL_BACKEND_FILE_PATH": str(data / "mail"),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "jalinan",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield {"env": env, "data": data}
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def _client_app(redis_url):
    from celery import Celery

    app = Celery("jalinan-test-client", broker=redis_url, backend=redis_url)
    app.conf.task_always_eager = False
    return app


def test_a_task_runs_in_the_worker_and_returns(redis_url, worker):
    app = _client_app(redis_url)
    result = app.send_task("jalinan.core.tasks.ping", args=["x"])
    assert result.get(timeout=60) == "pong:x"


def test_digest_job_runs_in_the_worker(redis_url, worker):
    """The worker has the database too: a job that reads it runs there and reports back."""
    app = _client_app(redis_url)
    result = app.send_task("jalinan.core.tasks.send_digests")
    assert result.get(timeout=60) == 0
