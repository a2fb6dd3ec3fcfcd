"""Choose the database for tests and the demo, and say which.

Order: DATABASE_URL when set; else a PostgreSQL answering on the local socket or
127.0.0.1:5432; else SQLite. With CI=true, PostgreSQL is required and its absence fails.
`python -m sousei.dbprobe --shell` prints an `export DATABASE_URL=…` line for the Makefile.
"""

from __future__ import annotations

import os
import shlex
import sys
from urllib.parse import urlsplit, urlunsplit

CANDIDATES = (
    "postgres://postgres@/sousei?host=/var/run/postgresql",
    "postgres://postgres@127.0.0.1:5432/sousei",
)


def _split(url: str) -> tuple[str, str]:
    """(database name, the same URL pointing at the `postgres` maintenance database)."""
    parts = urlsplit(url)
    return parts.path.lstrip("/"), urlunsplit(parts._replace(path="/postgres"))


def _answers(url: str) -> bool:
    import psycopg

    # Probe the server through its maintenance database: the app database may not exist yet.
    try:
        with psycopg.connect(_split(url)[1], connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def ensure_database(url: str) -> None:
    """Create the app database on the server when it is missing (the demo needs it)."""
    import psycopg
    from psycopg import sql

    name, maintenance = _split(url)
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))


def choose() -> tuple[str | None, str]:
    """Return (DATABASE_URL or None for SQLite, a sentence saying which)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        kind = "PostgreSQL" if url.startswith("postgres") else "the database"
        return url, f"using {kind} from DATABASE_URL"
    for candidate in CANDIDATES:
        if _answers(candidate):
            return candidate, f"using PostgreSQL at {candidate}"
    return None, "using SQLite (no PostgreSQL answered on the local socket or 127.0.0.1:5432)"


def main() -> int:
    url, sentence = choose()
    ci = os.environ.get("CI", "").lower() == "true"
    if ci and (url is None or not url.startswith("postgres")):
        print(
            "CI=true needs PostgreSQL, and none answered: set DATABASE_URL or start the server.",
            file=sys.stderr,
        )
        if "--shell" in sys.argv:
            print("exit 1")
        return 1
    print(f"database: {sentence}", file=sys.stderr)
    if "--shell" in sys.argv:
        print(f"export DATABASE_URL={shlex.quote(url)}" if url else "unset DATABASE_URL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
