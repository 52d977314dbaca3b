#!/usr/bin/env bash
# The load test of `make load`; run it through scripts/with-postgres (a throw-away PostgreSQL):
#   LOAD_USERS=50 LOAD_SPAWN=10 LOAD_TIME=10m bash scripts/with-postgres bash scripts/load.sh
# Starts Redis and a Celery worker and gunicorn on free loopback ports, seeds the demo data,
# measures each page kind's query count (scripts/page_queries.py), runs the locust scenario
# (scripts/locustfile.py) headless, and prints one JSON report on stdout (scripts/load_report.py).
# FAULTS=1 runs scripts/faults.py during the load and adds its outcomes to the report; then
# (LOAD_BACKUP=1, the default) the site is stopped and backed up and restored, timed.
# Everything listens on 127.0.0.1 only and is stopped at the end; logs stay in LOAD_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
: "${DATABASE_URL:?run through scripts/with-postgres (it sets DATABASE_URL)}"
USERS=${LOAD_USERS:-50}
SPAWN=${LOAD_SPAWN:-10}
RUN_TIME=${LOAD_TIME:-10m}
WEB_WORKERS=${LOAD_WEB_WORKERS:-4}
command -v redis-server >/dev/null || { echo "load: redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }

LOAD_DIR=${LOAD_DIR:-$(mktemp -d /tmp/jalinan-load-XXXXXX)}
mkdir -p "$LOAD_DIR"
log() { echo "[load] $*" >&2; }
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

export JALINAN_DATA_DIR="$LOAD_DIR/data" MEDIA_ROOT="$LOAD_DIR/data/media"
export JALINAN_EMBEDDING_CACHE_DIR="${JALINAN_EMBEDDING_CACHE_DIR:-$ROOT/var/models}"
export DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost,testserver LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1

pids=()
cleanup() {
  # faults.py starts Redis again after stopping it: its pid is in redis.pid.
  [ -f "$LOAD_DIR/redis.pid" ] && pids+=("$(cat "$LOAD_DIR/redis.pid")")
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

log "data and logs in $LOAD_DIR"
log "migrate + seed_demo (in-process background work, before the broker exists)"
.venv/bin/python manage.py migrate --no-input -v 0
started=$(date +%s)
.venv/bin/python manage.py seed_demo >"$LOAD_DIR/seed.log" 2>&1
log "seeded in $(( $(date +%s) - started ))s"

log "query counts per page kind"
.venv/bin/python scripts/page_queries.py >"$LOAD_DIR/queries.json"

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
  >"$LOAD_DIR/redis.log" 2>&1 &
pids+=($!)
export REDIS_PORT REDIS_PID=$!
export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0" CELERY_RESULT_BACKEND=""
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

.venv/bin/celery -A jalinan worker --concurrency=1 --loglevel=INFO \
  >"$LOAD_DIR/worker.log" 2>&1 &
pids+=($!)
export WORKER_PID=$!

WEB_PORT=$(free_port)
export WEB_URL="http://127.0.0.1:$WEB_PORT"
.venv/bin/gunicorn jalinan.wsgi:application --bind "127.0.0.1:$WEB_PORT" \
  --workers "$WEB_WORKERS" --timeout 60 --access-logfile "$LOAD_DIR/access.log" \
  >"$LOAD_DIR/gunicorn.log" 2>&1 &
pids+=($!)
export GUNICORN_PID=$!
for _ in $(seq 120); do curl -fs -o /dev/null "$WEB_URL/" && break; sleep 0.5; done
curl -fs -o /dev/null "$WEB_URL/" || { log "gunicorn did not answer; see $LOAD_DIR/gunicorn.log"; exit 1; }
log "gunicorn ($WEB_WORKERS workers) on $WEB_URL, redis on $REDIS_PORT, worker $WORKER_PID"

faults_json=""
if [ "${FAULTS:-0}" = 1 ]; then
  export LOAD_DIR
  .venv/bin/python scripts/faults.py >"$LOAD_DIR/faults.json" 2>"$LOAD_DIR/faults.log" &
  faults_pid=$!
  faults_json="$LOAD_DIR/faults.json"
fi

log "locust: $USERS users, spawn $SPAWN/s, for $RUN_TIME"
.venv/bin/locust -f scripts/locustfile.py --headless --users "$USERS" --spawn-rate "$SPAWN" \
  --run-time "$RUN_TIME" --host "$WEB_URL" --csv "$LOAD_DIR/locust" --only-summary \
  --loglevel WARNING >"$LOAD_DIR/locust.log" 2>&1 || true  # failures are counted in the report
if [ -n "$faults_json" ]; then wait "$faults_pid" || true; fi

backup_json=-
if [ "${LOAD_BACKUP:-1}" = 1 ]; then
  # The backup drill at demo size: stop the site, back up, restore over it, timed.
  kill "$GUNICORN_PID" "$WORKER_PID" 2>/dev/null || true
  sleep 2
  archive="$LOAD_DIR/backup.tar.gz"
  t0=$(date +%s.%N)
  .venv/bin/python manage.py backup --output "$archive" >"$LOAD_DIR/backup.log" 2>&1
  t1=$(date +%s.%N)
  .venv/bin/python manage.py restore "$archive" --yes >>"$LOAD_DIR/backup.log" 2>&1 && restored=true || restored=false
  t2=$(date +%s.%N)
  .venv/bin/python - "$archive" "$t0" "$t1" "$t2" "$restored" >"$LOAD_DIR/backup.json" <<'PY'
import json, os, sys, tarfile
archive, t0, t1, t2, ok = sys.argv[1:]
with tarfile.open(archive) as tar:
    manifest = json.load(tar.extractfile("manifest.json"))
print(json.dumps({
    "rows": sum(manifest["row_counts"].values()),
    "tables": len(manifest["row_counts"]),
    "files": len(manifest["files"]),
    "archive_mb": round(os.path.getsize(archive) / 2**20, 1),
    "backup_seconds": round(float(t1) - float(t0), 1),
    "restore_seconds": round(float(t2) - float(t1), 1),
    "restore_verified": ok == "true",
}))
PY
  backup_json="$LOAD_DIR/backup.json"
fi

.venv/bin/python scripts/load_report.py "$LOAD_DIR/locust_stats.csv" "$LOAD_DIR/queries.json" \
  "${faults_json:--}" "$backup_json"
